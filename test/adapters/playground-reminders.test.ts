// The walk-through, as a new user would do it in the playground: the demo program's
// participants receive their reminders at the expected times (the fake clock is advanced and
// the outbox ticked), Anna clicks Done and hears no more about that item, snoozes another
// and gets it again the next morning. Then kohort is stopped in the middle of sending the
// module notices and restarted: every participant gets exactly one.
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelAdapter } from '../../src/core/adapter.js';
import type { Button } from '../../src/ui/model.js';
import { toPlainText } from '../../src/ui/plain-text.js';
import { buttonOf } from '../helpers/chat.js';
import { botEntries, postInbound } from '../helpers/playground-chat.js';
import { startTestKohort } from '../helpers/test-kohort.js';

const ZONE = 'Europe/Stockholm';
const local = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toJSDate();
const PARTICIPANTS = ['anna', 'erik', 'maja', 'johan', 'lina'];
let running: Awaited<ReturnType<typeof startTestKohort>>[] = [];
afterEach(async () => {
  for (const k of running) await k.kohort.stop().catch(() => undefined);
  running = [];
});

async function start(options: { dataDir?: string } = {}) {
  // Monday 11 January 2027, 10:00: the demo's relative dates ("+3d 12:00") count from here.
  // Two messages in flight at once, so a stop can come with five notices half sent.
  const k = await startTestKohort({ program: 'programs/digitalt-forst.yaml', env: { PLAYGROUND: 'on', OUTBOX_CONCURRENCY: '2' }, now: local('2027-01-11T10:00'), keepData: true, ...options });
  running.push(k);
  return k;
}

const texts = async (url: string, who: string) => (await botEntries(url, who)).map((m) => toPlainText(m.message!));
const click = (url: string, who: string, button: Button) => postInbound(url, { as: `demo-host/${who}`, kind: 'action', actionId: button.actionId, value: button.value });

describe('reminders in the playground', () => {
  it('arrive on time; Done stops them; Snooze brings one back the next morning', async () => {
    const { kohort, clock, url } = await start();
    const at = async (iso: string) => {
      clock.set(local(iso));
      await kohort.scheduler.tick();
    };
    await at('2027-01-12T09:00');
    expect(await texts(url, 'anna')).toEqual([]);

    // Wednesday 09:00, the day before the welcome video is due.
    await at('2027-01-13T09:00');
    const [video] = await botEntries(url, 'anna');
    expect(toPlainText(video!.message!)).toContain('Påminnelse: Titta på sommarhälsningen från processledaren');
    expect(toPlainText(video!.message!)).toContain('Senast tors 14 jan. kl. 12:00 · Modul 1');
    expect((await texts(url, 'maja'))[0]).toContain("Reminder: Watch the facilitator's summer greeting"); // Maja reads English, which the program gives for it
    for (const who of PARTICIPANTS) expect(await texts(url, who)).toHaveLength(1);
    expect(await texts(url, 'sara')).toEqual([]); // a facilitator prepares nothing

    await click(url, 'anna', buttonOf(video!.message!, 'Klar'));
    await kohort.idle();
    expect((await texts(url, 'anna')).at(-1)).toContain('”Titta på sommarhälsningen från processledaren” är klar');

    // Thursday 08:00: everyone else gets the deadline-day reminder, Anna does not.
    await at('2027-01-14T08:00');
    expect((await texts(url, 'erik')).at(-1)).toContain('Påminnelse: Titta på sommarhälsningen');
    expect(await texts(url, 'anna')).toHaveLength(2);

    // Thursday 09:00: a week before the reading is due. Anna snoozes it until tomorrow.
    await at('2027-01-14T09:00');
    const reading = (await botEntries(url, 'anna')).at(-1)!;
    expect(toPlainText(reading.message!)).toContain('Påminnelse: Läs Att leda digital transformation, s. 1–45');
    await click(url, 'anna', buttonOf(reading.message!, 'Snooza till i morgon'));
    await kohort.idle();
    expect((await texts(url, 'anna')).at(-1)).toBe('Okej, jag påminner dig om ”Läs Att leda digital transformation, s. 1–45” igen fre 15 jan. kl. 08:00.');

    await at('2027-01-15T07:45');
    expect(await texts(url, 'anna')).toHaveLength(4);
    await at('2027-01-15T08:00');
    const again = (await texts(url, 'anna')).at(-1)!;
    expect(again).toContain('Påminnelse: Läs Att leda digital transformation, s. 1–45');
    expect(again).toContain('Du bad mig påminna dig igen.');

    // Through the rest of the ladder, the welcome video never comes back for Anna.
    for (let day = 15; day <= 25; day += 1) {
      for (const time of ['08:00', '09:00']) await at(`2027-01-${String(day).padStart(2, '0')}T${time}`);
    }
    const annas = await texts(url, 'anna');
    expect(annas.filter((t) => t.includes('Påminnelse: Titta på sommarhälsningen'))).toHaveLength(1);
    // The notice before module 1 shows it as done.
    expect(annas.find((t) => t.includes('Snart dags: modul 1'))).toContain('✓ Titta på sommarhälsningen från processledaren');
    expect((await texts(url, 'erik')).filter((t) => t.includes('Påminnelse: Titta på sommarhälsningen'))).toHaveLength(2);
  });

  it('a stop in the middle of sending loses nothing and doubles nothing after the restart', async () => {
    const first = await start();
    // Friday 22 January 09:00: the notice before module 1 goes to all five participants.
    first.clock.set(local('2027-01-22T08:59'));
    const adapter = first.kohort.wiring.adapters.get('local') as ChannelAdapter;
    // Nobody has written to kohort yet, so notices go out through sendToPerson.
    const send = adapter.sendToPerson.bind(adapter);
    let stopping: Promise<void> | undefined;
    adapter.sendToPerson = async (target, msg) => {
      stopping ??= first.kohort.stop(); // the process is told to stop while the first notice is going out
      return send(target, msg);
    };
    first.clock.set(local('2027-01-22T09:00'));
    await first.kohort.scheduler.tick();
    expect(stopping).toBeDefined();
    await stopping;
    running = running.filter((k) => k !== first);
    const second = await start({ dataDir: first.db.dataDir });
    const notices = await second.db.prisma.outboundMessage.groupBy({ by: ['status'], where: { kind: 'module_notice', dueAt: local('2027-01-22T09:00') }, _count: true });
    const count = (status: string) => notices.find((n) => n.status === status)?._count ?? 0;
    // Really stopped half-way: some went out, the rest was given back, nothing left claimed.
    expect([count('sent') > 0, count('pending') > 0, count('claimed')]).toEqual([true, true, 0]);

    second.clock.set(local('2027-01-22T09:01'));
    await second.kohort.scheduler.tick();
    for (const who of PARTICIPANTS) {
      const received = (await texts(second.url, who)).filter((t) => t.includes('Snart dags: modul 1') || t.includes('Coming up: module 1'));
      expect(received, who).toHaveLength(1);
    }
    expect((await texts(second.url, 'anna')).find((t) => t.includes('Snart dags: modul 1'))).toContain('Vi ses mån 25 jan. kl. 09:30, Umeå, Folkets hus.');
  });
});
