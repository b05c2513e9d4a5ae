// "Done when", as a new user would try it: `TEAMS_ALLOW_UNAUTHENTICATED=true npm start`
// answers Bot Framework activities at /api/messages with replies reaching the activity's
// serviceUrl; the same flag is refused in production.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/database.js';
import { FakeConnector } from '../helpers/fake-connector.js';
import { exited, runKohort, startKohortProcess, type KohortProcess } from '../helpers/kohort-process.js';
import { postActivity, teamsFixture } from '../helpers/teams-kohort.js';

const dataDir = tempDir('kohort-teams-');
let connector: FakeConnector;
let kohort: KohortProcess;

beforeAll(async () => {
  connector = await new FakeConnector().start();
  kohort = await startKohortProcess({ DATA_DIR: dataDir, TEAMS_ALLOW_UNAUTHENTICATED: 'true' });
});
afterAll(async () => {
  await kohort?.stop();
  await connector?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('kohort process with Teams (Bot Framework Emulator mode)', () => {
  it('warns loudly that requests are not authenticated', () => {
    expect(kohort.output()).toContain('TEAMS_ALLOW_UNAUTHENTICATED=true');
    expect(kohort.output()).toContain('"teams":true');
  });

  it('answers an activity, with the reply posted to the activity’s serviceUrl', async () => {
    const activity = teamsFixture('message-personal.activity.json', connector.url);
    activity.text = 'help';
    expect((await postActivity(kohort.url, activity)).status).toBe(200);
    await connector.waitUntil(() => connector.sent().length === 1);
    const [reply] = connector.sent();
    expect(reply?.conversationId).toBe(activity.conversation.id);
    expect(JSON.stringify(FakeConnector.cardOf(reply!))).toContain('Hi! I am kohort');
    expect((await postActivity(kohort.url, '{not json')).status).toBe(400);
  });

  it('refuses TEAMS_ALLOW_UNAUTHENTICATED when NODE_ENV=production', async () => {
    const prodDir = tempDir('kohort-prod-');
    const child = runKohort({ DATA_DIR: prodDir, NODE_ENV: 'production', TEAMS_ALLOW_UNAUTHENTICATED: 'true' });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    expect(await exited(child)).toBe(2);
    expect(stderr).toContain('TEAMS_ALLOW_UNAUTHENTICATED is refused when NODE_ENV=production');
    rmSync(prodDir, { recursive: true, force: true });
  });
});
