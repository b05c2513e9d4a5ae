// Whole conversations in Teams against the fake connector: clicking card buttons with
// Action.Execute and Action.Submit, a proactive message after a restart from the stored
// reference alone, a person who removed the app, Teams throttling, and the token check.
import { afterEach, describe, expect, it } from 'vitest';
import { message, text } from '../../src/ui/model.js';
import { FakeConnector } from '../helpers/fake-connector.js';
import { postActivity, startTeamsKohort, teamsFixture } from '../helpers/teams-kohort.js';

type Kohort = Awaited<ReturnType<typeof startTeamsKohort>>;
const running: Kohort[] = [];
async function start(options?: Parameters<typeof startTeamsKohort>[0]): Promise<Kohort> {
  const k = await startTeamsKohort(options);
  running.push(k);
  return k;
}
afterEach(async () => {
  for (const k of running.splice(0).reverse()) await k.stop();
});

let counter = 0;
/** Sam (Swedish, participant) writes in his personal chat with kohort. */
async function samSays(k: Kohort, textTyped: string): Promise<void> {
  const activity = teamsFixture('install-personal.activity.json', k.connector.url);
  Object.assign(activity, { type: 'message', text: textTyped, id: `sam-${++counter}` });
  delete activity.membersAdded;
  expect((await postActivity(k.url, activity)).status).toBe(200);
  await k.kohort.idle();
}

/** The data of the button titled `title` on a card kohort sent. */
function buttonData(call: { body: Record<string, any> }, title: string): Record<string, unknown> {
  const actions = (FakeConnector.cardOf(call).body as any[]).filter((e) => e.type === 'ActionSet').flatMap((e) => e.actions);
  const action = actions.find((a: any) => a.title === title);
  expect(action?.type).toBe('Action.Execute');
  expect(action?.fallback?.type).toBe('Action.Submit');
  return action.data;
}

