// Broadcast benchmark: a facilitator broadcasts a module's preparations to 5,000
// participants, half on Slack and half on Teams, through the real path — playground
// command and buttons, outbox, real Slack adapter (@slack/web-api) and real Teams adapter
// (botbuilder CloudAdapter) — against fake Slack and Teams servers on 127.0.0.1 that
// refuse with 429 whatever goes over their limits. While it goes out, participants send
// commands ("status") as Slack signed events and Teams activities, a few a second, and the
// time until each answer reaches the fake is measured. Twice: at today's limits (Slack 10
// posts a second, Teams 50 requests a second) and with the fake Slack allowing 50 while
// SLACK_POSTS_PER_SECOND stays at its default of 10, so kohort has to find the higher rate.
//
// "Share of the ceiling": the least time the fakes' limits allow for everything they
// accepted (the broadcast and the answers), over the time from "Skicka" to the delivery
// report. Checks that every recipient got exactly one message.
//   npm run bench:broadcast      (BENCH_RECIPIENTS=1000 for a shorter run,
//                                 BENCH_COMMANDS_PER_SECOND=2 for the participants' load,
//                                 BENCH_ONLY=10, 50 or replicas for one part)
// Last, three replicas on one PostgreSQL (started by the bench) send a smaller broadcast
// together through a shared budget (bench/broadcast-replicas.ts).
import { performance } from 'node:perf_hooks';
import { rmSync } from 'node:fs';
import { startKohort, type RunningKohort } from '../src/kohort.js';
import { systemClock } from '../src/core/clock.js';
import { createLogger } from '../src/core/logger.js';
import { openDatabase } from '../src/persistence/database.js';
import { SLACK_LIMITS } from '../adapters/slack/limits.js';
import { TEAMS_LIMITS } from '../adapters/teams/limits.js';
import { tempDir } from '../test/helpers/database.js';
import { FakeConnector } from '../test/helpers/fake-connector.js';
import { deliver, FakeSlack } from '../test/helpers/fake-slack.js';
import { SIGNING_SECRET } from '../test/helpers/slack-kohort.js';
import { postActivity } from '../test/helpers/teams-kohort.js';
import { benchConfig, BROADCAST_MARK, facilitator, seed, slackPerson, TEAM, teamsPerson, TENANT } from './broadcast-world.js';
import { threeReplicas } from './broadcast-replicas.js';
import { printReport, type Figure } from './report.js';

const RECIPIENTS = Number(process.env.BENCH_RECIPIENTS ?? 5000);
const COMMANDS_PER_SECOND = Number(process.env.BENCH_COMMANDS_PER_SECOND ?? 2);
/** One part only while working on it: "10" or "50" (the fake Slack's limit), or "replicas". */
const ONLY = process.env.BENCH_ONLY;
/** The three-replica run is smaller: it shows the shared count, not the speed. */
const REPLICA_RECIPIENTS = Math.min(600, RECIPIENTS);
const SLACK_PEOPLE = Math.ceil(RECIPIENTS / 2);
const TEAMS_PEOPLE = RECIPIENTS - SLACK_PEOPLE;
/** Participants who send commands: the first 200 of each platform's share. */
const TALKERS = Math.min(200, TEAMS_PEOPLE);
/** What an answer to "status" says, and a broadcast never does. */
const ANSWER_MARK = 'Din status';
/**
 * Participants writing "status" while the broadcast goes out; each answer is timed when the
 * fake accepts it. Also tallies what the fakes accepted: broadcast messages per conversation.
 */
