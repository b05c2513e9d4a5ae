// Slack inbound benchmark (issue 18, point 5): how fast kohort acknowledges and answers
// signed DM events, next to a bare Bolt app that only replies (bench/bare-bolt.ts), in one
// run on this machine. Both run as processes of their own against one fake Slack on
// 127.0.0.1 (nothing leaves the machine), with the same signing secret and the same events:
// the recorded MessageBody.json fixture, re-signed, from the demo cohort's members.
//   - one at a time: ack and answer latency of a single event (nothing else in flight);
//   - open loop at 200 events a second for BENCH_SECONDS: ack latency p50/p95/p99 and the
//     rate answers arrive at the fake (events are sent on schedule, whatever the answers do);
//   - saturation: BENCH_SATURATION events as fast as the server acknowledges them (at most
//     64 requests in flight), answered throughput = events / time until the last answer;
//   - Block Kit rendering of a typical and a huge message.
// kohort's posting budget is set high (SLACK_POSTS_PER_SECOND) so the figures are kohort's own
// work, not Slack's published pace; each event has a DM channel of its own, so the
// one-message-a-second-per-channel pacing never applies (it is tested elsewhere).
//   npm run bench:inbound       BENCH_SECONDS=3 BENCH_SATURATION=600 for a short run;
//   BENCH_DATABASE=postgres|both to run kohort on PostgreSQL as well (default pglite).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { cpus } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance, type IntervalHistogram } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { renderMessage } from '../adapters/slack/render.js';
import { actions, button, fields, header, message, text } from '../src/ui/model.js';
import { tempDir } from '../test/helpers/database.js';
import { FakeSlack, slackSignature, type RecordedCall } from '../test/helpers/fake-slack.js';
import { ROOT, startKohortProcess, type KohortProcess } from '../test/helpers/kohort-process.js';
import { postgresBinDir, startPostgres, type TestPostgres } from '../test/helpers/postgres.js';
import { fixture } from '../test/helpers/slack-kohort.js';
import { printReport, type Figure } from './report.js';

const SECRET = 'bench-secret';
const RATE = 200;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const SATURATION = Number(process.env.BENCH_SATURATION ?? 3000);
const SEQUENTIAL = 100;
const IN_FLIGHT = 64;
/** kohort's workspace posting budget in this run: far above what either server reaches. */
const POSTS_PER_SECOND = '10000';
const DATABASES = (process.env.BENCH_DATABASE ?? 'pglite') === 'both' ? ['pglite', 'postgres'] : [process.env.BENCH_DATABASE ?? 'pglite'];
/**
 * The cohort writing: this many members, each in their own DM channel, taking turns — so
 * at 200 a second each channel sees a message every few seconds, within Slack's one a
 * second per channel, and kohort's per-channel pacing never holds an answer back.
 */
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 1000);
/** What members type most. */
const WORDS = (process.env.BENCH_WORDS ?? 'status,hjälp').split(',');

const userOf = (i: number) => `UB${String(i % PEOPLE).padStart(5, '0')}`;
const template = JSON.parse(fixture('MessageBody.json')) as { event: Record<string, string>; event_id: string };

/** A DM event as Slack sends it: the fixture with its own event id, person, words and DM channel. */
function dmBody(id: string, i: number): string {
  const body = structuredClone(template);
  body.event.text = WORDS[i % WORDS.length]!;
  body.event.user = userOf(i);
  body.event.channel = `D${userOf(i)}`;
  body.event_id = `Ev${id}`;
  return JSON.stringify(body);
}

/** The demo program of test/fixtures/programs/slack-cohort.yaml with the bench's members. */
function benchProgram(): string {
  const fixtureProgram = readFileSync(path.join(ROOT, 'test/fixtures/programs/slack-cohort.yaml'), 'utf8');
  const members = Array.from({ length: PEOPLE }, (_, i) => {
    const roles = i % 50 === 0 ? '[participant, facilitator]' : i % 10 === 0 ? '[participant, team_lead]' : '[participant]';
    return `      - { key: p${i}, name: "Person ${i}", roles: ${roles}, identities: { slack: ${userOf(i)} } }`;
  });
  return `${fixtureProgram.slice(0, fixtureProgram.indexOf('    participants:'))}    participants:\n${members.join('\n')}\n`;
}

interface Target {
  name: string;
  url: string;
  pid: number;
  stop(): Promise<unknown>;
}

interface Timing {
  sentAt: number;
  ackedAt?: number;
  answeredAt?: number;
}