describe('a participant in Teams', () => {
  it('clicks a card button (Action.Execute): the choice is recorded and the invoke answers with the updated card', async () => {
    const k = await start();
    await samSays(k, 'hjälp');
    const help = k.connector.sent()[0]!;
    const data = buttonData(help, 'In English');
    const invoke = teamsFixture('adaptive-card-action.activity.json', k.connector.url);
    invoke.id = 'f:click-1';
    invoke.replyToId = help.activityId;
    invoke.value = { action: { type: 'Action.Execute', id: '', verb: 'kohort', data }, trigger: 'manual' };
    const response = await postActivity(k.url, invoke);
    expect(response.status).toBe(200);
    const body = JSON.parse(response.body) as { statusCode: number; type: string; value: { body: unknown[] } };
    expect(body.statusCode).toBe(200);
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    const updated = JSON.stringify(body.value.body);
    expect(updated).toContain('✓ In English');
    expect(updated).toContain('Hej Sam!');
    expect(updated).not.toContain('"title":"In English"');
    await k.kohort.idle();
    const sam = await k.db.prisma.participant.findFirstOrThrow({ where: { key: 'sam' } });
    expect(sam.locale).toBe('en');
    expect(JSON.stringify(FakeConnector.cardOf(k.connector.sent()[1]!))).toContain('I will speak English');
  });

  it('clicks a card button on a client without Universal Actions (Action.Submit): the card is updated in place', async () => {
    const k = await start();
    await samSays(k, 'hjälp');
    const help = k.connector.sent()[0]!;
    const submit = teamsFixture('install-personal.activity.json', k.connector.url);
    Object.assign(submit, { type: 'message', id: 'sam-submit', replyToId: help.activityId, value: buttonData(help, 'Min status') });
    delete submit.membersAdded;
    await postActivity(k.url, submit);
    await k.kohort.idle();
    const [update] = k.connector.calls.filter((c) => c.verb === 'update');
    expect(update?.activityId).toBe(help.activityId);
    expect(JSON.stringify(FakeConnector.cardOf(update!))).toContain('✓ Min status');
    expect(JSON.stringify(FakeConnector.cardOf(k.connector.sent()[1]!))).toContain('Din status');
  });

  it('joins with a code typed into the card’s text field', async () => {
    const k = await start();
    const visitor = teamsFixture('message-personal.activity.json', k.connector.url);
    Object.assign(visitor, { text: 'hjälp', id: 'v-1', from: { id: '29:visitor', name: 'Vera', aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000001' } });
    await postActivity(k.url, visitor);
    await k.kohort.idle();
    const help = k.connector.sent()[0]!;
    const card = FakeConnector.cardOf(help);
    const input = (card.body as any[]).find((e) => e.type === 'Input.Text');
    expect(input?.id).toBe('code');
    const submitData = (card.body as any[])
      .filter((e) => e.type === 'ActionSet')
      .flatMap((e) => e.actions)
      .find((a: any) => a.data?.kohort === 'form').data;
    const invoke = teamsFixture('adaptive-card-action.activity.json', k.connector.url);
    Object.assign(invoke, {
      id: 'f:join',
      replyToId: help.activityId,
      from: visitor.from,
      conversation: visitor.conversation,
      value: { action: { type: 'Action.Execute', verb: 'kohort', data: { ...submitData, code: 'teams-1' } } },
    });
    expect((await postActivity(k.url, invoke)).status).toBe(200);
    await k.kohort.idle();
    expect(JSON.stringify(FakeConnector.cardOf(k.connector.sent()[1]!))).toContain('Welcome to Teamskohorten');
    expect(await k.db.prisma.platformIdentity.count({ where: { platform: 'teams', externalId: 'aaaaaaaa-0000-4000-8000-000000000001' } })).toBe(1);
  });

  it('after a restart, reaches a person from the stored conversation reference alone', async () => {
    const first = await start({ keepData: true });
    await postActivity(first.url, teamsFixture('install-personal.activity.json', first.connector.url));
    await first.kohort.idle();
    const connector = first.connector;
    await first.kohort.stop();
    running.splice(running.indexOf(first), 1);

    const second = await start({ connector, dataDir: first.db.dataDir });
    const sam = await second.db.prisma.participant.findFirstOrThrow({ where: { key: 'sam' } });
    const outcome = await second.kohort.wiring.ports.delivery.toParticipant(sam.id, message(text('Påminnelse: läs introduktionen')));
    expect(outcome.delivered).toBe(true);
    const last = connector.sent().at(-1)!;
    expect(last.conversationId).toMatch(/^a:1kNboAJ/);
    expect(JSON.stringify(FakeConnector.cardOf(last))).toContain('Påminnelse');
    await connector.stop();
  });

  it('opens a 1:1 chat for a person known only by their Entra ID object id and tenant', async () => {
    const k = await start({ env: { MICROSOFT_APP_TENANT_ID: 'e600d573-4a4a-4352-a3a8-881120c25b4c' } });
    const tien = await k.db.prisma.participant.findFirstOrThrow({ where: { key: 'tien' } });
    const outcome = await k.kohort.wiring.ports.delivery.toParticipant(tien.id, message(text('Hello')));
    expect(outcome.delivered).toBe(true);
    const [create] = k.connector.calls.filter((c) => c.verb === 'create');
    expect(create?.body).toMatchObject({ isGroup: false, members: [{ id: '6d415fdd-f97e-4f70-ac45-e69601e4ecb2' }], tenantId: 'e600d573-4a4a-4352-a3a8-881120c25b4c' });
    expect(k.connector.sent().at(-1)?.conversationId).toBe('a:opened-6d415fdd-f97e-4f70-ac45-e69601e4ecb2');
  });

  it('marks a person who removed the app unreachable (403) and tells the facilitator, once', async () => {
    const k = await start();
    await postActivity(k.url, teamsFixture('install-personal.activity.json', k.connector.url));
    await k.kohort.idle();
    const sam = await k.db.prisma.participant.findFirstOrThrow({ where: { key: 'sam' } });
    k.connector.script({ status: 403 });
    const first = await k.kohort.wiring.ports.delivery.toParticipant(sam.id, message(text('Påminnelse')));
    k.connector.script({ status: 403 });
    const second = await k.kohort.wiring.ports.delivery.toParticipant(sam.id, message(text('Påminnelse')));
    expect(first).toEqual({ delivered: false, reason: 'forbidden', permanent: true });
    expect(second).toEqual({ delivered: false, reason: 'forbidden', permanent: true });
    const identity = await k.db.prisma.platformIdentity.findFirstOrThrow({ where: { participantId: sam.id, platform: 'teams' } });
    expect(identity.unreachableSince).not.toBeNull();
    // Fia (facilitator, known only by object id) gets one notice in a chat kohort opens.
    const notices = k.connector.sent().filter((c) => c.conversationId === 'a:opened-0b7e9c1a-3f5d-4e2b-9a61-2c8d7f4e5a10');
    expect(notices).toHaveLength(1);
    expect(JSON.stringify(FakeConnector.cardOf(notices[0]!))).toContain('Jag når inte Sam i Teams');
    expect(await k.db.prisma.auditLog.count({ where: { action: 'participant.unreachable' } })).toBe(1);
  });

  it('retries a throttled send (429 with Retry-After) and delivers once', async () => {
    const k = await start();
    k.connector.script({ status: 429, retryAfter: 0 }, 1);
    await samSays(k, 'status');
    const sends = k.connector.calls.filter((c) => c.verb === 'send');
    expect(sends.map((c) => c.conversationId)).toEqual(['refused', expect.stringMatching(/^a:1kNboAJ/)]);
    expect(JSON.stringify(FakeConnector.cardOf(sends[1]!))).toContain('Din status');
  });
});

describe('Teams authentication', () => {
  it('with MICROSOFT_APP_ID set, rejects a request without a valid token with 401 and stores nothing', async () => {
    const k = await start({ env: { TEAMS_ALLOW_UNAUTHENTICATED: 'false', MICROSOFT_APP_ID: '00000000-1111-2222-3333-444444444444', MICROSOFT_APP_PASSWORD: 'secret' } });
    const before = await k.db.prisma.conversationReference.count();
    const events = await k.db.prisma.processedEvent.count();
    const response = await postActivity(k.url, teamsFixture('message-personal.activity.json', k.connector.url));
    expect(response.status).toBe(401);
    const forged = await postActivity(k.url, teamsFixture('message-personal.activity.json', k.connector.url), { authorization: 'Bearer not-a-jwt' });
    expect(forged.status).toBe(401);
    expect(await k.db.prisma.conversationReference.count()).toBe(before);
    expect(await k.db.prisma.processedEvent.count()).toBe(events);
    expect(k.connector.calls).toEqual([]);
  });
});

describe('the maturity test in Teams', () => {
  it('asks one question per card; a click answers it and brings the next; the results card carries the chart', async () => {
    const k = await start();
    await samSays(k, 'test');
    const card = k.connector.sent().at(-1)!;
    expect(JSON.stringify(FakeConnector.cardOf(card))).toContain('Fråga 1 av 30');
    const invoke = teamsFixture('adaptive-card-action.activity.json', k.connector.url);
    invoke.id = 'f:maturity-1';
    invoke.replyToId = card.activityId;
    invoke.value = { action: { type: 'Action.Execute', id: '', verb: 'kohort', data: buttonData(card, '4 Stämmer ganska bra') }, trigger: 'manual' };
    const response = await postActivity(k.url, invoke);
    expect(JSON.stringify((JSON.parse(response.body) as { value: unknown }).value)).toContain('✓ 4 Stämmer ganska bra');
    await k.kohort.idle();
    // Sam has chosen no language; the click arrives with Teams' locale (en-US), the answer follows it.
    expect(JSON.stringify(FakeConnector.cardOf(k.connector.sent().at(-1)!))).toContain('Question 2 of 30');
    // The rest typed, as on a phone.
    for (let n = 1; n < 29; n += 1) await samSays(k, '3');
    await samSays(k, 'hoppa över');
    await samSays(k, 'skicka in');
    const results = JSON.stringify(FakeConnector.cardOf(k.connector.sent().at(-1)!));
    expect(results).toMatch(/Ditt resultat – Nu|Your result – Nu/);
    expect(results).toMatch(/"type":"Image","url":"data:image\/png;base64,iVBORw0KGgo/);
  });
});
