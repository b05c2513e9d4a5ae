// Re-import, done, snooze and pause each change the plan as described; buttons from old
// cards or other programs change nothing; facilitators see who is done and what failed.
import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../src/core/errors.js';
import { validateProgramText } from '../../src/domain/program/validate.js';
import { replanReminders } from '../../src/features/reminders/planner.js';
import { importProgram } from '../../src/persistence/program-import.js';
import { freshDatabase, type TestDatabase } from '../helpers/database.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { routerChat } from '../helpers/chat.js';
import { toPlainText } from '../../src/ui/plain-text.js';
import { importFixture, noticeAlreadyGiven, servicesFor } from '../helpers/services.js';

const ZONE = 'Europe/Stockholm';
const FIXTURE = 'test/fixtures/programs/reminder-calendar.yaml';
const local = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toJSDate();
const shown = (at: Date) => DateTime.fromJSDate(at, { zone: ZONE }).toFormat('ccc MM-dd HH:mm');
let db: TestDatabase;
let clock: FakeClock;
let wiring: ReturnType<typeof servicesFor>;
let ada: string;
let easter: string;
let october: string;

beforeEach(async () => {
  db = await freshDatabase();
  clock = new FakeClock(local('2027-03-22T10:00'));
  await importFixture(db, FIXTURE, clock.now());
  await noticeAlreadyGiven(db, clock.now());
  wiring = servicesFor(db, clock);
  await replanReminders(wiring.services, { everything: true }, clock.now());
  ada = (await db.prisma.participant.findFirstOrThrow({ where: { key: 'ada' } })).id;
  easter = (await db.prisma.preparation.findFirstOrThrow({ where: { key: 'over-easter' } })).id;
  october = (await db.prisma.preparation.findFirstOrThrow({ where: { key: 'over-october' } })).id;
});
afterEach(async () => db.close());

const rows = async (where: Record<string, unknown> = {}) =>
  (await db.prisma.outboundMessage.findMany({ where: { participantId: ada, ...where }, orderBy: { dueAt: 'asc' } })).map(
    (r) => `${r.status} ${r.idempotencyKey.split(':').slice(2).join(':')} ${shown(r.dueAt)}`,
  );
const pending = () => rows({ status: 'pending' });

const { act, say } = routerChat(() => wiring);

