// Stop-doing commitments on real PGlite with the scheduler's fake clock: the lifecycle from
// capture through two follow-ups to done; who may change what; bad input.
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { replanReminders } from '../../src/features/reminders/planner.js';
import { toPlainText } from '../../src/ui/plain-text.js';
import { freshDatabase, type TestDatabase } from '../helpers/database.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { buttonOf, routerChat } from '../helpers/chat.js';
import { importFixture, noticeAlreadyGiven, servicesFor } from '../helpers/services.js';

const local = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Stockholm' }).toJSDate();
const ANNA = 'demo-host/anna';
let db: TestDatabase;
let clock: FakeClock;
let wiring: ReturnType<typeof servicesFor>;

beforeEach(async () => {
  db = await freshDatabase();
  // Monday 11 January 2027; module 1 starts Monday 25 January, module 3 Monday 22 February.
  clock = new FakeClock(local('2027-01-11T10:00'));
  await importFixture(db, 'programs/digitalt-forst.yaml', clock.now());
  await noticeAlreadyGiven(db, clock.now());
  wiring = servicesFor(db, clock);
});
afterEach(async () => db.close());

const { say, act, submit, press, last } = routerChat(() => wiring);
const click = (userId: string, label: string, msg = last()) => press(userId, buttonOf(msg, label));
async function tickAt(iso: string) {
  clock.set(local(iso));
  const worker = wiring.worker('w');
  const before = wiring.adapter.sent.length;
  await worker.tick();
  return wiring.adapter.sent.slice(before).map((s) => `${s.conversation} ${toPlainText(s.message).split('\n').slice(0, 2).join(' | ')}`);
}
const commitment = () => db.prisma.commitment.findFirstOrThrow({ include: { followUps: { orderBy: { answeredAt: 'asc' } } } });

