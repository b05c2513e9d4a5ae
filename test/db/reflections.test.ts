// Reflection prompts after a preparation is marked done: one question at a time, answers of
// at most 2,000 characters stored, quoted anonymously only when their owner says yes.
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reflectionPlanner } from '../../src/features/reflections/scheduled.js';
import { toPlainText } from '../../src/ui/plain-text.js';
import { freshDatabase, type TestDatabase } from '../helpers/database.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { buttonOf, formOf, routerChat } from '../helpers/chat.js';
import { importFixture, noticeAlreadyGiven, servicesFor } from '../helpers/services.js';

const local = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Stockholm' }).toJSDate();
const ANNA = 'demo-host/anna';
let db: TestDatabase;
let clock: FakeClock;
let wiring: ReturnType<typeof servicesFor>;
let lecture: string;

beforeEach(async () => {
  db = await freshDatabase();
  clock = new FakeClock(local('2027-01-11T10:00'));
  await importFixture(db, 'programs/digitalt-forst.yaml', clock.now());
  await noticeAlreadyGiven(db, clock.now());
  wiring = servicesFor(db, clock);
  lecture = (await db.prisma.preparation.findFirstOrThrow({ where: { key: 'forelasning-utveckla-alla' } })).id;
});
afterEach(async () => db.close());

const texts = () => wiring.adapter.sent.map((s) => toPlainText(s.message));
const { act, say, submit } = routerChat(() => wiring);

describe('reflection prompts', () => {
  it('are asked after Done, one at a time; answers are kept and quoted only when allowed', async () => {
    await act(ANNA, 'reminder.done', lecture);
    const first = wiring.adapter.sent.at(-1)!.message;
    expect(toPlainText(first)).toContain('Reflektion: Se föreläsningen om varför alla behöver utvecklas nu');
    expect(toPlainText(first)).toContain('Fråga 1 av 3: Vad är kontroversiellt?');

    await submit(ANNA, formOf(first), { answer: 'Att industrisamhället är över.' });
    const saved = wiring.adapter.sent.at(-2)!.message;
    expect(toPlainText(saved)).toContain('Får svaret citeras anonymt');
    expect(texts().at(-1)).toContain('Fråga 2 av 3: Vad håller du med om?');
    await act(ANNA, buttonOf(saved, 'Ja, anonymt').actionId, buttonOf(saved, 'Ja, anonymt').value);
    expect(texts().at(-1)).toBe('Okej – svaret kan citeras utan ditt namn.');

    // Someone else cannot change Anna's choice.
    await act('demo-host/erik', buttonOf(saved, 'Nej, bara för mig').actionId, buttonOf(saved, 'Nej, bara för mig').value);
    expect(texts().at(-1)).toBe('Den knappen hör till ett äldre meddelande och gör inget längre.');

    const second = wiring.adapter.sent.filter((s) => toPlainText(s.message).includes('Fråga 2 av 3')).at(-1)!.message;
    await submit(ANNA, formOf(second), { answer: 'x'.repeat(2001) });
    // Too long: said with its length, and given back whole to shorten (issue 15.3), never cut.
    expect(texts().at(-1)).toBe(`Svaret är 2001 tecken; högst 2000 får plats. Här är det, så att du kan korta det och skicka igen:\n${'x'.repeat(2001)}`);
    await act(ANNA, 'reflection.skip', buttonOf(second, 'Hoppa över').value);
    const third = wiring.adapter.sent.at(-1)!.message;
    expect(toPlainText(third)).toContain('Fråga 3 av 3: Vad håller du inte med om?');
    await submit(ANNA, formOf(third), { answer: 'Att allt måste bli digitalt.' });
    expect(texts().at(-1)).toBe('Tack för dina reflektioner!');

    const stored = await db.prisma.reflection.findMany({ orderBy: { questionKey: 'asc' } });
    expect(stored.map((r) => [r.questionKey, r.answer, r.quoteAllowed])).toEqual([
      ['q1', 'Att industrisamhället är över.', true],
      ['q3', 'Att allt måste bli digitalt.', false],
    ]);
  });

  it('are not asked for a preparation without questions, and a forged form changes nothing', async () => {
    const reading = (await db.prisma.preparation.findFirstOrThrow({ where: { key: 'las-sidor-1-45' } })).id;
    await act(ANNA, 'reminder.done', reading);
    expect(texts().at(-1)).toContain('är klar');
    await submit(ANNA, `reflection.answer:${reading}|0`, { answer: 'hej' });
    await submit(ANNA, `reflection.answer:${lecture}|7`, { answer: 'hej' });
    expect(texts().slice(-2)).toEqual(['Den knappen hör till ett äldre meddelande och gör inget längre.', 'Den knappen hör till ett äldre meddelande och gör inget längre.']);
    expect(await db.prisma.reflection.count()).toBe(0);
  });
});

