// Slack and Teams at once: one kohort, one cohort, each person answered and reached on
// their own platform.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startKohort, type RunningKohort } from '../../src/app.js';
import { readConfig } from '../../src/config.js';
import { createLogger } from '../../src/core/logger.js';
import { deliverToParticipant } from '../../src/features/reach.js';
import { message, text } from '../../src/ui/model.js';
import { freshDatabase, type TestDatabase } from '../helpers/database.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { FakeConnector } from '../helpers/fake-connector.js';
import { deliver, FakeSlack } from '../helpers/fake-slack.js';
import { importFixture } from '../helpers/services.js';
import { addFixtureUsers, fixture, SIGNING_SECRET } from '../helpers/slack-kohort.js';
import { postActivity, teamsFixture } from '../helpers/teams-kohort.js';

let slack: FakeSlack;
let connector: FakeConnector;
let db: TestDatabase;
let kohort: RunningKohort;
let url: string;

beforeEach(async () => {
  slack = await new FakeSlack().start();
  addFixtureUsers(slack);
  connector = await new FakeConnector().start();
  db = await freshDatabase();
  await importFixture(db, 'test/fixtures/programs/mixed-cohort.yaml', new Date());
  const config = readConfig({
    PORT: '0',
    DEMO_PROGRAM: '',
    DATA_DIR: db.dataDir,
    SLACK_BOT_TOKEN: 'xoxb-mixed',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    TEAMS_ALLOW_UNAUTHENTICATED: 'true',
    TEAMS_SERVICE_URL: connector.url,
  });
  kohort = await startKohort(config, createLogger('silent'), new FakeClock(new Date()), db);
  url = `http://127.0.0.1:${kohort.port}`;
});
afterEach(async () => {
  await kohort.stop();
  await slack.stop();
  await connector.stop();
});

describe('a cohort on Slack and Teams at once', () => {
  it('answers each person on their platform and reaches each there later', async () => {
    const slackDm = fixture('MessageBody.json').replace('"userId"', '"W111"').replace('"text": "Hello"', '"text": "status"');
    await deliver(url, slackDm, { secret: SIGNING_SECRET });
    const teamsDm = teamsFixture('install-personal.activity.json', connector.url);
    Object.assign(teamsDm, { type: 'message', text: 'status', id: 'sam-status' });
    delete teamsDm.membersAdded;
    await postActivity(url, teamsDm);
    await kohort.idle();
    expect(String(slack.callsOf('chat.postMessage')[0]?.args.text)).toContain('Din status');
    expect(JSON.stringify(FakeConnector.cardOf(connector.sent()[0]!))).toContain('Din status');

    const [ada, sam] = await Promise.all(['ada', 'sam'].map((key) => db.prisma.participant.findFirstOrThrow({ where: { key } })));
    expect((await deliverToParticipant(kohort.services, ada!.id, message(text('Påminnelse A')))).delivered).toBe(true);
    expect((await deliverToParticipant(kohort.services, sam!.id, message(text('Påminnelse S')))).delivered).toBe(true);
    expect(String(slack.callsOf('chat.postMessage').at(-1)?.args.text)).toContain('Påminnelse A');
    expect(JSON.stringify(FakeConnector.cardOf(connector.sent().at(-1)!))).toContain('Påminnelse S');
    expect(JSON.stringify(slack.calls)).not.toContain('Påminnelse S');
  });
});
