// Every card the features build, as Teams gets it, checked by Microsoft's own Adaptive Cards
// library (schema 1.5, Teams host config): the demo cohort is walked through the real router
// on a real database — help, status, home and every command for each role, the maturity
// test to its results chart, a stop-doing decision through its follow-up, reminders, module
// notices, details and reflection questions from the outbox, a broadcast from menu to
// report, a group summary — and each message kohort sent, and each card as it looks after a
// click, is rendered with the Teams renderer and must draw no validation event.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderCard, withChoiceShown, type AdaptiveCard } from '../../adapters/teams/render.js';
import { COMMAND_IDS } from '../../src/application/commands.js';
import type { InboundEvent } from '../../src/core/events.js';
import { replanReminders } from '../../src/features/reminders/planner.js';
import { summaryPlanner } from '../../src/features/summaries/summarize.js';
import type { Message } from '../../src/ui/model.js';
import { adaptiveCardEvents } from '../helpers/adaptive-cards.js';
import { routerChat } from '../helpers/chat.js';
import { freshDatabase, type TestDatabase } from '../helpers/database.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { messageFrom } from '../helpers/recording-adapter.js';
import { importFixture, servicesFor } from '../helpers/services.js';
import { IMPORTED, local, MODULE_4_SUMMARY, seedModule4 } from '../helpers/summary-fixture.js';

const [ANNA, ERIK, MAJA, SARA] = ['anna', 'erik', 'maja', 'sara'].map((key) => `demo-host/${key}`) as [string, string, string, string];
let db: TestDatabase;
let clock: FakeClock;
let wiring: ReturnType<typeof servicesFor>;
/** What each step of a walk made kohort show, as the Teams cards people would get. */
let corpus: Map<string, AdaptiveCard[]>;

beforeEach(async () => {
  db = await freshDatabase();
  clock = new FakeClock(IMPORTED);
  await importFixture(db, 'programs/digitalt-forst.yaml', clock.now());
  wiring = servicesFor(db, clock);
  corpus = new Map();
});
afterEach(async () => db.close());

const { say, act, submit, last } = routerChat(() => wiring);

/** Everything kohort showed: messages sent, answers shown privately, homes drawn. */
const shown = (): Message[] => [...wiring.adapter.sent.map((s) => s.message), ...wiring.adapter.ephemeral.map((e) => e.message), ...wiring.adapter.homes.map((h) => h.message)];

/** Runs `work` and files the cards of what it made kohort show under `name`; a step must show something. */
async function step(name: string, work: () => Promise<unknown>, { mustShow = true } = {}): Promise<Message | undefined> {
  const before = shown().length;
  await work();
  const messages = shown().slice(before);
  if (mustShow) expect(messages.length, `${name} showed nothing`).toBeGreaterThan(0);
  corpus.set(name, [...(corpus.get(name) ?? []), ...messages.map(renderCard)]);
  return messages.at(-1);
}

/** The first button, or drop-down option, with `actionId` in `msg` (kohort's own ids, not the words on it). */
function control(msg: Message | undefined, actionId: string): { value: string; label: string; dropDown: boolean } {
  for (const element of msg?.blocks.flatMap((b) => (b.type === 'actions' ? b.elements : [])) ?? []) {
    if (element.actionId !== actionId) continue;
    if (element.type === 'button') return { value: element.value, label: element.label, dropDown: false };
    if (element.options[0]) return { ...element.options[0], dropDown: true };
  }
  throw new Error(`no ${actionId} control in ${JSON.stringify(msg?.blocks.map((b) => b.type))}`);
}

/** Clicks (or picks from a drop-down) as `userId`: the card as Teams shows it after the click is filed too. */
async function click(name: string, userId: string, msg: Message | undefined, actionId: string): Promise<Message | undefined> {
  const { value, label, dropDown } = control(msg, actionId);
  corpus.set(`${name} (clicked card)`, [withChoiceShown(renderCard(msg!), { actionId, value: dropDown ? '' : value }, label)]);
  return step(name, () => act(userId, actionId, value));
}

const formIn = (msg: Message | undefined) => msg?.blocks.find((b) => b.type === 'input');
const event = (userId: string, type: InboundEvent['type']) => ({ ...messageFrom(userId, ''), type }) as InboundEvent;
const tickAt = (name: string, at: Date, mustShow = true) => {
  clock.set(at);
  return step(name, () => wiring.worker('w').tick(), { mustShow });
};

/** Every card filed, with the events Microsoft's library reported for it; none is expected. */
function faults(): string[] {
  return [...corpus].flatMap(([name, cards]) => cards.flatMap((card, i) => adaptiveCardEvents(card).map((e) => `${name} #${i + 1}: ${e}`)));
}

