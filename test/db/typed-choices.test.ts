// kohort on a platform without buttons or forms: every choice arrives as a numbered line
// and a question as its own text, and typing the number, the words or the answer does
// what the click or the form would — for replies and for reminders kohort starts itself.
// The features are the same ones the other platforms use; only the adapter differs.
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../helpers/database.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { toPlainText } from '../../src/ui/plain-text.js';
import { routerChat } from '../helpers/chat.js';
import { messageFrom } from '../helpers/recording-adapter.js';
import { importFixture, servicesFor } from '../helpers/services.js';

const local = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Stockholm' }).toJSDate();
const ANNA = 'demo-host/anna';
let db: TestDatabase;
let clock: FakeClock;
let wiring: ReturnType<typeof servicesFor>;

beforeEach(async () => {
  db = await freshDatabase();
  clock = new FakeClock(local('2027-01-11T10:00'));
  await importFixture(db, 'programs/digitalt-forst.yaml', clock.now());
  wiring = servicesFor(db, clock, { textOnly: true });
});
afterEach(async () => db.close());

const { say } = routerChat(() => wiring);
const attempt = () => db.prisma.questionnaireAttempt.findFirstOrThrow({ include: { answers: true } });

describe('a plain-text platform', () => {
  it('shows the test’s choices as numbered lines, without buttons, and takes a typed number or the words', async () => {
    const question = await say(ANNA, 'mognadstest');
    expect(wiring.adapter.sent.at(-1)!.message.blocks.some((b) => b.type === 'actions' || b.type === 'input')).toBe(false);
    expect(question).toContain('1 Stämmer inte alls');
    expect(question).toContain('6. Hoppa över');
    expect(question).toContain('Svara med en siffra (1–7) eller med orden.');
    expect(await say(ANNA, '4')).toContain('Fråga 2 av 30');
    expect(await say(ANNA, 'hoppa över')).toContain('Fråga 3 av 30');
    // "Tillbaka" is offered from question 3 on: its number now is 7.
    expect(await say(ANNA, '7')).toContain('Fråga 2 av 30');
    const answers = (await attempt()).answers.map((a) => [a.questionKey, a.scaleValue, a.skipped]);
    expect(answers).toEqual(
      expect.arrayContaining([
        [expect.any(String), 4, false],
        [expect.any(String), null, true],
      ]),
    );
  });

  it('takes the next typed message as the answer to an open question, but a command stays a command', async () => {
    const capture = await say(ANNA, 'sluta');
    expect(capture).toContain('✎ Med egna ord');
    expect(capture).toContain('Skriv ditt svar som ett vanligt meddelande.');
    expect(await say(ANNA, 'status')).toContain('Närmaste deadlines');
    expect(await db.prisma.commitment.count()).toBe(0);
    await say(ANNA, 'Inga interna möten efter 16');
    expect((await db.prisma.commitment.findFirstOrThrow()).text).toBe('Inga interna möten efter 16');
  });

  it('picks a drop-down option by its number', async () => {
    const capture = await say(ANNA, 'sluta');
    expect(capture).toContain('2. Sluta curla');
    await say(ANNA, '2');
    expect(await db.prisma.commitment.findFirstOrThrow()).toMatchObject({ text: 'Sluta curla', suggestionKey: 'curla' });
  });

  it('numbers the buttons of a reminder kohort sends on its own, and a typed number marks it done', async () => {
    await wiring.services.planning.replan({}, clock.now());
    const anna = await db.prisma.participant.findFirstOrThrow({ where: { key: 'anna' } });
    const first = await db.prisma.outboundMessage.findFirstOrThrow({ where: { participantId: anna.id, kind: 'reminder' }, orderBy: { dueAt: 'asc' } });
    clock.set(first.dueAt);
    await wiring.worker('w').tick();
    // Others' reminders may fall due at the same moment: Anna's is the one in her conversation.
    const reminder = toPlainText(wiring.adapter.sent.filter((s) => s.conversation === `dm:${ANNA}`).at(-1)!.message);
    expect(reminder).toContain('Svara med en siffra');
    const done = /(\d+)\. Klar/.exec(reminder);
    expect(done, reminder).not.toBeNull();
    expect(await say(ANNA, done![1]!)).toContain('är klar');
    const preparationId = (first.payload as { preparationId: string }).preparationId;
    expect(await db.prisma.preparationCompletion.count({ where: { participantId: anna.id, preparationId } })).toBe(1);
  });

  it('numbers one reply straight through, so a number picks from the list, never a button on a later card', async () => {
    await say(ANNA, 'sluta');
    await say(ANNA, '2');
    // Now "sluta" answers with the capture card and Anna's commitment card after it.
    const reply = await say(ANNA, 'sluta');
    const shown = wiring.adapter.sent
      .slice(-2)
      .map((s) => s.message.blocks.map((b) => (b.type === 'text' ? b.text : '')).join('\n'))
      .join('\n');
    expect(shown).toContain('1. Sluta plocka reserverade');
    expect(shown).not.toMatch(/\n1\. Gäller/);
    expect(reply).toContain('Svara med en siffra');
    await say(ANNA, '3');
    const commitments = await db.prisma.commitment.findMany({ orderBy: { createdAt: 'asc' } });
    expect(commitments.map((c) => [c.suggestionKey, c.status])).toEqual([
      ['curla', 'active'],
      ['kulturradsbocker', 'active'],
    ]);
  });

  it('reads typed choices only in a direct conversation, and not after a day', async () => {
    await say(ANNA, 'sluta');
    const inGroup = { conversation: { platform: 'local', key: 'channel:grupp', kind: 'channel', reference: {} } } as const;
    await wiring.route(messageFrom(ANNA, '2', inGroup as never));
    expect(await db.prisma.commitment.count()).toBe(0);
    clock.advance(25 * 3600_000);
    expect(await say(ANNA, '2')).toContain('Det där förstod jag inte');
    expect(await db.prisma.commitment.count()).toBe(0);
  });

  it('lets the test’s own words win over an open question: "hoppa" skips a free-text question', async () => {
    await say(ANNA, 'mognadstest');
    for (let question = 1; question < 30; question += 1) await say(ANNA, 'hoppa över');
    expect(wiring.adapter.lastText()).toContain('Fråga 30 av 30');
    // "hoppa" is not the Skip line's words ("Hoppa över"), but the test knows it as Skip.
    expect(await say(ANNA, 'hoppa')).toContain('Klart att skicka in');
    const last = (await attempt()).answers.find((a) => a.text !== null);
    expect(last).toBeUndefined();
  });
});