class Participants {
  readonly answeredMs: number[] = [];
  /** Answer times by platform, for the table. */
  readonly byPlatform = { slack: [] as number[], teams: [] as number[] };
  /** The first few messages that were neither, to say what they were. */
  readonly otherSamples: string[] = [];
  readonly broadcastTo = new Map<string, number>();
  /** Messages that are neither the broadcast nor an answer to a command (there should be none). */
  others = 0;
  typing = 0;
  private readonly waiting = new Map<string, number[]>();
  private sent = 0;
  private timer?: NodeJS.Timeout;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly kohortUrl: string,
    private readonly slack: FakeSlack,
    private readonly connector: FakeConnector,
  ) {
    slack.onPosted = (args) => this.accepted(String(args.channel), JSON.stringify(args.blocks ?? args.text));
    // Typing indicators (teams-ai sends them in a turn that takes over a second) are no messages.
    connector.onSent = (call) => (call.body.type === 'typing' ? (this.typing += 1) : this.accepted(call.conversationId, JSON.stringify(call.body)));
  }

  start(): void {
    if (COMMANDS_PER_SECOND <= 0) return;
    this.timer = setInterval(() => this.next(), 1000 / COMMANDS_PER_SECOND);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await Promise.allSettled([...this.inFlight]);
  }

  get unanswered(): number {
    return [...this.waiting.values()].reduce((n, list) => n + list.length, 0);
  }

  private accepted(conversation: string, body: string): void {
    if (body.includes(BROADCAST_MARK)) {
      this.broadcastTo.set(conversation, (this.broadcastTo.get(conversation) ?? 0) + 1);
      return;
    }
    const list = this.waiting.get(conversation);
    if (!list?.length || !body.includes(ANSWER_MARK)) {
      this.others += 1;
      if (this.otherSamples.length < 3) this.otherSamples.push(`${conversation}: ${body.slice(0, 160)}`);
      return;
    }
    const ms = performance.now() - list.shift()!;
    this.answeredMs.push(ms);
    this.byPlatform[conversation.startsWith('D') ? 'slack' : 'teams'].push(ms);
  }

  private next(): void {
    this.sent += 1;
    const k = 1 + Math.floor(Math.random() * TALKERS);
    const onSlack = this.sent % 2 === 0;
    const n = onSlack ? slackPerson(k) : teamsPerson(k);
    const conversation = onSlack ? `Dp${n}` : `a:dm-p${n}`;
    const list = this.waiting.get(conversation) ?? [];
    list.push(performance.now());
    this.waiting.set(conversation, list);
    const request = onSlack ? this.slackCommand(n) : this.teamsCommand(n);
    this.inFlight.add(request);
    void request.finally(() => this.inFlight.delete(request));
  }

  private slackCommand(n: number): Promise<unknown> {
    const ts = `${Math.floor(Date.now() / 1000)}.${String(this.sent).padStart(6, '0')}`;
    const body = {
      token: 'bench',
      team_id: TEAM,
      api_app_id: 'A1',
      type: 'event_callback',
      event_id: `Ev-bench-${this.sent}`,
      event_time: Math.floor(Date.now() / 1000),
      event: { type: 'message', channel_type: 'im', user: `Up${n}`, channel: `Dp${n}`, text: 'status', ts, event_ts: ts, team: TEAM },
    };
    return deliver(this.kohortUrl, JSON.stringify(body), { secret: SIGNING_SECRET });
  }

  private teamsCommand(n: number): Promise<unknown> {
    return postActivity(this.kohortUrl, {
      type: 'message',
      id: `bench-${this.sent}`,
      text: 'status',
      textFormat: 'plain',
      timestamp: new Date().toISOString(),
      channelId: 'msteams',
      serviceUrl: this.connector.url,
      from: { id: `29:p${n}`, name: `Person ${n}` },
      conversation: { id: `a:dm-p${n}`, conversationType: 'personal', tenantId: TENANT },
      recipient: { id: '28:kohort', name: 'kohort' },
      channelData: { tenant: { id: TENANT } },
      locale: 'sv-SE',
    });
  }
}

interface Outcome {
  seconds: number;
  share: number;
  slackThrottled: number;
  teamsThrottled: number;
  exactlyOnce: boolean;
  report: string;
  answers: number[];
  unanswered: number;
  slackRate: number;
  reached: number;
  others: number;
  byPlatform: { slack: number[]; teams: number[] };
  /** Seconds from "Skicka" to the first message either fake accepted, and to the last. */
  firstAfter: number;
  lastAfter: number;
  otherSamples: string[];
}

