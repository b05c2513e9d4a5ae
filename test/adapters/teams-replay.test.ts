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

  it('ignores other people joining a group chat or a team, and greets a group chat when kohort itself is added', async () => {
    expect((await postActivity(k.url, fixture('conversation-update-members-added-groupchat.activity.json'))).status).toBe(200);
    expect((await postActivity(k.url, fixture('conversation-update-team-member-added.activity.json'))).status).toBe(200);
    await k.kohort.idle();
    expect(k.connector.sent()).toEqual([]);

    const botAdded = fixture('conversation-update-members-added-groupchat.activity.json');
    botAdded.membersAdded = [{ id: botAdded.recipient.id }];
    botAdded.id = 'f:bot-added';
    await postActivity(k.url, botAdded);
    await k.kohort.idle();
    expect(k.connector.sent().map((c) => c.conversationId)).toEqual([botAdded.conversation.id]);
    expect(cardText(k.connector.sent()[0]!)).toContain('Välkommen till kohort');
  });

  it('answers an invoke that is not kohort’s with 200 and an invoke response, and a foreign card submit with nothing', async () => {
    const invoke = await postActivity(k.url, fixture('invoke-channel-card-action.activity.json'));
    expect(invoke.status).toBe(200);
    expect(JSON.parse(invoke.body)).toMatchObject({ statusCode: 200 });
    const universal = await postActivity(k.url, fixture('adaptive-card-action.activity.json'));
    expect(universal.status).toBe(200);
    expect(JSON.parse(universal.body)).toMatchObject({ statusCode: 200 });
    expect((await postActivity(k.url, fixture('message-channel-card-submit.activity.json'))).status).toBe(200);
    await k.kohort.idle();
    expect(k.connector.sent()).toEqual([]);
  });

  it('strips the @mention of kohort in a channel and answers in the person’s 1:1 chat', async () => {
    const activity = fixture('message-channel-card-submit.activity.json');
    delete activity.value;
    activity.text = '<at>kohort</at> help';
    activity.id = 'mention-1';
    await postActivity(k.url, activity);
    await k.kohort.idle();
    // Dave is in no cohort: he gets the visitor's help, privately, in a chat kohort opens.
    const [create] = k.connector.calls.filter((c) => c.verb === 'create');
    expect(create?.body.members).toEqual([{ id: '6b703ce3-6d14-4fe6-b90c-dc5f03657ae4', name: '' }]);
    expect(create?.body.tenantId).toBe('72f988bf-86f1-41af-91ab-2d7cd011db47');
    const [reply] = k.connector.sent();
    expect(reply?.conversationId).toBe('a:opened-6b703ce3-6d14-4fe6-b90c-dc5f03657ae4');
    expect(cardText(reply!)).toContain('Hi! I am kohort');
  });

  it('handles a retried activity once', async () => {
    const activity = fixture('message-personal.activity.json');
    await postActivity(k.url, activity);
    await postActivity(k.url, activity);
    await k.kohort.idle();
    expect(k.connector.sent()).toHaveLength(1);
  });

  it('forgets the conversation when kohort is removed', async () => {
    await postActivity(k.url, fixture('install-personal.activity.json'));
    await k.kohort.idle();
    const removal: Record<string, unknown> = { ...fixture('install-personal.activity.json'), type: 'installationUpdate', action: 'remove', id: 'f:removed' };
    delete removal.membersAdded;
    expect((await postActivity(k.url, removal)).status).toBe(200);
    await k.kohort.idle();
    expect(await k.db.prisma.conversationReference.count({ where: { platform: 'teams' } })).toBe(0);
  });
});