describe('every card the features build, checked by Microsoft’s Adaptive Cards library', () => {
  it('help, the welcome, status, home and every command for each role', async () => {
    await step('welcome', () => wiring.route(event(ANNA, 'installed')));
    await step('help for a visitor (join form)', () => say('guest-1', 'hjälp'));
    for (const who of [ANNA, ERIK, MAJA, SARA]) {
      for (const command of COMMAND_IDS) await step(`${command} as ${who}`, () => act(who, 'command', command));
      await step(`home of ${who}`, () => wiring.route(event(who, 'home_opened')));
    }
    await click('language chosen', MAJA, await step('language menu', () => act(MAJA, 'command', 'language')), 'language.set');
    expect(faults()).toEqual([]);
  });

  it('the maturity test: each question, the review and the results with the chart', async () => {
    clock.set(local('2027-01-13T10:00'));
    let card = await step('maturity question', () => say(ANNA, 'mognadstest'));
    for (let n = 0; n < 40 && !card?.blocks.some((b) => b.type === 'actions' && b.elements.some((e) => e.actionId === 'maturity.submit')); n += 1) {
      const form = formIn(card);
      if (form?.type === 'input') card = await step('maturity free-text question', () => submit(ANNA, form.formId, { [form.inputId]: 'Mer tid för lärande' }));
      else card = await click('maturity question', ANNA, card, 'maturity.answer');
    }
    const results = await click('maturity review', ANNA, card, 'maturity.submit');
    expect(results?.blocks.some((b) => b.type === 'chart')).toBe(true);
    await step('maturity results again', () => say(ANNA, 'mognadstest'));
    expect(faults()).toEqual([]);
  });

  it('a stop-doing decision: capture, the decision card, its follow-up and what comes after the check-in', async () => {
    const capture = await step('decision capture', () => say(ANNA, 'sluta'));
    let card = await click('decision card', ANNA, capture, 'commitment.suggestion');
    card = await click('decision card after a setting', ANNA, card, 'commitment.scope');
    const reason = formIn(card);
    if (reason?.type === 'input') await step('decision with a reason', () => submit(ANNA, reason.formId, { [reason.inputId]: 'Mötena tar två förmiddagar i veckan' }));
    const followUp = await tickAt('decision follow-up', local('2027-01-20T09:00'));
    const checkedIn = await click('after the check-in', ANNA, followUp, 'commitment.checkin');
    await click('hours freed', ANNA, checkedIn, 'commitment.hours');
    await step('team decisions for the team lead', () => act(ANNA, 'command', 'team'));
    expect(faults()).toEqual([]);
  });

  it('reminders, module notices, details, Done and the reflection questions it brings', async () => {
    await replanReminders(wiring.services, { everything: true }, clock.now());
    for (let day = 0; day < 45; day += 1) {
      for (const hour of [8, 9]) await tickAt('outbox day by day', new Date(local(`2027-01-12T0${hour}:00`).getTime() + day * 86_400_000), false);
    }
    expect(corpus.get('outbox day by day')!.length).toBeGreaterThan(10);
    const kinds = await db.prisma.outboundMessage.groupBy({ by: ['kind'], where: { status: 'sent' } });
    expect(kinds.map((k) => k.kind)).toEqual(expect.arrayContaining(['reminder', 'module_notice']));
    const reminder = wiring.adapter.sent.map((s) => s.message).find((m) => m.blocks.some((b) => b.type === 'actions' && b.elements.some((e) => e.actionId === 'reminder.details')));
    await click('reminder details', ANNA, reminder, 'reminder.details');
    await click('reminder done', ANNA, reminder, 'reminder.done');
    const lecture = (await db.prisma.preparation.findFirstOrThrow({ where: { key: 'forelasning-utveckla-alla' } })).id;
    const question = await step('reflection question', () => act(ANNA, 'reminder.done', lecture));
    const answer = formIn(question);
    if (answer?.type === 'input') await step('reflection answered', () => submit(ANNA, answer.formId, { [answer.inputId]: 'Att industrisamhället är över.' }));
    expect(faults()).toEqual([]);
  });

  it('a broadcast from the menu through the preview to the delivery report, and a group summary', async () => {
    clock.set(local('2027-03-01T10:00'));
    const menu = await step('broadcast menu', () => say(SARA, 'utskick'));
    expect(menu?.blocks.some((b) => b.type === 'actions' && b.elements.some((e) => e.type === 'select'))).toBe(true);
    const preview = await step('broadcast preview', () => act(SARA, 'broadcast.module', '4'));
    const confirm = await click('broadcast confirmation', SARA, preview, 'broadcast.audience');
    await click('broadcast sending', SARA, confirm, 'broadcast.confirm');
    await step('broadcast delivered and reported', () => wiring.worker('w').tick());
    await step('broadcast report on request', () => say(SARA, 'utskick rapport'));

    await seedModule4(db, wiring.services, clock.now());
    await summaryPlanner.plan(wiring.services, {}, clock.now());
    await tickAt('group summary', MODULE_4_SUMMARY);
    await step('group summary thread', () => wiring.worker('w').tick(), { mustShow: false });
    expect(wiring.adapter.sent.some((s) => s.threadOf)).toBe(true);
    await step('progress with results', () => say(SARA, 'uppföljning'));
    await step('maturity results of the cohort', () => say(SARA, 'mognadsresultat'));
    expect(faults()).toEqual([]);
    expect(last()).toBeDefined();
  });
});
