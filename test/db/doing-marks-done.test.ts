// Doing the work marks it done: submitting the maturity test completes the preparation that
// asks for it, recording a decision completes the stop-doing one (withdrawing it opens it
// again), and `klar` marks any open preparation done without waiting for a reminder. The
// reminders, `status` and the facilitator's `uppföljning` agree.
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../helpers/database.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { buttonOf, routerChat } from '../helpers/chat.js';
import { importFixture, servicesFor } from '../helpers/services.js';

const local = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Stockholm' }).toJSDate();
const ANNA = 'demo-host/anna';
const SARA = 'demo-host/sara';
let db: TestDatabase;
let wiring: ReturnType<typeof servicesFor>;
let anna: string;

beforeEach(async () => {
  db = await freshDatabase();
  const clock = new FakeClock(local('2027-01-11T10:00'));
  await importFixture(db, 'programs/digitalt-forst.yaml', clock.now());
  wiring = servicesFor(db, clock);
  await wiring.services.planning.replan({}, clock.now());
  anna = (await db.prisma.participant.findFirstOrThrow({ where: { key: 'anna' } })).id;
});
afterEach(async () => db.close());

const { say, act, press, last } = routerChat(() => wiring);
const prep = (key: string) => db.prisma.preparation.findFirstOrThrow({ where: { key } });
const isDone = async (key: string) => (await db.prisma.preparationCompletion.count({ where: { participantId: anna, preparationId: (await prep(key)).id } })) === 1;
const pendingReminders = async (key: string) =>
  db.prisma.outboundMessage.count({ where: { participantId: anna, kind: 'reminder', status: 'pending', payload: { path: ['preparationId'], equals: (await prep(key)).id } } });

describe('doing the work marks it done', () => {
  it('submitting the maturity test completes "Gör det digitala mognadstestet": no more reminders, and status and progress agree', async () => {
    expect(await pendingReminders('mognadstest-1')).toBeGreaterThan(0);
    await say(ANNA, 'mognadstest');
    for (let question = 0; question < 30; question += 1) await say(ANNA, 'hoppa över');
    await say(ANNA, 'skicka in');
    expect(await isDone('mognadstest-1')).toBe(true);
    expect(await isDone('mognadstest-2')).toBe(false);
    expect(await pendingReminders('mognadstest-1')).toBe(0);
    expect(await say(ANNA, 'status')).not.toContain('Gör det digitala mognadstestet');
    expect(await say(SARA, 'uppföljning')).toMatch(/Gör det digitala mognadstestet \(senast [^)]+\): 1 av \d+ klara/);
  });

  it('recording a decision completes the stop-doing preparation, withdrawing it opens it again with its reminders, and Ångra closes it', async () => {
    await say(ANNA, 'sluta Sluta med möten utan dagordning');
    expect(await isDone('sluta-gora')).toBe(true);
    expect(await pendingReminders('sluta-gora')).toBe(0);
    await press(ANNA, buttonOf(last(), 'Ta tillbaka'));
    expect(await isDone('sluta-gora')).toBe(false);
    expect(await pendingReminders('sluta-gora')).toBeGreaterThan(0);
    // Ångra puts the decision back, and with it the preparation it did.
    await press(ANNA, buttonOf(last(), 'Ångra'));
    expect(await isDone('sluta-gora')).toBe(true);
    expect(await pendingReminders('sluta-gora')).toBe(0);
  });
});

describe('klar / done', () => {
  it('lists the open preparations to pick from, and one picked is done', async () => {
    const list = await say(ANNA, 'klar');
    expect(list).toContain('Vad har du gjort klart?');
    const select = last()
      .blocks.flatMap((b) => (b.type === 'actions' ? b.elements : []))
      .find((e) => e.type === 'select')!;
    expect(select.type === 'select' && select.options[0]!.label).toMatch(/^Titta på sommarhälsningen från processledaren \(/);
    expect(await act(ANNA, select.actionId, select.type === 'select' ? select.options[0]!.value : '')).toContain('är klar');
    expect(await isDone('sommarhalsning')).toBe(true);
  });

  it('finds one by the words of its title, and offers a pick when the words fit several or none', async () => {
    expect(await say(ANNA, 'klar sommarhälsningen')).toContain('”Titta på sommarhälsningen från processledaren” är klar');
    expect(await isDone('sommarhalsning')).toBe(true);
    expect(await say(ANNA, 'klar läs')).toContain('Flera öppna förberedelser stämmer med ”läs”');
    expect(await say(ANNA, 'klar trädgårdsskötsel')).toContain('Jag hittar ingen öppen förberedelse som stämmer med ”trädgårdsskötsel”');
  });

  it('status offers Klar on each item and a way to see them all', async () => {
    await say(ANNA, 'status');
    const status = last();
    expect(status.blocks.filter((b) => b.type === 'actions' && b.elements.some((e) => e.type === 'button' && e.label === 'Klar'))).toHaveLength(5);
    const all = buttonOf(status, 'Visa alla');
    expect(all).toMatchObject({ actionId: 'command', value: 'done' });
    expect(await press(ANNA, buttonOf(status, 'Klar'))).toContain('är klar');
  });
});