/** Keeps connections open, as Slack's senders do; the sockets are the load generator's, not the server's cost. */
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

function post(url: string, body: string): Promise<number> {
  const signed = slackSignature(SECRET, body, Math.floor(Date.now() / 1000));
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${url}/slack/events`,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...signed } },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

class Run {
  private static next = 0;
  readonly timings = new Map<string, Timing>();
  /** The load generator's own event-loop delay while it sent. */
  lag?: IntervalHistogram;
  /** Posts that answered no event of this run (there should be none: one answer per message). */
  extra = 0;
  private readonly prefix = `${(Run.next += 1)}x`;
  /** Events waiting for their answer, by DM channel, oldest first: a channel's answers come in order. */
  private readonly waiting = new Map<string, Timing[]>();
  private answered = 0;
  private allAnswered?: () => void;

  constructor(
    private readonly target: Target,
    private readonly fake: FakeSlack,
  ) {
    fake.calls.length = 0; // the fake records everything; a long run keeps only its own
    fake.onCall = (call: RecordedCall) => {
      if (call.method !== 'chat.postMessage') return;
      const timing = this.waiting.get(String(call.args.channel))?.shift();
      if (!timing) {
        this.extra += 1;
        return;
      }
      timing.answeredAt = performance.now();
      this.answered += 1;
      if (this.answered === this.timings.size) this.allAnswered?.();
    };
  }

  async send(i: number): Promise<void> {
    const id = `${this.prefix}${i}`;
    const timing: Timing = { sentAt: performance.now() };
    this.timings.set(id, timing);
    const channel = `D${userOf(i)}`;
    this.waiting.set(channel, [...(this.waiting.get(channel) ?? []), timing]);
    const status = await post(this.target.url, dmBody(id, i));
    timing.ackedAt = performance.now();
    if (status !== 200) throw new Error(`${this.target.name}: Slack would have seen ${status}`);
  }

  /** Resolves when every event sent has its answer, or after `ms` (the figures then show what was answered). */
  async answers(ms = 120_000): Promise<void> {
    if (this.answered === this.timings.size) return;
    await Promise.race([new Promise<void>((resolve) => (this.allAnswered = resolve)), sleep(ms)]);
  }

  acks(): number[] {
    return [...this.timings.values()].map((t) => (t.ackedAt ?? Infinity) - t.sentAt);
  }

  answerTimes(): number[] {
    return [...this.timings.values()].flatMap((t) => (t.answeredAt === undefined ? [] : [t.answeredAt - t.sentAt]));
  }

  /** Answers a second from the first send to the last answer. */
  throughput(): number {
    const timings = [...this.timings.values()];
    const first = Math.min(...timings.map((t) => t.sentAt));
    const last = Math.max(...timings.flatMap((t) => (t.answeredAt === undefined ? [] : [t.answeredAt])));
    return this.answered / ((last - first) / 1000);
  }
}

async function sequential(target: Target, fake: FakeSlack, count: number): Promise<Run> {
  const run = new Run(target, fake);
  for (let i = 0; i < count; i += 1) {
    await run.send(i);
    await run.answers(10_000);
  }
  return run;
}

/** Events on a fixed schedule, each sent when due whatever became of the earlier ones. */
async function openLoop(target: Target, fake: FakeSlack, rate: number, seconds: number): Promise<Run> {
  const run = new Run(target, fake);
  const sends: Promise<void>[] = [];
  // This process's own delays count in every ack it times: measured, so they can be told apart.
  const lag = monitorEventLoopDelay({ resolution: 5 });
  lag.enable();
  run.lag = lag;
  const start = performance.now();
  for (let i = 0; i < rate * seconds; i += 1) {
    const wait = start + (i * 1000) / rate - performance.now();
    if (wait >= 1) await sleep(wait);
    sends.push(run.send(i));
  }
  await Promise.all(sends);
  lag.disable();
  await run.answers();
  return run;
}

/** As fast as the server acknowledges: `IN_FLIGHT` senders, each sending its next event on the last one's ack. */
async function saturate(target: Target, fake: FakeSlack, count: number): Promise<Run> {
  const run = new Run(target, fake);
  let next = 0;
  const sender = async () => {
    while (next < count) await run.send(next++);
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, sender));
  await run.answers();
  return run;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

/** CPU time the process has used so far (user + system), in ms, from /proc (ticks of 10 ms). */
function cpuOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Resident memory now and at its peak, from /proc. */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(/\d+/.exec(status.split('\n').find((l) => l.startsWith(field)) ?? '')?.[0] ?? 0);
  return { rss: kb('VmRSS:') / 1024, peak: kb('VmHWM:') / 1024 };
}

async function startBare(fake: FakeSlack): Promise<Target> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'bench/bare-bolt.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: 'xoxb-bare', SLACK_API_URL: fake.apiUrl },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.once('data', (chunk: Buffer) => resolve((JSON.parse(String(chunk)) as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`bare Bolt app exited with ${code}`)));
  });
  return {
    name: 'bare Bolt',
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    stop: () => new Promise((resolve) => (child.kill('SIGTERM'), child.once('exit', resolve))),
  };
}

async function startKohort(fake: FakeSlack, database: string): Promise<Target & { kohort: KohortProcess }> {
  const dataDir = tempDir('kohort-bench-inbound-');
  const program = path.join(dataDir, 'bench-program.yaml');
  writeFileSync(program, benchProgram());
  let postgres: TestPostgres | undefined;
  if (database === 'postgres') postgres = await startPostgres();
  const kohort = await startKohortProcess(
    {
      DATA_DIR: dataDir,
      ...(postgres ? { DATABASE_URL: postgres.url } : {}),
      DEMO_PROGRAM: program,
      LOG_LEVEL: 'info', // the start helper waits for the info line "kohort is running"
      SCHEDULER_TICK: 'off', // only answers go out: reminders due meanwhile would be work the bare app has not
      SLACK_BOT_TOKEN: 'xoxb-kohort',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.apiUrl,
      SLACK_POSTS_PER_SECOND: POSTS_PER_SECOND,
    }, // BENCH_PROFILE=<dir>: a V8 CPU profile of kohort, written there when it stops.
    process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [],
  );
  return {
    name: `kohort (${database === 'postgres' ? 'PostgreSQL' : 'PGlite'})`,
    url: kohort.url,
    pid: kohort.child.pid!,
    kohort,
    async stop() {
      await kohort.stop();
      postgres?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

interface Measured {
  name: string;
  one: { ack: number[]; answer: number[] };
  paced: { ack: number[]; answer: number[]; throughput: number; answered: number; sent: number; senderLagP99: number };
  saturated: { throughput: number; answered: number; sent: number; cpuPerEvent: number };
  memory: { rss: number; peak: number };
  /** Posts beyond one answer per event. */
  extra: number;
}

async function measure(target: Target, fake: FakeSlack): Promise<Measured> {
  process.stderr.write(`${target.name}: warming up (every member writes once)\n`);
  await saturate(target, fake, PEOPLE);
  const one = await sequential(target, fake, SEQUENTIAL);
  process.stderr.write(`${target.name}: ${RATE}/s for ${SECONDS} s\n`);
  const paced = await openLoop(target, fake, RATE, SECONDS);
  process.stderr.write(`${target.name}: saturation, ${SATURATION} events\n`);
  const cpuBefore = cpuOf(target.pid);
  const saturated = await saturate(target, fake, SATURATION);
  const cpuPerEvent = (cpuOf(target.pid) - cpuBefore) / SATURATION;
  const answeredOf = (run: Run) => run.answerTimes().length;
  return {
    name: target.name,
    one: { ack: one.acks(), answer: one.answerTimes() },
    paced: {
      ack: paced.acks(),
      answer: paced.answerTimes(),
      throughput: paced.throughput(),
      answered: answeredOf(paced),
      sent: paced.timings.size,
      senderLagP99: (paced.lag?.percentile(99) ?? 0) / 1e6,
    },
    saturated: { throughput: saturated.throughput(), answered: answeredOf(saturated), sent: saturated.timings.size, cpuPerEvent },
    memory: memoryOf(target.pid),
    extra: one.extra + paced.extra + saturated.extra,
  };
}

function renderTimings(): Figure[] {
  const typical = message(
    header('Din status'),
    text('Närmaste deadlines'),
    text('• Läs introduktionen – senast fre 5 mars kl. 12:00\n  Modul 1: Uppstart\n• Titta på filmen – senast fre 12 mars kl. 12:00'),
    actions(button('Min status', 'command', 'status'), button('In English', 'language.set', 'en')),
  );
  const huge = message(header('x'.repeat(300)), text('ord '.repeat(20_000)), fields(Array.from({ length: 40 }, (_, i) => ({ label: `F${i}`, value: 'v'.repeat(2500) }))));
  return (
    [
      ['Block Kit render, typical status card', typical, 20_000],
      ['Block Kit render, huge message (80 kB text, 40 fields)', huge, 300],
    ] as const
  ).map(([name, msg, rounds]) => {
    const start = performance.now();
    for (let i = 0; i < rounds; i += 1) renderMessage(msg);
    return { name, value: ((performance.now() - start) / rounds) * 1000, unit: 'µs' };
  });
}

function figuresOf(m: Measured, isKohort: boolean): Figure[] {
  const of = `${m.name}`;
  const figures: Figure[] = [
    { name: `${of}: one at a time, ack p50`, value: percentile(m.one.ack, 50), unit: 'ms' },
    { name: `${of}: one at a time, answer posted p50`, value: percentile(m.one.answer, 50), unit: 'ms' },
    { name: `${of}: one at a time, answer posted p95`, value: percentile(m.one.answer, 95), unit: 'ms' },
    { name: `${of}: ${RATE}/s, ack p50`, value: percentile(m.paced.ack, 50), unit: 'ms' },
    { name: `${of}: ${RATE}/s, ack p95`, value: percentile(m.paced.ack, 95), unit: 'ms' },
    { name: `${of}: ${RATE}/s, ack p99`, value: percentile(m.paced.ack, 99), unit: 'ms', ...(isKohort ? { target: '<= 100' } : {}) },
    { name: `${of}: ${RATE}/s, the sender's own event-loop delay p99 (counted in its acks)`, value: m.paced.senderLagP99, unit: 'ms' },
    { name: `${of}: ${RATE}/s, answer posted p50`, value: percentile(m.paced.answer, 50), unit: 'ms' },
    { name: `${of}: ${RATE}/s, answer posted p99`, value: percentile(m.paced.answer, 99), unit: 'ms' },
    { name: `${of}: ${RATE}/s, answered`, value: m.paced.throughput, unit: 'events/s' },
    { name: `${of}: saturated, answered`, value: m.saturated.throughput, unit: 'events/s' },
    { name: `${of}: saturated, CPU per event`, value: m.saturated.cpuPerEvent, unit: 'ms' },
    { name: `${of}: RSS after the runs`, value: m.memory.rss, unit: 'MB' },
    { name: `${of}: peak RSS`, value: m.memory.peak, unit: 'MB' },
  ];
  const unanswered = m.paced.sent - m.paced.answered + (m.saturated.sent - m.saturated.answered);
  if (m.extra > 0) figures.push({ name: `${of}: posts beyond one answer per event`, value: m.extra, unit: 'posts' });
  if (unanswered > 0) figures.push({ name: `${of}: events left unanswered`, value: unanswered, unit: 'events', target: '<= 0' });
  return figures;
}

