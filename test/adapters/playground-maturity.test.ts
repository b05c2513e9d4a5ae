// The walk-through in the playground, over real HTTP: a demo participant takes the
// whole maturity test, skips two questions, pauses, comes back after a restart, finishes and
// sees the chart (a PNG); retakes it at the second occasion and sees the change; the
// facilitator's cohort view respects the threshold.
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { playgroundChat } from '../helpers/playground-chat.js';
import { startTestKohort } from '../helpers/test-kohort.js';

const local = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Stockholm' }).toJSDate();
let running: Awaited<ReturnType<typeof startTestKohort>>[] = [];
afterEach(async () => {
  for (const k of running) await k.kohort.stop().catch(() => undefined);
  running = [];
});

async function start(dataDir?: string) {
  const k = await startTestKohort({ program: 'programs/digitalt-forst.yaml', env: { PLAYGROUND: 'on' }, now: local('2027-01-11T10:00'), keepData: true, dataDir });
  k.clock.set(local('2027-01-13T10:00'));
  running.push(k);
  current = k;
  return k;
}

let current: Awaited<ReturnType<typeof start>>;
const { lastBot, say, form, click } = playgroundChat(() => current);

async function finish(who: string, value: string, from: number) {
  for (let n = from; n < 29; n += 1) await click(who, value);
  // The closing free-text question is answered in its form.
  expect(await form(who, 'maturity.text', { answer: 'Tid och mod' })).toContain('Klart att skicka in?');
  return click(who, 'Skicka in');
}

describe('the maturity test in the playground', () => {
  it('taken whole with skips, a pause and a restart; chart, retake with change, cohort view', async () => {
    let k = await start();
    expect(await say('anna', 'mognadstest')).toContain('Fråga 1 av 30');
    await click('anna', '4');
    await click('anna', 'Hoppa över');
    await click('anna', '3');
    await click('anna', 'Hoppa över');
    expect(await click('anna', 'Pausa')).toContain('Pausat vid fråga 5 av 30');

    await k.kohort.stop();
    running = [];
    k = await start(k.db.dataDir);
    expect(await say('anna', 'test')).toContain('Fråga 5 av 30');
    const results = await finish('anna', '4', 4);
    expect(results).toContain('Ditt resultat – Före modul 3');
    expect(results).toContain('Arbetssätt och processer: 3,5 (2 av 3 besvarade)');
    const chart = (await lastBot('anna')).message!.blocks.find((b) => b.type === 'chart') as { png?: string };
    expect(chart.png).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);

    for (const who of ['erik', 'johan']) {
      await say(who, 'test');
      await finish(who, '3', 0);
    }
    const view = await say('sara', 'mognadsresultat');
    expect(view).toContain('Före modul 3: 3 av 5 har skickat in');
    expect(view).toContain('Grupp Omnikanal – Före modul 3: för få svar för att visa (n = 0)');
    expect(view).toMatch(/Hela Demokohorten – Före modul 3 [^\n]*\n• Arbetssätt och processer: 3,\d ± 0,\d \(n = 3\)/);

    // Before module 5, the retake shows the change.
    k.clock.set(local('2027-04-01T10:00'));
    await say('anna', 'test');
    const retake = await finish('anna', '5', 0);
    expect(retake).toContain('Ditt resultat – Före modul 5');
    expect(retake).toContain('Pilarna visar förändringen sedan Före modul 3.');
    expect(retake).toContain('Arbetssätt och processer: 5,0 (3 av 3 besvarade)  ▲ +1,5');
  });
});
