// Facilitators' cohort view of the maturity test: completion per person (never answers),
// and per dimension the cohort's and groups' mean, spread and change — hidden below the
// privacy threshold (2 answers: hidden; 3: shown).
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../helpers/database.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { messageFrom } from '../helpers/recording-adapter.js';
import { submittedAttempt } from '../helpers/maturity.js';
import { importFixture, servicesFor } from '../helpers/services.js';

const local = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Stockholm' }).toJSDate();
let db: TestDatabase;
let clock: FakeClock;

beforeEach(async () => {
  db = await freshDatabase();
  clock = new FakeClock(local('2027-01-11T10:00'));
  await importFixture(db, 'programs/digitalt-forst.yaml', clock.now());
  clock.set(local('2027-01-20T10:00'));
});
afterEach(async () => db.close());

const submitted = (key: string, occasionKey: string, value: number) => submittedAttempt(db, key, occasionKey, value, clock.now());

async function view(userId = 'demo-host/sara'): Promise<string> {
  const { route, adapter } = servicesFor(db, clock);
  await route(messageFrom(userId, 'mognadsresultat'));
  return adapter.lastText();
}

describe('maturity cohort view', () => {
  it('shows completion by name but hides every mean until three people answered', async () => {
    await submitted('anna', 'fore-modul-3', 2);
    await submitted('erik', 'fore-modul-3', 4);
    await db.prisma.questionnaireAttempt.create({
      data: {
        participantId: (await db.prisma.participant.findFirstOrThrow({ where: { key: 'maja' } })).id,
        questionnaireKey: 'mognadstest',
        occasionKey: 'fore-modul-3',
        startedAt: clock.now(),
        currentIndex: 4,
      },
    });
    const two = await view();
    expect(two).toContain('Före modul 3: 2 av 5 har skickat in');
    expect(two).toContain('Klara: Anna Lindqvist, Erik Nyström');
    expect(two).toContain('Påbörjat: Maja Holm');
    expect(two).toContain('Inte påbörjat: Johan Berg, Lina Sandberg');
    // Nothing to show yet: one line for the whole cohort, not one per dimension.
    expect(two).toContain('Hela Demokohorten – Före modul 3: för få svar för att visa (n = 2)');
    expect(two).not.toMatch(/Ledarskap: \d/);
    expect(two.match(/Medelvärden visas bara där minst 3 personer svarat/g)).toHaveLength(1);

    await submitted('johan', 'fore-modul-3', 3);
    const three = await view();
    expect(three).toContain('Hela Demokohorten – Före modul 3 (medel, spridning, antal):\n');
    expect(three).toContain('• Ledarskap: 3,0 ± 0,8 (n = 3)');
    expect(three).toContain('Grupp Tillgänglighet – Före modul 3');
    // Grupp Tillgänglighet (Anna, Erik, Johan) answered only Ledarskap's questions: the rest named on one line.
    expect(three.split('Grupp Tillgänglighet')[1]!.split('Grupp Omnikanal')[0]).toContain('• Ledarskap: 3,0 ± 0,8 (n = 3)\n• För få svar för att visa: Arbetssätt och processer, Delaktighet,');
    // Grupp Omnikanal (Maja, Lina): nobody has submitted, one line says so.
    expect(three).toContain('Grupp Omnikanal – Före modul 3: för få svar för att visa (n = 0)');
    // Individual answers never appear: no 2 or 4 from Anna's or Erik's attempt.
    expect(three).not.toMatch(/\b[24],0\b/);
  });

  it('shows the change between the two attempts where both are above the threshold', async () => {
    for (const [key, value] of [
      ['anna', 2],
      ['erik', 3],
      ['johan', 4],
    ] as const)
      await submitted(key, 'fore-modul-3', value);
    clock.set(local('2027-04-01T10:00'));
    for (const [key, value] of [
      ['anna', 3],
      ['erik', 4],
      ['johan', 5],
    ] as const)
      await submitted(key, 'fore-modul-5', value);
    const text = await view();
    expect(text).toContain('Före modul 5: 3 av 5 har skickat in');
    expect(text).toContain('• Ledarskap: 4,0 ± 0,8 (n = 3) förändring +1,0');
  });

  it('is for facilitators only', async () => {
    expect(await view('demo-host/anna')).toBe('Det här kan bara processledare eller administratörer göra. Skriv ”hjälp” för att se vad du kan göra.');
  });
});
