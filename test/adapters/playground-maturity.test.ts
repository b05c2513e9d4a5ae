// The walk-through in the playground, over real HTTP: a demo participant takes the
// whole maturity test, skips two questions, pauses, comes back after a restart, finishes and
// sees the chart (a PNG); retakes it at the second occasion and sees the change; the
// facilitator's cohort view respects the threshold.
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import type { TranscriptEntry } from '../../adapters/local/transcript.js';
import type { Button, Message } from '../../src/ui/model.js';
import { toPlainText } from '../../src/ui/plain-text.js';
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
  return k;
}

async function post(url: string, body: Record<string, unknown>) {
  const res = await fetch(`${url}/playground/api/inbound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBe(200);
}
async function lastBot(k: Awaited<ReturnType<typeof start>>, who: string): Promise<TranscriptEntry> {
  await k.kohort.idle();
  const res = await fetch(`${k.url}/playground/api/conversations/demo-host%2F${who}/messages`);
  return ((await res.json()) as { messages: TranscriptEntry[] }).messages.filter((m) => m.from === 'bot').at(-1)!;
}
const say = async (k: Awaited<ReturnType<typeof start>>, who: string, text: string) => {
  await post(k.url, { as: `demo-host/${who}`, kind: 'message', text });
  return toPlainText((await lastBot(k, who)).message!);
};
function buttonOf(msg: Message, label: string): Button {
  for (const block of msg.blocks) {
    if (block.type !== 'actions') continue;
    const found = block.elements.find((e): e is Button => e.type === 'button' && (e.label === label || e.label.startsWith(`${label} `)));
    if (found) return found;
  }
  throw new Error(`no button ${label}`);
}
const click = async (k: Awaited<ReturnType<typeof start>>, who: string, label: string) => {
  const entry = await lastBot(k, who);
  const button = buttonOf(entry.message!, label);
  await post(k.url, { as: `demo-host/${who}`, kind: 'action', actionId: button.actionId, value: button.value });
  return toPlainText((await lastBot(k, who)).message!);
};

async function finish(k: Awaited<ReturnType<typeof start>>, who: string, value: string, from: number) {
  for (let n = from; n < 29; n += 1) await click(k, who, value);
  // The closing free-text question is answered in its form.
  await post(k.url, { as: `demo-host/${who}`, kind: 'form', formId: 'maturity.text', values: { answer: 'Tid och mod' } });
  expect(toPlainText((await lastBot(k, who)).message!)).toContain('Klart att skicka in?');
  return click(k, who, 'Skicka in');
}

describe('the maturity test in the playground', () => {
  it('taken whole with skips, a pause and a restart; chart, retake with change, cohort view', async () => {
    let k = await start();
    expect(await say(k, 'anna', 'mognadstest')).toContain('Fråga 1 av 30');
    await click(k, 'anna', '4');
    await click(k, 'anna', 'Hoppa över');
    await click(k, 'anna', '3');
    await click(k, 'anna', 'Hoppa över');
    expect(await click(k, 'anna', 'Pausa')).toContain('Pausat vid fråga 5 av 30');

    await k.kohort.stop();
    running = [];
    k = await start(k.db.dataDir);
    expect(await say(k, 'anna', 'test')).toContain('Fråga 5 av 30');
    const results = await finish(k, 'anna', '4', 4);
    expect(results).toContain('Ditt resultat – Före modul 3');
    expect(results).toContain('Arbetssätt och processer: 3,5 (2 av 3 besvarade)');
    const chart = (await lastBot(k, 'anna')).message!.blocks.find((b) => b.type === 'chart') as { png?: string };
    expect(chart.png).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);

    for (const who of ['erik', 'johan']) {
      await say(k, who, 'test');
      await finish(k, who, '3', 0);
    }
    const view = await say(k, 'sara', 'mognadsresultat');
    expect(view).toContain('Före modul 3: 3 av 5 har skickat in');
    expect(view).toContain('Grupp Omnikanal – Före modul 3');
    expect(view.split('Grupp Omnikanal')[1]).toContain('visas inte, för få svar (n = 0)');
    expect(view).toMatch(/Hela Demokohorten – Före modul 3 [^\n]*\n• Arbetssätt och processer: 3,\d ± 0,\d \(n = 3\)/);

    // Before module 5, the retake shows the change.
    k.clock.set(local('2027-04-01T10:00'));
    await say(k, 'anna', 'test');
    const retake = await finish(k, 'anna', '5', 0);
    expect(retake).toContain('Ditt resultat – Före modul 5');
    expect(retake).toContain('Pilarna visar förändringen sedan Före modul 3.');
    expect(retake).toContain('Arbetssätt och processer: 5,0 (3 av 3 besvarade)  ▲ +1,5');
  });
});
