// The maturity test as a participant meets it, on real PGlite: answer, skip, back, pause,
// a double click and a stale card, resume after a restart, submit, results; the retake
// shows the change; an answer after the test closed changes nothing; nobody but the
// owner can move an attempt.
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InboundEvent } from '../../src/core/events.js';
import { toPlainText } from '../../src/ui/plain-text.js';
import { freshDatabase, reopenDatabase, type TestDatabase } from '../helpers/database.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { createLogger } from '../../src/core/logger.js';
import { loadTranslator } from '../../src/i18n/i18n.js';
import { wire } from '../../src/wiring.js';
import { buttonOf, routerChat } from '../helpers/chat.js';
import { messageFrom, RecordingAdapter } from '../helpers/recording-adapter.js';
import { importFixture, noticeAlreadyGiven, servicesFor } from '../helpers/services.js';

const ZONE = 'Europe/Stockholm';
const local = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toJSDate();
const ANNA = 'demo-host/anna';
let db: TestDatabase;
let clock: FakeClock;
let wiring: ReturnType<typeof servicesFor>;

beforeEach(async () => {
  db = await freshDatabase();
  // Imported Monday 11 January 2027: the first test is open from that day to 22 February.
  clock = new FakeClock(local('2027-01-11T10:00'));
  await importFixture(db, 'programs/digitalt-forst.yaml', clock.now());
  await noticeAlreadyGiven(db, clock.now());
  clock.set(local('2027-01-13T10:00'));
  wiring = servicesFor(db, clock);
});
afterEach(async () => db.close());

const { say, press, last } = routerChat(() => wiring);
const attemptRow = () => db.prisma.questionnaireAttempt.findFirstOrThrow({ include: { answers: true } });