describe('a stop-doing commitment', () => {
  it('is captured from a suggestion, followed up twice through the scheduler and ends done', async () => {
    expect(await say(ANNA, 'sluta')).toContain('Vad ska du sluta göra?');
    await act(ANNA, 'commitment.suggestion', 'farre-moten');
    expect(toPlainText(wiring.adapter.sent.at(-2)!.message)).toBe('Sparat! Du kan ändra det när som helst med knapparna nedan.');
    const card = wiring.adapter.lastText();
    expect(card).toContain('”Färre fysiska möten”');
    expect(card).toContain('Gäller: bara mig');
    expect(card).toContain('I sammanfattningar: räknas, utan namn');
    expect(card).toContain('Följs upp: före modul 1 (mån 25 jan.)');
    expect(await click(ANNA, 'Gäller mitt team')).toContain('Gäller: hela teamet (Stadsbiblioteket)');
    expect(await click(ANNA, 'Får visas med mitt namn')).toContain('I sammanfattningar: visas med mitt namn');
    expect(await submit(ANNA, `commitment.reason:${(await commitment()).id}`, { reason: 'Mötena tar två förmiddagar i veckan' })).toContain('Varför: Mötena tar två förmiddagar i veckan');

    // Five days before module 1: the first follow-up.
    expect(await tickAt('2027-01-19T09:00')).toEqual([]);
    expect(await tickAt('2027-01-20T09:00')).toEqual(['dm:demo-host/anna Har du genomfört ditt beslut? | ”Färre fysiska möten”']);
    const followUp = last();
    await click(ANNA, 'Delvis', followUp);
    expect(wiring.adapter.lastText()).toContain('Tack! Noterat: delvis.');
    expect(await click(ANNA, '2 h')).toBe('Noterat: 2 timmar i veckan.');
    // A double click on the same answer is not a second check-in.
    expect(await click(ANNA, 'Delvis', followUp)).toBe('Det är redan noterat (delvis).');
    // Answered: the nudge two days before is not sent.
    expect(await tickAt('2027-01-22T09:00')).toEqual([]);

    // Not yet done, so asked again before module 3 (22 February); no answer, so one nudge.
    expect(await tickAt('2027-02-17T09:00')).toEqual(['dm:demo-host/anna Har du genomfört ditt beslut? | ”Färre fysiska möten”']);
    const nudge = await tickAt('2027-02-19T09:00');
    expect(nudge).toHaveLength(1);
    expect(wiring.adapter.lastText()).toContain('En påminnelse – jag har inte sett något svar än.');
    await click(ANNA, 'Klart');
    await submit(ANNA, `commitment.note:${(await commitment()).followUps.at(-1)!.id}`, { note: 'Vi har digitala avstämningar nu' });

    const done = await commitment();
    expect(done.status).toBe('done');
    expect(Number(done.hoursFreedPerWeek)).toBe(2);
    expect(done.followUps.map((f) => [f.status, f.hoursFreedPerWeek === null ? null : Number(f.hoursFreedPerWeek), f.note])).toEqual([
      ['partly', 2, null],
      ['done', null, 'Vi har digitala avstämningar nu'],
    ]);
    expect(await db.prisma.outboundMessage.count({ where: { kind: 'follow_up', status: 'pending' } })).toBe(0);
  });

  it('refuses empty and too long text, and stores nothing', async () => {
    expect(await submit(ANNA, 'commitment.new', { text: '   ' })).toBe('Skriv vad du ska sluta göra – texten är tom.');
    expect(await say(ANNA, `sluta ${'x'.repeat(281)}`)).toBe('Beslutet är 281 tecken långt. Korta det till högst 280 tecken.');
    expect(await db.prisma.commitment.count()).toBe(0);
    expect(await say(ANNA, `sluta ${'å'.repeat(280)}`)).toContain('Ditt beslut');
  });

  it('lets only the owner change it; a follow-up button for a withdrawn commitment changes nothing', async () => {
    await say(ANNA, 'sluta skriva långa mejl');
    const card = last();
    expect(await click('demo-host/erik', 'Ta tillbaka', card)).toBe('Du kan bara ändra dina egna beslut.');
    expect(await click('demo-host/erik', 'Får visas med mitt namn', card)).toBe('Du kan bara ändra dina egna beslut.');
    expect((await commitment()).visibility).toBe('counted');
    const pendingFollowUps = () => db.prisma.outboundMessage.count({ where: { kind: 'follow_up', status: 'pending' } });
    const planned = await pendingFollowUps();
    expect(planned).toBeGreaterThan(0);
    // Taking it back by one click can be undone by one: the decision and its follow-ups come back.
    expect(await click(ANNA, 'Ta tillbaka', card)).toBe('Tillbakataget: ”skriva långa mejl”. Jag följer inte upp det.\n[Ångra]');
    const undo = last();
    // The card itself is drawn anew (sent as a message by an adapter that cannot edit): taken back, nothing left to press.
    const redrawn = wiring.adapter.sent.at(-2)!.message;
    expect(toPlainText(redrawn)).toContain('Läge: tillbakataget');
    expect(redrawn.blocks.some((b) => b.type === 'actions' || b.type === 'input')).toBe(false);
    expect(await pendingFollowUps()).toBe(0);
    expect(await click(ANNA, 'Ångra', undo)).toContain('Läge: pågår');
    expect(toPlainText(wiring.adapter.sent.at(-2)!.message)).toBe('Tillbaka igen: ”skriva långa mejl”. Jag följer upp det som förut.');
    expect((await commitment()).status).toBe('active');
    expect(await pendingFollowUps()).toBe(planned);
    expect(await click(ANNA, 'Ångra', undo)).toBe('Det beslutet finns inte längre (det kan ha tagits tillbaka), så inget ändrades.');
    expect(await click(ANNA, 'Ta tillbaka', card)).toContain('Tillbakataget: ”skriva långa mejl”.');
    const id = (await commitment()).id;
    expect(await act(ANNA, 'commitment.checkin', `${id}|done`)).toBe('Det beslutet finns inte längre (det kan ha tagits tillbaka), så inget ändrades.');
    expect(await db.prisma.commitmentFollowUp.count()).toBe(0);
    expect(await db.prisma.outboundMessage.count({ where: { kind: 'follow_up', status: 'pending' } })).toBe(0);
    expect(await say('demo-host/sara', 'sluta')).toBe('Det här kan bara deltagare eller teamledare göra. Skriv ”hjälp” för att se vad du kan göra.');
  });

  it('can be started from the button on the notice before a module that asks for one', async () => {
    await replanReminders(wiring.services, { everything: true }, clock.now());
    // Module 3 (Monday 22 February) has the stop-doing preparation: its notice comes on Friday the 19th.
    await tickAt('2027-02-19T09:00');
    const notice = wiring.adapter.sent.find((s) => s.conversation === 'dm:demo-host/erik' && toPlainText(s.message).startsWith('Snart dags: modul 3'))!.message;
    expect(await click('demo-host/erik', 'Skriv in ditt beslut', notice)).toContain('Vad ska du sluta göra?');
  });
});
