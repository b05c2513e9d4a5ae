// Slack benchmarks: how fast kohort acknowledges Slack (Slack gives three seconds), how
// long until the answer is posted, what memory that costs, and how fast Block Kit
// rendering is. Runs against the fake Slack on 127.0.0.1; nothing leaves the machine.
//   npm run bench
import { performance } from 'node:perf_hooks';
import { renderMessage } from '../adapters/slack/render.js';
import { actions, button, fields, header, message, text } from '../src/ui/model.js';
import { readFileSync, rmSync } from 'node:fs';
import { tempDir } from '../test/helpers/database.js';
import { deliver, FakeSlack } from '../test/helpers/fake-slack.js';
import { startKohortProcess } from '../test/helpers/kohort-process.js';
import { addFixtureUsers, fixture } from '../test/helpers/slack-kohort.js';

const SECRET = 'bench-secret';

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};
const ms = (value: number) => `${value.toFixed(1)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

function dmBody(i: number, text: string): string {
  const body = JSON.parse(fixture('MessageBody.json')) as { event: Record<string, string>; event_id: string };
  body.event.text = text;
  body.event.user = 'W111';
  // One channel per event: latency here, not the per-channel pacing (tested elsewhere).
  body.event.channel = `DBENCH${i}`;
  body.event_id = `Ev-bench-${i}`;
  return JSON.stringify(body);
}

/** Resident memory of the kohort process, from /proc. */
function rssOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(line?.replace(/\D+/g, '') ?? 0) * 1024;
}

async function benchRequests(): Promise<void> {
  // kohort runs as its own process, as `npm start` does, so the timings are the server's
  // and not this client's; the fake Slack lives here.
  const fake = await new FakeSlack().start();
  addFixtureUsers(fake);
  const dataDir = tempDir('kohort-bench-');
  const kohort = await startKohortProcess({
    DATA_DIR: dataDir,
    DEMO_PROGRAM: 'test/fixtures/programs/slack-cohort.yaml',
    LOG_LEVEL: 'info', // the start helper waits for the info line "kohort is running"
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.apiUrl,
  });
  const pid = kohort.child.pid!;
  const posted = () => fake.callsOf('chat.postMessage').length;
  const send = async (i: number, text: string) => {
    const start = performance.now();
    const { status } = await deliver(kohort.url, dmBody(i, text), { secret: SECRET });
    if (status !== 200) throw new Error(`Slack would have seen ${status}`);
    return performance.now() - start;
  };
  try {
    // Warm-up: first queries prepare statements and fill caches.
    for (let i = 0; i < 20; i += 1) await send(-1 - i, 'status');
    await fake.waitUntil(() => posted() === 20);
    const rssBefore = rssOf(pid);

    const sequential = 200;
    const ackTimes: number[] = [];
    const doneTimes: number[] = [];
    for (let i = 0; i < sequential; i += 1) {
      const start = performance.now();
      const expected = posted() + 1;
      ackTimes.push(await send(i, 'status'));
      await fake.waitUntil(() => posted() === expected);
      doneTimes.push(performance.now() - start);
    }

    const burst = 200;
    const burstStart = performance.now();
    const before = posted();
    const burstAcks = await Promise.all(Array.from({ length: burst }, (_, i) => send(10_000 + i, 'hjälp')));
    await fake.waitUntil(() => posted() === before + burst, 60_000);
    const burstTotal = performance.now() - burstStart;
    const rssAfter = rssOf(pid);

    console.log('\nSlack requests to a kohort process (real Bolt receiver, PGlite, fake Web API; pacing of 1 message/s per channel applies)');
    console.table({
      'status, one at a time: ack': { p50: ms(percentile(ackTimes, 50)), p95: ms(percentile(ackTimes, 95)), max: ms(Math.max(...ackTimes)) },
      'status, one at a time: answer posted': { p50: ms(percentile(doneTimes, 50)), p95: ms(percentile(doneTimes, 95)), max: ms(Math.max(...doneTimes)) },
      [`burst of ${burst} at once: ack`]: { p50: ms(percentile(burstAcks, 50)), p95: ms(percentile(burstAcks, 95)), max: ms(Math.max(...burstAcks)) },
    });
    console.log(`burst of ${burst}: all answered in ${ms(burstTotal)} (${((burst / burstTotal) * 1000).toFixed(0)} events/s)`);
    console.log(`kohort process memory: rss ${mb(rssBefore)} after warm-up → ${mb(rssAfter)} after ${sequential + burst} more events`);
  } finally {
    await kohort.stop();
    await fake.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function benchRendering(): void {
  const typical = message(
    header('Din status'),
    text('Närmaste deadlines'),
    text('• Läs introduktionen – senast fre 5 mars kl. 12:00\n  Modul 1: Uppstart\n• Titta på filmen – senast fre 12 mars kl. 12:00'),
    actions(button('Min status', 'command', 'status'), button('In English', 'language.set', 'en')),
  );
  const huge = message(header('x'.repeat(300)), text('ord '.repeat(20_000)), fields(Array.from({ length: 40 }, (_, i) => ({ label: `F${i}`, value: 'v'.repeat(2500) }))));
  for (const [name, msg, rounds] of [
    ['typical status card', typical, 20_000],
    ['huge message (80 kB text, 40 fields)', huge, 300],
  ] as const) {
    const start = performance.now();
    for (let i = 0; i < rounds; i += 1) renderMessage(msg);
    const each = (performance.now() - start) / rounds;
    console.log(`render ${name}: ${(each * 1000).toFixed(1)} µs each`);
  }
}

benchRendering();
await benchRequests();
