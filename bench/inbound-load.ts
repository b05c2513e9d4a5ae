// The load side of bench/inbound.ts: signed DM events sent as Slack sends them, and the
// answers they get as they arrive at the fake Slack. One Run is one series of events; each
// remembers when it was sent, acknowledged and answered.
import http from 'node:http';
import { monitorEventLoopDelay, performance, type IntervalHistogram } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { slackSignature, type FakeSlack, type RecordedCall } from '../test/helpers/fake-slack.js';
import { fixture } from '../test/helpers/slack-kohort.js';

export const SECRET = 'bench-secret';
/** At most this many requests in flight when saturating. */
const IN_FLIGHT = 64;

/** A server under test: a process listening on `url`. */
export interface Target {
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

/** The members' Slack ids: event i comes from member i mod `people`, in their own DM channel. */
export const userOf = (i: number, people: number) => `UB${String(i % people).padStart(5, '0')}`;

const template = JSON.parse(fixture('MessageBody.json')) as { event: Record<string, string>; event_id: string };

/** A DM event as Slack sends it: the recorded fixture with its own event id, member, words and DM channel. */
function dmBody(eventId: string, user: string, words: string): string {
  const body = structuredClone(template);
  body.event.text = words;
  body.event.user = user;
  body.event.channel = `D${user}`;
  body.event_id = eventId;
  return JSON.stringify(body);
}

/** Keeps connections open, as Slack's senders do; the sockets are the load generator's, not the server's cost. */
export const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

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
    request.on('error', (error: NodeJS.ErrnoException) => {
      // A kept-alive connection the server closed (idle past its keep-alive timeout) just as
      // it was reused: the request never reached the server, so send it again (Node's advice).
      if (request.reusedSocket && error.code === 'ECONNRESET') post(url, body).then(resolve, reject);
      else reject(error);
    });
    request.end(body);
  });
}

export class Run {
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

  /** `words`: what the members type, in turn. */
  constructor(
    private readonly target: Target,
    private readonly fake: FakeSlack,
    private readonly people: number,
    private readonly words: readonly string[],
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
    const user = userOf(i, this.people);
    this.waiting.set(`D${user}`, [...(this.waiting.get(`D${user}`) ?? []), timing]);
    const status = await post(this.target.url, dmBody(`Ev${id}`, user, this.words[i % this.words.length]!));
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

/** The fake Slack, the members and what they type: what every series of events shares. */
export interface Load {
  fake: FakeSlack;
  people: number;
  words: readonly string[];
}

/** One event at a time, each sent once the last is answered. */
export async function sequential(target: Target, load: Load, count: number): Promise<Run> {
  const run = new Run(target, load.fake, load.people, load.words);
  for (let i = 0; i < count; i += 1) {
    await run.send(i);
    await run.answers(10_000);
  }
  return run;
}

/** Events on a fixed schedule, each sent when due whatever became of the earlier ones. */
export async function openLoop(target: Target, load: Load, rate: number, seconds: number): Promise<Run> {
  const run = new Run(target, load.fake, load.people, load.words);
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
export async function saturate(target: Target, load: Load, count: number): Promise<Run> {
  const run = new Run(target, load.fake, load.people, load.words);
  let next = 0;
  const sender = async () => {
    while (next < count) await run.send(next++);
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, sender));
  await run.answers();
  return run;
}

export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};
