// Slack and Teams at once: one kohort, one cohort, each person answered and reached on
// their own platform.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readKohortConfig } from '../../adapters/platforms.js';
import { startKohort, type RunningKohort } from '../../src/kohort.js';
import { createLogger } from '../../src/core/logger.js';
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
let clock: FakeClock;

beforeEach(async () => {
  slack = await new FakeSlack().start();
  addFixtureUsers(slack);
  connector = await new FakeConnector().start();
  db = await freshDatabase();
  await importFixture(db, 'test/fixtures/programs/mixed-cohort.yaml', new Date());
  const config = readKohortConfig({
    PORT: '0',
    DEMO_PROGRAM: '',
    DATA_DIR: db.dataDir,
    SLACK_BOT_TOKEN: 'xoxb-mixed',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    TEAMS_ALLOW_UNAUTHENTICATED: 'true',
    TEAMS_SERVICE_URL: connector.url,
  });
  clock = new FakeClock(new Date());
  kohort = await startKohort(config, createLogger('silent'), clock, db);
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
    expect((await kohort.wiring.ports.delivery.toParticipant(ada!.id, message(text('Påminnelse A')))).delivered).toBe(true);
    expect((await kohort.wiring.ports.delivery.toParticipant(sam!.id, message(text('Påminnelse S')))).delivered).toBe(true);
    expect(String(slack.callsOf('chat.postMessage').at(-1)?.args.text)).toContain('Påminnelse A');
    expect(JSON.stringify(FakeConnector.cardOf(connector.sent().at(-1)!))).toContain('Påminnelse S');
    expect(JSON.stringify(slack.calls)).not.toContain('Påminnelse S');
  });

  it('posts the group summary to the cohort channel on both platforms, the long part in each thread', async () => {
    const planned = await db.prisma.outboundMessage.findMany({ where: { kind: 'summary' } });
    expect(planned).toHaveLength(2);
    const ada = await db.prisma.participant.findFirstOrThrow({ where: { key: 'ada' } });
    const prep = await db.prisma.preparation.findFirstOrThrow({ where: { key: 'las-intro' } });
    await kohort.wiring.ports.reminders.markDone(ada.id, prep.id, clock.now());
    clock.set(planned[0]!.dueAt);
    await kohort.scheduler.tick();

    const [main, reply] = slack.callsOf('chat.postMessage').filter((c) => c.args.channel === 'C0KOHORT');
    expect(String(main!.args.text)).toContain('Inför modul 1: Uppstart');
    expect(JSON.stringify(main!.args.blocks)).toContain('Läs introduktionen: 1 av 2 klara');
    expect(reply!.args.thread_ts).toMatch(/^1700000000\.\d+$/);
    expect(JSON.stringify(reply!.args.blocks)).toContain('Mognadstestet');

    const teams = connector.sent().filter((c) => c.conversationId.startsWith('19:kohort@thread.tacv2'));
    expect(teams).toHaveLength(2);
    expect(JSON.stringify(FakeConnector.cardOf(teams[0]!))).toContain('Läs introduktionen: 1 av 2 klara');
    expect(teams[1]!.conversationId).toBe(`19:kohort@thread.tacv2;messageid=${teams[0]!.activityId}`);
    expect(JSON.stringify(FakeConnector.cardOf(teams[1]!))).toContain('Sluta göra');
  });
});
