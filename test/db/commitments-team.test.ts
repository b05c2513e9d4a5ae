// Team leads and facilitators: a lead sees the commitments of the team they lead (never
// another team's), counted-only ones without a name — in the chat, on the home surface and
// in the export — and can nudge; facilitators get the roll-up and the CSV.
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toPlainText } from '../../src/ui/plain-text.js';
import { freshDatabase, type TestDatabase } from '../helpers/database.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { routerChat } from '../helpers/chat.js';
import { importFixture, noticeAlreadyGiven, servicesFor } from '../helpers/services.js';

const local = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Stockholm' }).toJSDate();
let db: TestDatabase;
let clock: FakeClock;
let wiring: ReturnType<typeof servicesFor>;
const { say, act } = routerChat(() => wiring);

beforeEach(async () => {
  db = await freshDatabase();
  clock = new FakeClock(local('2027-01-11T10:00'));
  await importFixture(db, 'programs/digitalt-forst.yaml', clock.now());
  await noticeAlreadyGiven(db, clock.now());
  wiring = servicesFor(db, clock);
  // Team Stadsbiblioteket: Anna leads, Erik and Lina are members. Maja is in no team.
  await act('demo-host/erik', 'commitment.suggestion', 'farre-moten');
  await act('demo-host/erik', 'commitment.visibility', `${await idOf('erik')}|named`);
  await say('demo-host/lina', 'sluta kopiera och skanna allt');
  await say('demo-host/maja', 'sluta svara på mejl på kvällen');
  await act('demo-host/maja', 'commitment.visibility', `${await idOf('maja')}|named`);
});
afterEach(async () => db.close());

async function idOf(key: string) {
  return (await db.prisma.commitment.findFirstOrThrow({ where: { participant: { key } }, orderBy: { createdAt: 'desc' } })).id;
}
describe('team leads', () => {
  it('see their team: named commitments with status, counted ones only counted, nothing from other teams', async () => {
    const view = await say('demo-host/anna', 'mitt team');
    expect(view).toContain('Teamet Stadsbiblioteket');
    expect(view).toContain('• Erik Nyström: ”Färre fysiska möten” – pågår');
    // One counted decision is only counted: by status it would give its owner away (issue 15.5).
    expect(view).toContain('• 1 beslut utan namn');
    expect(view).not.toContain('1 beslut utan namn:');
    expect(view).not.toContain('kopiera');
    expect(view).not.toMatch(/Lina Sandberg: /);
    expect(view).not.toContain('mejl på kvällen');
    expect(await say('demo-host/erik', 'mitt team')).toBe('Det här kan bara en teamledare göra. Skriv ”hjälp” för att se vad du kan göra.');
  });

  it('show the same on the home surface, names only where allowed', async () => {
    await say('demo-host/anna', 'språk sv');
    const home = toPlainText(wiring.adapter.homes.at(-1)!.message);
    expect(home).toContain('• Erik Nyström: ”Färre fysiska möten” – pågår');
    // One counted decision is only counted: by status it would give its owner away (issue 15.5).
    expect(home).toContain('• 1 beslut utan namn');
    expect(home).not.toContain('1 beslut utan namn:');
    expect(home).not.toContain('Lina');
  });

  it('nudge one person or the whole team, once a day each, in the person’s language', async () => {
    const erik = (await db.prisma.participant.findFirstOrThrow({ where: { key: 'erik' } })).id;
    const team = (await db.prisma.team.findFirstOrThrow()).id;
    expect(await act('demo-host/anna', 'commitment.nudge', `${team}|${erik}`)).toBe('Påminnelse skickad till Erik Nyström.');
    expect(await act('demo-host/anna', 'commitment.nudge', `${team}|${erik}`)).toBe('Erik Nyström har redan fått en påminnelse i dag.');
    expect(await act('demo-host/anna', 'commitment.nudge', `${team}|all`)).toBe('Påminnelse skickad till 1 person (1 hade redan fått en i dag).');
    const worker = wiring.worker('w');
    expect(await worker.tick()).toMatchObject({ sent: 2 });
    const toErik = wiring.adapter.sent.filter((s) => s.conversation === 'dm:demo-host/erik').at(-1)!;
    expect(toPlainText(toErik.message)).toBe('Anna Lindqvist undrar hur det går med det ni bestämt att sluta göra i Stadsbiblioteket. Skriv ”sluta” för att se och uppdatera dina beslut.');
    // A team Anna does not lead, or a forged value: nothing sent.
    expect(await act('demo-host/anna', 'commitment.nudge', `00000000-0000-4000-8000-000000000000|all`)).toBe('Det teamet leder du inte, så inget skickades.');
    expect(await act('demo-host/erik', 'commitment.nudge', `${team}|all`)).toContain('Det här kan bara en teamledare göra');
  });
});

describe('facilitators', () => {
  it('get the roll-up by module, hours freed and suggestions, and a CSV that names only who allowed it', async () => {
    await act('demo-host/erik', 'commitment.checkin', `${await idOf('erik')}|partly`);
    const checkIn = await db.prisma.commitmentFollowUp.findFirstOrThrow();
    await act('demo-host/erik', 'commitment.hours', `${checkIn.id}|2`);
    const view = await say('demo-host/sara', 'åtaganden');
    expect(view).toContain('Beslut om att sluta göra – Demokohorten');
    expect(view).toMatch(/• Modul \d: 1 beslut – 1 delvis/);
    expect(view).toContain('Frigjord tid: 2 timmar i veckan sammanlagt.');
    expect(view).toContain('• Egna formuleringar: 2');
    expect(view).toContain('• Färre fysiska möten: 1');
    expect(view).not.toContain('Lina');

    await say('demo-host/sara', 'beslutsexport');
    const csv = new TextDecoder().decode((await db.prisma.export.findFirstOrThrow({ orderBy: { createdAt: 'desc' } })).content).split('\r\n');
    expect(csv[0]).toBe('Modul;Namn;Gäller;Beslut;Varför;Förslag;Läge;Frigjorda timmar per vecka;Senaste uppföljning');
    expect(csv.find((r) => r.includes('Färre fysiska möten'))).toMatch(/^\d+;Erik Nyström;personligt;Färre fysiska möten;;Färre fysiska möten;delvis;2;2027-01-11$/);
    expect(csv.find((r) => r.includes('kopiera'))).toMatch(/^\d+;;personligt;kopiera och skanna allt;;;pågår;;$/);
    expect(csv.join('\n')).not.toContain('Lina');
    expect(await say('demo-host/anna', 'beslutsexport')).toContain('Det här kan bara processledare eller administratörer');
  });
});