const fake = await new FakeSlack().start();
for (let i = 0; i < PEOPLE; i += 1) fake.addUser({ id: userOf(i), name: `Person ${i}`, locale: i % 10 === 0 ? 'en-GB' : 'sv-SE' });
const figures: Figure[] = renderTimings();
const context: string[] = [];
try {
  let baseline: Measured = { saturated: { throughput: NaN } } as Measured;
  if (!process.env.BENCH_SKIP_BARE) {
    const bare = await startBare(fake);
    try {
      baseline = await measure(bare, fake);
    } finally {
      await bare.stop();
    }
    figures.push(...figuresOf(baseline, false));
  }
  for (const database of process.env.BENCH_ONLY_BARE ? [] : DATABASES) {
    if (database === 'postgres' && !postgresBinDir()) {
      context.push('PostgreSQL skipped: no server binaries');
      continue;
    }
    const kohort = await startKohort(fake, database);
    let measured: Measured;
    try {
      measured = await measure(kohort, fake);
    } finally {
      await kohort.stop();
    }
    figures.push(
      { name: `${measured.name} / bare Bolt, saturated answers`, value: measured.saturated.throughput / baseline.saturated.throughput, unit: '×', target: '>= 0.8' },
      ...figuresOf(measured, true),
    );
  }
} finally {
  fake.onCall = undefined;
  await fake.stop();
  agent.destroy();
}

printReport({
  bench: 'inbound',
  context: [`${cpus().length} cores`, `Node ${process.versions.node}`, `${RATE}/s for ${SECONDS} s, saturation ${SATURATION} events`, `SLACK_POSTS_PER_SECOND=${POSTS_PER_SECOND}`, ...context].join(
    ', ',
  ),
  figures,
});
