// The recorded Teams activities (test/fixtures/teams), serviceUrl pointed at a fake Bot
// Framework connector, through the real CloudAdapter and teams-ai Application on 127.0.0.1.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeConnector } from '../helpers/fake-connector.js';
import { postActivity, startTeamsKohort, teamsFixture } from '../helpers/teams-kohort.js';

type Kohort = Awaited<ReturnType<typeof startTeamsKohort>>;
let k: Kohort;

beforeEach(async () => {
  k = await startTeamsKohort();
});
afterEach(async () => {
  await k.stop();
});

const fixture = (name: string) => teamsFixture(name, k.connector.url);
const cardText = (call: { body: Record<string, any> }) => JSON.stringify(FakeConnector.cardOf(call));

describe('Teams replay: recorded activities through the real CloudAdapter', () => {
  it('stores the reference and sends a welcome card when installed in a personal chat', async () => {
    const response = await postActivity(k.url, fixture('install-personal.activity.json'));
    expect(response.status).toBe(200);
    await k.kohort.idle();
    const [welcome] = k.connector.sent();
    expect(welcome?.conversationId).toMatch(/^a:1kNboAJ/);
    expect(welcome?.body.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(welcome!)).toContain('Välkommen till kohort');
    const stored = await k.db.prisma.conversationReference.findFirstOrThrow({ where: { platform: 'teams' } });
    expect(stored.reference).toMatchObject({ serviceUrl: k.connector.url, conversation: { id: welcome!.conversationId }, bot: { id: '28:f5d48856-5b42-41a0-8c3a-c5f944b679b0' } });
  });

  it('answers a personal message in the person’s language', async () => {
    const activity = fixture('message-personal.activity.json');
    activity.text = 'status';
    expect((await postActivity(k.url, activity)).status).toBe(200);
    await k.kohort.idle();
    const [reply] = k.connector.sent();
    expect(reply?.conversationId).toBe(activity.conversation.id);
    expect(cardText(reply!)).toContain('Your status');
    expect(cardText(reply!)).toContain('Läs introduktionen');
  });
});
