// A Teams card as the person sees it, click after click: a click the use case refuses
// leaves the card as it was, a second click on the same card starts from the first one's
// result, and a drop-down is confirmed with its option's title — or, with nothing picked,
// asks for a pick. Driven through the real CloudAdapter with Action.Execute invokes.
import { afterEach, describe, expect, it } from 'vitest';
import { FakeConnector, type ConnectorCall } from '../helpers/fake-connector.js';
import { postActivity, startTeamsKohort, teamsFixture } from '../helpers/teams-kohort.js';

type Kohort = Awaited<ReturnType<typeof startTeamsKohort>>;
let k: Kohort | undefined;
afterEach(async () => {
  await k?.stop();
  k = undefined;
});

let counter = 0;
async function samSays(kohort: Kohort, typed: string): Promise<ConnectorCall> {
  const activity = teamsFixture('install-personal.activity.json', kohort.connector.url);
  Object.assign(activity, { type: 'message', text: typed, id: `sam-card-${++counter}` });
  delete activity.membersAdded;
  await postActivity(kohort.url, activity);
  await kohort.kohort.idle();
  return kohort.connector.sent().at(-1)!;
}

const actionsOf = (card: Record<string, any>): any[] => (card.body as any[]).filter((e) => e.type === 'ActionSet').flatMap((e) => e.actions);

/** Clicks (Action.Execute) the data on the card kohort sent as `call`; resolves with the card the invoke answered, if any. */
async function execute(kohort: Kohort, call: ConnectorCall, data: Record<string, unknown>, inputs: Record<string, unknown> = {}): Promise<Record<string, any> | undefined> {
  const invoke = teamsFixture('adaptive-card-action.activity.json', kohort.connector.url);
  // Sam clicks, in his personal chat, with the locale his client sends with his messages.
  const sam = teamsFixture('install-personal.activity.json', kohort.connector.url);
  Object.assign(invoke, {
    from: sam.from,
    conversation: sam.conversation,
    locale: sam.locale,
    id: `f:card-${++counter}`,
    replyToId: call.activityId,
    value: { action: { type: 'Action.Execute', verb: 'kohort', data: { ...data, ...inputs } }, trigger: 'manual' },
  });
  const response = await postActivity(kohort.url, invoke);
  expect(response.status).toBe(200);
  await kohort.kohort.idle();
  const body = JSON.parse(response.body) as { type: string; value: unknown };
  return body.type === 'application/vnd.microsoft.card.adaptive' ? (body.value as Record<string, any>) : undefined;
}

const button = (card: Record<string, any>, title: (t: string) => boolean) => actionsOf(card).find((a) => title(String(a.title)))!.data as Record<string, unknown>;

describe('Teams cards', () => {
  it('a second click on the same card starts from the card as the person sees it', async () => {
    k = await startTeamsKohort({ program: 'test/fixtures/programs/teams-deadlines.yaml' });
    // status: each deadline has its own Klar, which closes only itself.
    const status = await samSays(k, 'status');
    const card = FakeConnector.cardOf(status);
    const klar = actionsOf(card).filter((a) => a.title === 'Klar');
    expect(klar.length).toBeGreaterThanOrEqual(2);
    const first = await execute(k, status, klar[0]!.data);
    expect(JSON.stringify(first).match(/✓ Klar/g)).toHaveLength(1);
    expect(actionsOf(first!).filter((a) => a.title === 'Klar')).toHaveLength(klar.length - 1);
    // The same card, the next Klar: the first one stays stamped.
    const second = await execute(k, status, klar[1]!.data);
    expect(JSON.stringify(second).match(/✓ Klar/g)).toHaveLength(2);
    expect(actionsOf(second!).filter((a) => a.title === 'Klar')).toHaveLength(klar.length - 2);
  });

  it('an answered question keeps no live controls, and a sent form closes', async () => {
    k = await startTeamsKohort();
    const question = await samSays(k, 'test');
    const answered = await execute(
      k,
      question,
      button(FakeConnector.cardOf(question), (t) => t.startsWith('4 ')),
    );
    expect(JSON.stringify(answered)).toMatch(/✓ 4 /);
    expect(actionsOf(answered!)).toEqual([]);
    // A decision's reason is a form on its card: sent, the card is drawn anew with it (the invoke's answer), still one card.
    const decision = await samSays(k, 'sluta Sluta med pappersprotokoll');
    const form = actionsOf(FakeConnector.cardOf(decision)).find((a) => a.data?.kohort === 'form')!.data as Record<string, unknown>;
    const sent = k.connector.sent().length;
    const redrawn = await execute(k, decision, form, { [String(form.field ?? form.inputId)]: 'Tar en förmiddag i veckan' });
    expect(JSON.stringify(redrawn)).toContain('Tar en förmiddag i veckan');
    expect(k.connector.sent().length).toBe(sent);
  });

  it('a click the use case refuses leaves the card as it was', async () => {
    k = await startTeamsKohort();
    const question = await samSays(k, 'test');
    const card = FakeConnector.cardOf(question);
    const skip = button(card, (t) => t === 'Hoppa över');
    expect(JSON.stringify(await execute(k, question, skip))).toContain('✓ Hoppa över');
    // Skip again on the same (now old) question: nothing changes, and the invoke returns no card.
    expect(await execute(k, question, skip)).toBeUndefined();
    expect(JSON.stringify(FakeConnector.cardOf(k.connector.sent().at(-1)!))).toContain('Den knappen hör till en fråga du redan gått vidare från');
  });

  it('confirms a drop-down with the chosen option’s title, and asks for a pick when none was made', async () => {
    k = await startTeamsKohort({ program: 'test/fixtures/programs/teams-suggestions.yaml' });
    const capture = await samSays(k, 'sluta');
    const card = FakeConnector.cardOf(capture);
    const list = (card.body as any[]).find((e) => e.type === 'Input.ChoiceSet');
    expect(list).toMatchObject({ isRequired: true, errorMessage: 'Välj ett förslag…' });
    const confirm = actionsOf(card).find((a) => a.data?.choiceInput === list.id)!.data as Record<string, unknown>;

    expect(await execute(k, capture, confirm, { [list.id]: '' })).toBeUndefined();
    expect(JSON.stringify(FakeConnector.cardOf(k.connector.sent().at(-1)!))).toContain('Välj ett av alternativen i listan först');
    expect(await k.db.prisma.commitment.count()).toBe(0);

    const chosen = await execute(k, capture, confirm, { [list.id]: 'curla' });
    expect(JSON.stringify(chosen)).toContain('✓ Sluta curla');
    expect(JSON.stringify(chosen)).not.toContain('✓ curla');
    expect(await k.db.prisma.commitment.findFirstOrThrow()).toMatchObject({ text: 'Sluta curla', suggestionKey: 'curla' });
  });
});