describe('reflection questions at a set time', () => {
  it('go to each participant who has not answered and has not paused, once, in their language', async () => {
    const wave = (await db.prisma.preparation.findFirstOrThrow({ where: { key: 'ny-forandringsvag' } })).id;
    expect((await reflectionPlanner.plan(wiring.services, {}, clock.now())).planned).toBe(5);
    expect((await reflectionPlanner.plan(wiring.services, {}, clock.now())).planned).toBe(0);

    // Anna answered after marking it done; Erik paused his reminders.
    await act(ANNA, 'reminder.done', wave);
    await submit(ANNA, formOf(wiring.adapter.sent.at(-1)!.message), { answer: 'Kompetens.' });
    await say('demo-host/erik', 'paus till 2027-04-30');
    const before = wiring.adapter.sent.length;

    const worker = wiring.worker('w');
    clock.set(local('2027-03-22T08:59'));
    await worker.tick();
    expect(wiring.adapter.sent.length).toBe(before);
    clock.set(local('2027-03-22T09:00'));
    expect(await worker.tick()).toMatchObject({ sent: 3, cancelled: 2 });
    const asked = wiring.adapter.sent.slice(before).map((s) => [s.conversation, toPlainText(s.message).split('\n')[0]]);
    expect(asked).toEqual(
      expect.arrayContaining([
        ['dm:demo-host/johan', 'Reflektion: Utforska en ny förändringsvåg och hur den påverkar de nio digitala motorerna'],
        ['dm:demo-host/lina', 'Reflektion: Utforska en ny förändringsvåg och hur den påverkar de nio digitala motorerna'],
        ['dm:demo-host/maja', 'Reflection: Utforska en ny förändringsvåg och hur den påverkar de nio digitala motorerna'],
      ]),
    );
    expect(asked).toHaveLength(3);
    // The question asked at the set time is answered like the one after Done.
    const toJohan = wiring.adapter.sent.slice(before).find((s) => s.conversation === 'dm:demo-host/johan')!.message;
    await submit('demo-host/johan', formOf(toJohan), { answer: 'Infrastrukturen.' });
    expect(await db.prisma.reflection.count({ where: { preparationId: wave } })).toBe(2);
  });

  it('are planned for someone who joins the cohort later', async () => {
    await say('visitor-1', 'gå med DIGI-2026');
    const joined = await db.prisma.participant.findFirstOrThrow({ where: { identities: { some: { externalId: 'visitor-1' } } } });
    const rows = await db.prisma.outboundMessage.findMany({ where: { kind: 'reflection' } });
    expect(rows.map((r) => r.participantId)).toEqual([joined.id]);
    expect(rows[0]!.dueAt).toEqual(local('2027-03-22T09:00'));
  });

  it('take a normal typed reply as the answer, one question after the other; a command stays a command', async () => {
    await act(ANNA, 'reminder.done', lecture);
    expect(texts().at(-1)).toContain('Fråga 1 av 3: Vad är kontroversiellt?');
    expect(await say(ANNA, 'Att industrisamhället är över.')).toContain('Fråga 2 av 3: Vad håller du med om?');
    expect(await say(ANNA, 'status')).toContain('Din status');
    expect(await say(ANNA, 'Att biblioteken behövs mer än någonsin.')).toContain('Fråga 3 av 3');
    expect(await say(ANNA, 'Att allt måste bli digitalt.')).toBe('Tack för dina reflektioner!');
    // Answered: a later message is just a message again.
    expect(await say(ANNA, 'Och en sak till')).toContain('Det där förstod jag inte');
    const stored = await db.prisma.reflection.findMany({ where: { preparationId: lecture }, orderBy: { questionKey: 'asc' } });
    expect(stored.map((r) => [r.questionKey, r.answer])).toEqual([
      ['q1', 'Att industrisamhället är över.'],
      ['q2', 'Att biblioteken behövs mer än någonsin.'],
      ['q3', 'Att allt måste bli digitalt.'],
    ]);
  });

  it('skip a question when the person types "hoppa över", as the question invites, and save nothing for it', async () => {
    await act(ANNA, 'reminder.done', lecture);
    expect(await say(ANNA, 'Hoppa över!')).toContain('Fråga 2 av 3');
    expect(await say(ANNA, 'skip')).toContain('Fråga 3 av 3');
    expect(await say(ANNA, 'Att allt måste bli digitalt.')).toBe('Tack för dina reflektioner!');
    const stored = await db.prisma.reflection.findMany({ where: { preparationId: lecture } });
    expect(stored.map((r) => [r.questionKey, r.answer])).toEqual([['q3', 'Att allt måste bli digitalt.']]);
  });
});
