// "Done when", as a new user would try it: `npm start` with SLACK_BOT_TOKEN,
// SLACK_SIGNING_SECRET and SLACK_API_URL pointing at a local fake Slack answers signed
// Slack requests, rejects unsigned ones, and refuses a token Slack does not accept.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/database.js';
import { deliver, FakeSlack } from '../helpers/fake-slack.js';
import { exited, runKohort, startKohortProcess, type KohortProcess } from '../helpers/kohort-process.js';
import { fixture } from '../helpers/slack-kohort.js';

const secret = 'process-test-secret';
const dataDir = tempDir('kohort-slack-');
let fake: FakeSlack;
let kohort: KohortProcess;

beforeAll(async () => {
  fake = await new FakeSlack().start();
  fake.addUser({ id: 'UMIA', name: 'Mia', locale: 'en-US' });
  kohort = await startKohortProcess({ DATA_DIR: dataDir, SLACK_BOT_TOKEN: 'xoxb-process', SLACK_SIGNING_SECRET: secret, SLACK_API_URL: fake.apiUrl });
});
afterAll(async () => {
  await kohort?.stop();
  await fake?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('kohort process with Slack', () => {
  it('starts with Slack over HTTP, checks its token once, and turns the playground off', async () => {
    expect(fake.callsOf('auth.test').map((c) => c.token)).toEqual(['xoxb-process']);
    expect(kohort.output()).toContain('"slack":"http"');
    expect((await fetch(`${kohort.url}/`)).status).toBe(404);
  });

  it('answers a signed DM and a slash command, and rejects an unsigned request', async () => {
    const dm = fixture('MessageBody.json')
      .replace(/"userId"/g, '"UMIA"')
      .replace('"text": "Hello"', '"text": "help"');
    expect((await deliver(kohort.url, dm, { secret })).status).toBe(200);
    await fake.waitUntil(() => fake.callsOf('chat.postMessage').length === 1);
    const post = fake.callsOf('chat.postMessage')[0]!;
    expect(post.args.channel).toBe('channelId');
    expect(String(post.args.text)).toContain('Hi! I am kohort');

    const slash = fixture('SlashCommandBody.txt')
      .replace(/response_url=[^&]+/, `response_url=${encodeURIComponent(fake.responseUrl('p1'))}`)
      .replace('text=', 'text=status');
    expect((await deliver(kohort.url, slash, { secret, contentType: 'application/x-www-form-urlencoded' })).status).toBe(200);
    await fake.waitUntil(() => fake.responses.length === 1);
    expect(fake.responses[0]?.body.response_type).toBe('ephemeral');

    const forged = await deliver(kohort.url, dm.replace('help', 'status'), { secret: 'wrong' });
    expect(forged.status).toBe(401);
    // No personal data at info: the DM's text and the person's name never reach the log.
    expect(kohort.output()).not.toMatch(/Mia|"help"/);
  });

  it('refuses to start with a token Slack rejects, saying which variable is wrong', async () => {
    const refusing = await new FakeSlack().start();
    refusing.script('auth.test', { status: 200, error: 'invalid_auth' });
    const badDir = tempDir('kohort-badtoken-');
    const child = runKohort({ DATA_DIR: badDir, SLACK_BOT_TOKEN: 'xoxb-revoked', SLACK_SIGNING_SECRET: secret, SLACK_API_URL: refusing.apiUrl });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    expect(await exited(child)).toBe(2);
    expect(stderr).toContain('SLACK_BOT_TOKEN was refused by Slack (invalid_auth)');
    await refusing.stop();
    rmSync(badDir, { recursive: true, force: true });
  });
});