async function scenario(slackLimit: number): Promise<Outcome> {
  const slack = (await new FakeSlack().start()).limitPosting(slackLimit);
  for (let k = 1; k <= TALKERS; k += 1) slack.addUser({ id: `Up${slackPerson(k)}`, name: `Person ${slackPerson(k)}`, locale: 'sv-SE' });
  const connector = (await new FakeConnector().start()).limitLikeTeams();
  const dir = tempDir('kohort-bench-broadcast-');
  const db = await openDatabase({ dataDir: dir, logger: createLogger('silent') });
  try {
    await seed(db, connector.url, RECIPIENTS);
    const kohort = await startKohort(benchConfig(dir, slack, connector), createLogger('silent'), systemClock, db);
    const participants = new Participants(`http://127.0.0.1:${kohort.port}`, slack, connector);
    try {
      participants.start();
      const { seconds, report, clickedAt } = await broadcast(kohort);
      // Where the time went: until the first message was accepted, and after the last.
      const accepted = [...slack.postedAt, ...connector.acceptedAt];
      const firstAfter = (Math.min(...accepted) - clickedAt) / 1000;
      const lastAfter = (Math.max(...accepted) - clickedAt) / 1000;
      await participants.stop();
      await kohort.idle();
      // Everything the fakes accepted (the broadcast and the answers) against their limits.
      const slackPosts = slack.postedAt.length;
      const teamsRequests = connector.acceptedAt.length;
      const minimum = Math.max(slackPosts / slackLimit, teamsRequests / TEAMS_LIMITS.requestsPerSecond);
      const received = participants.broadcastTo;
      const exactlyOnce = received.size === RECIPIENTS && [...received.values()].every((n) => n === 1) && participants.others === 0;
      return {
        seconds,
        share: minimum / seconds,
        slackThrottled: slack.throttled,
        teamsThrottled: connector.throttled,
        exactlyOnce: exactlyOnce && report === `Levererat: ${RECIPIENTS} av ${RECIPIENTS}.`,
        report,
        answers: participants.answeredMs,
        byPlatform: participants.byPlatform,
        otherSamples: participants.otherSamples,
        unanswered: participants.unanswered,
        slackRate: slackPosts / seconds,
        reached: received.size,
        others: participants.others,
        firstAfter,
        lastAfter,
      };
    } finally {
      await participants.stop();
      await kohort.stop();
    }
  } finally {
    await slack.stop();
    await connector.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** "Skicka", then the outbox ticked until the facilitator's delivery report is there. */
async function broadcast(kohort: RunningKohort): Promise<{ seconds: number; report: string; clickedAt: number }> {
  const them = facilitator(kohort);
  const t0 = await them.send();
  const clickedAt = Date.now() - (performance.now() - t0);
  for (let ticks = 1; ; ticks += 1) {
    await kohort.scheduler.tick();
    const report = await them.report();
    if (report) return { seconds: (performance.now() - t0) / 1000, report, clickedAt };
    if (ticks > 1000) throw new Error('no delivery report');
  }
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main(): Promise<void> {
  const figures: Figure[] = [];
  let allOnce = true;
  const scenarios = [
    ["today's limits", SLACK_LIMITS.postsPerSecond],
    ['fake Slack at 50/s', 50],
  ] as const;
  for (const [label, slackLimit] of scenarios.filter(([, limit]) => !ONLY || String(limit) === ONLY)) {
    const outcome = await scenario(slackLimit);
    allOnce &&= outcome.exactlyOnce;
    process.stdout.write(
      [
        `${label}: broadcast to ${RECIPIENTS} (${SLACK_PEOPLE} Slack at ${slackLimit}/s, ${TEAMS_PEOPLE} Teams at ${TEAMS_LIMITS.requestsPerSecond}/s), PGlite, SLACK_POSTS_PER_SECOND=${SLACK_LIMITS.postsPerSecond}`,
        `  ${outcome.seconds.toFixed(1)} s from "Skicka" to the report = ${(outcome.share * 100).toFixed(1)} % of the ceiling; Slack posts ${outcome.slackRate.toFixed(1)}/s; first message accepted after ${outcome.firstAfter.toFixed(1)} s, last after ${outcome.lastAfter.toFixed(1)} s`,
        `  429s: Slack ${outcome.slackThrottled}, Teams ${outcome.teamsThrottled}; ${outcome.report}; exactly one message each: ${outcome.exactlyOnce ? 'yes' : 'NO'} (${outcome.reached} reached, ${outcome.others} other messages)`,
        `  ${outcome.answers.length} commands answered during it (${outcome.unanswered} not): p50 ${percentile(outcome.answers, 50).toFixed(0)} ms, p99 ${percentile(outcome.answers, 99).toFixed(0)} ms, max ${Math.max(...outcome.answers).toFixed(0)} ms; p99 Slack ${percentile(outcome.byPlatform.slack, 99).toFixed(0)} ms, Teams ${percentile(outcome.byPlatform.teams, 99).toFixed(0)} ms`,
        ...outcome.otherSamples.map((sample) => `  other: ${sample}`),
      ].join('\n') + '\n',
    );
    figures.push(
      { name: `share of the ceiling, ${label}`, value: Number(outcome.share.toFixed(3)), unit: 'ratio', target: '>= 0.95' },
      { name: `broadcast to ${RECIPIENTS}, ${label}`, value: Number(outcome.seconds.toFixed(1)), unit: 's' },
      { name: `429s (Slack + Teams), ${label}`, value: outcome.slackThrottled + outcome.teamsThrottled, unit: 'count' },
      { name: `commands answered during the broadcast, p99, ${label}`, value: Math.round(percentile(outcome.answers, 99)), unit: 'ms', target: '<= 1000' },
    );
  }
  if (!ONLY || ONLY !== 'replicas') figures.push({ name: 'every recipient got exactly one message', value: allOnce ? 1 : 0, unit: 'yes=1', target: '>= 1' });
  if (!ONLY || ONLY === 'replicas') {
    const replicas = await threeReplicas(REPLICA_RECIPIENTS);
    figures.push(...replicas);
    if (replicas.some((f) => f.name.includes('exactly one') && f.value !== 1)) allOnce = false;
  }
  if (!allOnce) process.exitCode = 1;
  printReport({ bench: 'broadcast', context: `${RECIPIENTS} recipients, ${COMMANDS_PER_SECOND} commands/s from participants, PGlite, fakes on 127.0.0.1`, figures });
}

await main();