describe('the maturity test in a conversation', () => {
  it('answers, skips, goes back, refuses stale clicks, pauses and resumes after a restart, submits', async () => {
    expect(await say(ANNA, 'mognadstest')).toContain('Fråga 1 av 30');
    expect(toPlainText(wiring.adapter.sent.at(-2)!.message)).toContain('Mognadstestet ”Före modul 3” är öppet till');
    const first = last();
    expect(toPlainText(first)).toContain('Arbetssätt och processer');
    expect(await press(ANNA, buttonOf(first, '4'))).toContain('Fråga 2 av 30');
    // The same button again (a double click) and then an old card: nothing changes.
    expect(await press(ANNA, buttonOf(first, '4'))).toBe('Den knappen hör till en fråga du redan gått vidare från, så inget ändrades. Du är på fråga 2.');
    expect(await press(ANNA, buttonOf(first, '2'))).toContain('inget ändrades');
    expect((await attemptRow()).currentIndex).toBe(1);

    expect(await say(ANNA, 'hoppa över')).toContain('Fråga 3 av 30');
    expect(await say(ANNA, 'tillbaka')).toContain('Du hoppade över den här förra gången.');
    expect(await say(ANNA, 'stämmer delvis')).toContain('Fråga 3 av 30');
    expect(await say(ANNA, '5')).toContain('Fråga 4 av 30');
    expect(await say(ANNA, 'skip')).toContain('Fråga 5 av 30');
    // Typed, "pausa" is the reminders' pause (one meaning per word); the test pauses with its button.
    expect(await say(ANNA, 'pausa')).toContain('Dina påminnelser är på.');
    expect((await attemptRow()).status).toBe('in_progress');
    const question5 = wiring.adapter.sent
      .map((sent) => sent.message)
      .filter((m) => toPlainText(m).includes('Fråga 5 av 30'))
      .at(-1)!;
    expect(await press(ANNA, buttonOf(question5, 'Pausa'))).toBe('Pausat vid fråga 5 av 30. Skriv ”test” när du vill fortsätta – dina svar är sparade.');
    // Paused: a digit is not taken as an answer.
    expect(await say(ANNA, '3')).toContain('Det där förstod jag inte');

    // Restart: a new process on the same data directory.
    await db.closeKeepingData();
    db = await reopenDatabase(db.dataDir);
    wiring = servicesFor(db, clock);
    await say(ANNA, 'test');
    expect(toPlainText(wiring.adapter.sent.at(-2)!.message)).toBe('Välkommen tillbaka! Vi fortsätter med fråga 5 av 30.');
    expect(toPlainText(last())).toContain('Fråga 5 av 30');

    // A command still works in the middle of the test.
    expect(await say(ANNA, 'status')).toContain('Din status');
    for (let n = 5; n <= 29; n += 1) await say(ANNA, String((n % 5) + 1));
    expect(toPlainText(last())).toContain('Fråga 30 av 30');
    expect(await say(ANNA, 'Mer tid för lärande')).toContain('Du har svarat på 29 av 30 frågor och hoppat över 1.');
    const results = await press(ANNA, buttonOf(last(), 'Skicka in'));
    expect(results).toContain('Ditt resultat – Före modul 3');
    expect(results).toContain('Arbetssätt och processer: 4,0 (3 av 3 besvarade)');
    expect(results).toContain('Förslag för de två områden som har mest att vinna:');
    expect(results).toContain('Bara du ser dina svar.');
    const row = await attemptRow();
    expect([row.status, row.answers.length, row.answers.filter((a) => a.skipped).length]).toEqual(['submitted', 30, 1]);
    expect(row.answers.find((a) => a.questionKey === 'avslutning')?.text).toBe('Mer tid för lärande');
    expect(await say(ANNA, 'tillbaka')).toContain('Det där förstod jag inte');
    expect(await say(ANNA, 'test')).toContain('Ditt resultat – Före modul 3');
  });

  it('shows the change per dimension on the retake', async () => {
    const takeAll = async (value: string) => {
      await say(ANNA, 'test');
      for (let n = 0; n < 29; n += 1) await say(ANNA, value);
      await say(ANNA, 'hoppa över');
      return press(ANNA, buttonOf(last(), 'Skicka in'));
    };
    expect(await takeAll('2')).toContain('Sammantaget: 2,0 av 5');
    clock.set(local('2027-04-01T10:00')); // the second occasion, before module 5
    const second = await takeAll('3');
    expect(second).toContain('Ditt resultat – Före modul 5');
    expect(second).toContain('Pilarna visar förändringen sedan Före modul 3.');
    expect(second).toContain('Ledarskap: 3,0 (3 av 3 besvarade)  ▲ +1,0');
  });

  it('refuses an answer after the test closed, and a click on someone else’s card', async () => {
    await say(ANNA, 'test');
    const card = last();
    await say('demo-host/erik', 'test');
    expect(await press('demo-host/erik', buttonOf(card, '3'))).toBe('Den knappen hör till ett äldre meddelande och gör inget längre.');
    clock.set(local('2027-02-22T09:00'));
    expect(await press(ANNA, buttonOf(card, '3'))).toContain('stängde');
    expect(await db.prisma.questionnaireAnswer.count()).toBe(0);
    expect(await say('demo-host/sara', 'test')).toBe('Det här kan bara en deltagare göra. Skriv ”hjälp” för att se vad du kan göra.');
    // Between the two attempts: when the next one opens.
    clock.set(local('2027-02-22T10:00'));
    expect(await say('demo-host/johan', 'test')).toBe('Mognadstestet ”Före modul 5” öppnar tis 23 feb. kl. 00:00.');
  });

  it('answers in English for an English speaker, typed labels included', async () => {
    expect(await say('demo-host/maja', 'test')).toContain('Question 1 of 30');
    expect(await say('demo-host/maja', 'partly true')).toContain('Question 2 of 30');
    expect(await say('demo-host/maja', 'Skip')).toContain('Question 3 of 30');
  });
});

describe('the maturity test across platforms', () => {
  it('started in one app and continued in the other, exactly where it stopped', async () => {
    const anna = await db.prisma.participant.findFirstOrThrow({ where: { key: 'anna' } });
    await db.prisma.platformIdentity.create({ data: { participantId: anna.id, platform: 'slack', externalId: 'UANNA' } });
    const local = new RecordingAdapter('local');
    const slack = new RecordingAdapter('slack');
    const { route } = wire(db, {
      translator: loadTranslator(),
      clock,
      logger: createLogger('silent'),
      adapters: new Map([
        ['local', local],
        ['slack', slack],
      ] as const),
    });
    const fromSlack = (text: string) =>
      ({
        ...messageFrom('UANNA', text),
        actor: { platform: 'slack', userId: 'UANNA' },
        conversation: { platform: 'slack', key: 'DANNA', kind: 'dm', reference: { channel: 'DANNA' } },
      }) as InboundEvent;

    await route(messageFrom(ANNA, 'test'));
    await route(messageFrom(ANNA, '4'));
    await route(messageFrom(ANNA, '2'));
    expect(local.lastText()).toContain('Fråga 3 av 30');
    await route(fromSlack('test'));
    expect(slack.lastText()).toContain('Fråga 3 av 30');
    await route(fromSlack('5'));
    expect(slack.lastText()).toContain('Fråga 4 av 30');
    const row = await attemptRow();
    expect(row.answers.map((a) => [a.questionKey, a.scaleValue]).sort()).toEqual([
      ['ap-forbattra', 2],
      ['ap-fran-anvandaren', 5],
      ['ap-kartlagda', 4],
    ]);
  });
});