describe('reminder plan changes', () => {
  it('re-importing with a moved deadline moves the pending reminders, keeps sent ones, and adds a new participant without duplicates', async () => {
    const before = await pending();
    expect(before).toContain(`pending ${easter}:7d@09:00 Tue 03-23 09:00`);
    const moved = readFileSync(FIXTURE, 'utf8')
      .replace('due: "2027-03-30 12:00"', 'due: "2027-04-01 12:00"')
      .replace('- { key: fia,', '- { key: cy, name: "Cy", roles: [participant] }\n      - { key: fia,');
    const result = validateProgramText(moved, clock.now());
    if (!result.ok) throw new Error('fixture edit broke the program');
    const report = await importProgram(db.prisma, result.program);
    const plan = await replanReminders(wiring.services, { programId: report.programId }, clock.now());
    // The Easter item is now due Thursday 1 April: 7 days before is Thursday 25 March, and
    // 1 day before (31 March) is a plain Wednesday. The day itself stays at 08:00.
    expect((await pending()).filter((r) => r.includes(easter))).toEqual([
      `pending ${easter}:7d@09:00 Thu 03-25 09:00`,
      `pending ${easter}:1d@09:00 Wed 03-31 09:00`,
      `pending ${easter}:0d@08:00 Thu 04-01 08:00`,
    ]);
    expect(await rows({ status: 'cancelled' })).toEqual([]);
    // Only Cy's rows are new; importing the same file again plans nothing.
    const cy = (await db.prisma.participant.findFirstOrThrow({ where: { key: 'cy' } })).id;
    expect(plan.planned).toBe(await db.prisma.outboundMessage.count({ where: { participantId: cy } }));
    expect((await replanReminders(wiring.services, { programId: report.programId }, clock.now())).planned).toBe(0);
    const keys = (await db.prisma.outboundMessage.findMany({ select: { idempotencyKey: true } })).map((r) => r.idempotencyKey);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('Done cancels the remaining reminders of that item only; Undo brings them back', async () => {
    expect(await act('cal-1/ada', 'reminder.done', easter)).toBe('✓ Bra jobbat! ”Read across Easter” är klar – jag påminner dig inte mer om den.\n[Ångra]');
    expect((await pending()).some((r) => r.includes(easter))).toBe(false);
    expect((await rows({ status: 'cancelled' })).filter((r) => r.includes(easter))).toHaveLength(3);
    expect((await pending()).some((r) => r.includes(october))).toBe(true);
    expect(await act('cal-1/ada', 'reminder.done', easter)).toBe('”Read across Easter” är redan markerad som klar.');
    expect(await db.prisma.preparationCompletion.count()).toBe(1);
    expect(await act('cal-1/ada', 'reminder.undo', easter)).toBe('Ångrat: ”Read across Easter” är inte klar längre, och påminnelserna om den är tillbaka.');
    expect((await pending()).filter((r) => r.includes(easter))).toHaveLength(3);
    expect(await db.prisma.outboundMessage.count({ where: { participantId: ada } })).toBe((await rows()).length);
  });

  it('a reminder that is done meanwhile is not sent', async () => {
    await db.prisma.preparationCompletion.create({ data: { participantId: ada, preparationId: easter, completedAt: clock.now() } });
    clock.set(local('2027-03-23T09:00'));
    const worker = wiring.worker('w');
    expect(await worker.tick()).toMatchObject({ sent: 0, cancelled: 1 });
    expect(wiring.adapter.sent).toEqual([]);
  });

  it('Snooze brings the reminder back the next working morning, never doubling one already coming', async () => {
    const easterPending = async () => (await pending()).filter((r) => r.includes(easter)).map((r) => r.split(' ').slice(1).join(' ').replace(`${easter}:`, ''));
    // Monday 22 March: tomorrow 08:00 is before the 7-days-before reminder (Tuesday 09:00).
    expect(await act('cal-1/ada', 'reminder.snooze', `${easter}|tomorrow`)).toBe('Okej, jag påminner dig om ”Read across Easter” igen tis 23 mars kl. 08:00.');
    expect((await pending()).filter((r) => r.includes('snooze'))).toHaveLength(1);
    // The snoozed reminder arrives and says so.
    clock.set(local('2027-03-23T08:00'));
    await wiring.worker('w').tick();
    expect(wiring.adapter.lastText()).toContain('Du bad mig påminna dig igen.');
    // Thursday 25 March at 09:05, after the 1-day reminder: tomorrow is Good Friday, a holiday,
    // then the weekend and Easter Monday, so the snooze lands Tuesday 30 March 08:00, exactly
    // when the deadline-day reminder comes: that one is it, no second message.
    clock.set(local('2027-03-25T09:05'));
    await wiring.worker('w').tick();
    expect(await act('cal-1/ada', 'reminder.snooze', `${easter}|tomorrow`)).toBe('Okej, jag påminner dig om ”Read across Easter” igen tis 30 mars kl. 08:00.');
    expect(await easterPending()).toEqual(['0d@08:00 Tue 03-30 08:00']);
    expect(await act('cal-1/ada', 'reminder.snooze', `${easter}|someday`)).toBe('Den knappen hör till ett äldre meddelande och gör inget längre.');
  });

  it('a second snooze replaces the first, and reminders before it move with it', async () => {
    // Monday 22 March: "till i morgon", then "till måndag" — Easter Monday is a holiday, so
    // Tuesday 30 March 08:00, when the deadline-day reminder comes anyway: that one is it.
    await act('cal-1/ada', 'reminder.snooze', `${easter}|tomorrow`);
    expect(await act('cal-1/ada', 'reminder.snooze', `${easter}|monday`)).toBe('Okej, jag påminner dig om ”Read across Easter” igen tis 30 mars kl. 08:00.');
    // No reminder about it before then: the snooze of tomorrow and the 7- and 1-day ones are gone.
    expect((await pending()).filter((r) => r.includes(easter))).toEqual([`pending ${easter}:0d@08:00 Tue 03-30 08:00`]);
    const answers = wiring.adapter.sent.length;
    clock.set(local('2027-03-23T09:00'));
    await wiring.worker('w').tick();
    expect(wiring.adapter.sent.slice(answers).filter((m) => toPlainText(m.message).includes('Read across Easter'))).toEqual([]);
  });

  it('pause skips what falls inside it, resumes after, and "paus av" brings the rest back', async () => {
    expect(await say('cal-1/ada', 'paus till 2027-03-31')).toBe(
      'Okej – inga påminnelser från mig förrän ons 31 mars. 3 påminnelser under tiden hoppas över.\nSkriv ”paus av” när du vill ha dem igen.',
    );
    expect((await pending()).some((r) => r.includes(easter))).toBe(false);
    expect(await say('cal-1/ada', 'status')).toContain('Dina påminnelser är pausade till ons 31 mars.');
    expect(await say('cal-1/ada', 'pause off')).toBe('Påminnelserna är på igen. Nästa kommer tis 23 mars kl. 09:00.');
    expect((await pending()).filter((r) => r.includes(easter))).toHaveLength(3);
    expect(await say('cal-1/ada', 'paus av')).toBe('Dina påminnelser är redan på.');
  });

  it('explains a bad pause date in the person’s language and stores nothing', async () => {
    expect(await say('cal-1/ada', 'paus till nästa vecka')).toBe('Jag förstod inte datumet ”nästa vecka”. Skriv till exempel ”paus till 2027-04-05” (år-månad-dag) eller ”paus till 1/12”.');
    await say('cal-1/ada', 'språk en');
    expect(await say('cal-1/ada', 'pause until 2027-01-01')).toBe('That date (“2027-01-01”) has already passed. Choose a day after today, for example “pause until 2027-04-05”.');
    expect(await say('cal-1/ada', 'pause until 2029-01-01')).toContain('more than a year away');
    expect((await db.prisma.participant.findUniqueOrThrow({ where: { id: ada } })).remindersPausedUntil).toBeNull();
  });

  it('lists the coming reminders in status', async () => {
    const text = await say('cal-1/ada', 'status');
    expect(text).toContain('Kommande påminnelser');
    expect(text).toContain('• tis 23 mars kl. 09:00: Read across Easter');
    expect(text).toContain('• tors 25 mars kl. 09:00: Read across Easter');
  });
});

describe('reminder buttons are checked on the server', () => {
  it('a button for a preparation of another program, or a forged id, changes nothing', async () => {
    expect(await act('cal-1/ada', 'reminder.done', '00000000-0000-4000-8000-000000000000')).toBe('Den knappen hör till ett äldre meddelande och gör inget längre.');
    expect(await act('cal-1/ada', 'reminder.done', "x'; DROP TABLE")).toBe('Den knappen hör till ett äldre meddelande och gör inget längre.');
    await importFixture(db, 'test/fixtures/programs/valid-minimal.yaml', clock.now());
    const foreign = (await db.prisma.preparation.findFirstOrThrow({ where: { key: 'read-intro' } })).id;
    expect(await act('cal-1/ada', 'reminder.details', foreign)).toBe('Den knappen hör till ett äldre meddelande och gör inget längre.');
    expect(await db.prisma.preparationCompletion.count()).toBe(0);
  });

  it('only a participant can mark done or pause; a facilitator is told who can', async () => {
    expect(await act('cal-1/fia', 'reminder.done', easter)).toBe('Det här kan bara en deltagare göra. Skriv ”hjälp” för att se vad du kan göra.');
    expect(await say('cal-1/fia', 'paus till 2027-04-01')).toBe('Det här kan bara en deltagare göra. Skriv ”hjälp” för att se vad du kan göra.');
    expect(await db.prisma.preparationCompletion.count()).toBe(0);
  });

  it('Details show the item with its module, place and Done', async () => {
    const text = await act('cal-1/ada', 'reminder.details', easter);
    expect(text).toContain('Read across Easter');
    expect(text).toContain('Modul 1: Spring');
    expect(text).toContain('Umeå');
    expect(text).toContain('[Klar]');
  });
});

describe('facilitators follow up', () => {
  it('see counts first, who is behind once a deadline passed, and messages that did not get through', async () => {
    await act('cal-1/ada', 'reminder.done', october);
    clock.set(local('2027-03-23T09:00'));
    wiring.adapter.failWith = new DeliveryError('forbidden', 'forbidden', 'app removed');
    const worker = wiring.worker('w');
    expect(await worker.tick()).toMatchObject({ failed: 1 });
    wiring.adapter.failWith = undefined;
    const text = await say('cal-1/fia', 'uppföljning');
    // Counts first; a module with nothing due and nothing done yet is one line; names only once a deadline has passed.
    expect(text).toContain('Uppföljning – Calendar cohort\n0 av 3 deadlines har passerat.\nModul 1: Spring: 1 förberedelse, deadline tis 30 mars\n');
    expect(text).toContain('• Task across the October change (senast tis 2 nov.): 1 av 1 klara');
    expect(text).not.toContain('Inte klara');
    expect(text).toContain('Utskick som inte gått fram:\n• Ada – påminnelse tis 23 mars kl. 09:00: appen är inte installerad för personen');
    // After Easter's deadline: who is behind, and on what.
    clock.set(local('2027-03-31T09:00'));
    const later = await say('cal-1/fia', 'uppföljning');
    expect(later).toContain('1 av 3 deadlines har passerat.\nLigger efter: Ada (1)');
    expect(later).toContain('• Read across Easter (senast tis 30 mars): 0 av 1 klara\n   Inte klara: Ada');
    expect(await say('cal-1/ada', 'uppföljning')).toBe('Det här kan bara processledare eller administratörer göra. Skriv ”hjälp” för att se vad du kan göra.');
  });
});

describe('late joiners', () => {
  it('get only the reminders still ahead, none from the past', async () => {
    clock.set(local('2027-03-26T10:00'));
    await say('newcomer', 'gå med CAL-2027');
    const person = await db.prisma.platformIdentity.findFirstOrThrow({ where: { externalId: 'newcomer' } });
    const planned = await db.prisma.outboundMessage.findMany({ where: { participantId: person.participantId }, orderBy: { dueAt: 'asc' } });
    expect(planned.every((r) => r.dueAt > clock.now())).toBe(true);
    expect(shown(planned[0]!.dueAt)).toBe('Tue 03-30 08:00');
  });
});
