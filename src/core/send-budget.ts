// One platform budget (a Slack workspace's posting limit, a Teams tenant's request limit) as
// a priority gate: a request waits here for its turn, people's answers always before queued
// bulk sends (reminders, broadcasts, summaries), and bulk takes every turn nobody else wants.
//
// How fast turns come is learned (adaptive-rate.ts). The gate counts the way platforms do,
// over a rolling window, and on its own side of the wire: a request counts from the moment
// it starts until its answer is back, and an accepted one for a window after its answer.
// The platform stamped it somewhere in between, so "no more than N started within a window
// of the last N answers" holds on the platform's clock too, however late a busy event loop
// let a request leave. A refusal (429) stops the whole budget until Retry-After has passed.
//
// Replicas share the budget through a BudgetStore (PostgreSQL): turns are reserved a few at
// a time from one shared timeline per key, spaced evenly at the rate, so three replicas
// together start no more than the limit in any second, and a Retry-After one of them was
// given pushes the timeline for all. Without a store (one process, PGlite) the gate's own
// counting is all there is.
import type { SendPriority } from './adapter.js';
import { AdaptiveRate } from './adaptive-rate.js';
import type { Clock } from './clock.js';

/** Answers are kept this much longer than the window: clocks count whole milliseconds. */
const GUARD_MS = 1;
/** Growth stops at this multiple of the configured rate. */
export const MAX_RATE_FACTOR = 10;
/** Shared turns are reserved a tenth of a second's worth at a time, so a replica never sits on turns it cannot use. */
const BLOCK_SHARE = 0.1;
/**
 * Shared turns are spaced this much wider than the rate: a replica cannot see the others'
 * answers, so a turn one of them starts late cannot be made up for by the rest.
 */
const SHARED_GUARD_MS = 20;

export interface BudgetClaim {
  /** The first turn reserved (ms since the epoch). */
  first: number;
  /** How far apart the turns are: the widest any replica asks for (the most careful view of the limit wins). */
  intervalMs: number;
  /** Turns all replicas reserved in the current second, these included. */
  used: number;
}

/** Where replicas share their budgets (the database). */
export interface BudgetStore {
  /**
   * Reserves `count` turns for `key` after every turn any replica has reserved and no
   * earlier than `now`, in one step; `intervalMs` apart, or wider when another replica
   * recently asked for wider.
   */
  reserve(key: string, count: number, intervalMs: number, now: number): Promise<BudgetClaim>;
  /** No turn for `key` before `until`, in any replica (a platform's Retry-After). */
  hold(key: string, until: number): Promise<void>;
}

/** A turn in the budget; the caller says how the platform answered. */
export interface Permit {
  /** When the turn was given (ms since the epoch, on the gate's clock). */
  readonly startedAt: number;
  /** The platform accepted the request. */
  accepted(): void;
  /** The platform refused it for its rate (429): the budget backs off and holds for `retryAfterMs`. */
  refused(retryAfterMs: number): Promise<void>;
  /** Anything else (a network error, another refusal): counted as sent, nothing learned. */
  failed(): void;
}

export interface SendBudgetOptions {
  /** What the budget is for, shared by replicas: "slack:T0123", "teams:<tenant>". */
  key: string;
  clock: Clock;
  /** Replicas' shared timeline; without one, this process counts alone. */
  store?: BudgetStore;
  /** The configured rate: where it starts. */
  perSecond: number;
  /** How far it may grow (default MAX_RATE_FACTOR × perSecond). */
  maxPerSecond?: number;
}

interface Waiter {
  resolve(permit: Permit): void;
  /** The gate's pause count when it arrived: a pause since means it waited for the budget. */
  pausesAtArrival: number;
}

export class SendBudget {
  readonly rate: AdaptiveRate;
  private readonly queues: Record<SendPriority, Waiter[]> = { interactive: [], bulk: [] };
  /** When each request still under way started, oldest first. */
  private readonly underWay: number[] = [];
  /** When accepted requests were answered, oldest first; only the last window's are kept. */
  private readonly answered = new Answers();
  /** When accepted requests started, oldest first; the last two windows' are kept. */
  private readonly acceptedStarts = new Answers();
  private lastStart = Number.NEGATIVE_INFINITY;
  private heldUntil = 0;
  /** Shared turns reserved and not yet used (ms since the epoch), earliest first. */
  private turns: number[] = [];
  /**
   * The current second as the store last told it: turns this process reserved (`mine`), turns
   * the other replicas did (`others`, and in the second before), and `queued` when the
   * first turn it gave lay behind others' (the shared budget is what holds sending back).
   */
  private shared = { second: -1, mine: 0, others: 0, previousOthers: 0, queued: false };
  private pumping = false;
  private pauses = 0;
  private wake?: AbortController;

  constructor(private readonly options: SendBudgetOptions) {
    const max = options.maxPerSecond ?? options.perSecond * MAX_RATE_FACTOR;
    this.rate = new AdaptiveRate({ initial: options.perSecond, max, min: Math.min(1, options.perSecond) / 10 });
  }

  get key(): string {
    return this.options.key;
  }

  /**
   * Resolves when a request may start: interactive ones before any bulk one waiting. A bulk
   * request whose `urgent` signal fires (a person's answer waits behind it in the same
   * conversation) moves to the interactive queue.
   */
  acquire(priority: SendPriority = 'interactive', urgent?: AbortSignal): Promise<Permit> {
    return new Promise((resolve) => {
      const waiter: Waiter = { resolve, pausesAtArrival: this.pauses };
      const lane = priority === 'bulk' && urgent?.aborted ? 'interactive' : priority;
      this.queues[lane].push(waiter);
      if (lane === 'bulk' && urgent) urgent.addEventListener('abort', () => this.promote(waiter), { once: true });
      this.kick();
    });
  }

  /** A bulk waiter someone is waiting behind: it goes with the interactive ones. */
  private promote(waiter: Waiter): void {
    const index = this.queues.bulk.indexOf(waiter);
    if (index < 0) return;
    this.queues.bulk.splice(index, 1);
    this.queues.interactive.push(waiter);
  }

  /** Requests waiting for a turn. */
  get waiting(): number {
    return this.queues.interactive.length + this.queues.bulk.length;
  }

  private now(): number {
    return this.options.clock.now().getTime();
  }

  private kick(): void {
    this.wake?.abort();
    if (!this.pumping) void this.pump();
  }

  /** Hands out turns while anyone waits; one loop per budget. */
  private async pump(): Promise<void> {
    this.pumping = true;
    try {
      while (this.waiting > 0) {
        const now = this.now();
        const at = this.nextStart(now);
        if (at > now) {
          // Clocks count whole milliseconds: a wait of 0.7 ms must still move one.
          await this.pause(Math.ceil(at - now));
          continue;
        }
        if (this.options.store) {
          const interval = (this.rate.windowMs + SHARED_GUARD_MS) / this.rate.perWindow;
          // A turn missed by more than its interval is gone: using it late would crowd the next ones.
          while (this.turns.length > 0 && this.turns[0]! < now - interval) this.turns.shift();
          if (this.turns.length === 0) {
            await this.reserve(now, interval);
            // Asking took time: look again before starting anything.
            continue;
          }
          if (this.turns[0]! > now) {
            await this.pause(Math.ceil(this.turns[0]! - now));
            continue;
          }
          this.turns.shift();
        }
        this.start(now);
      }
    } finally {
      this.pumping = false;
    }
  }

  /** When the next request may start: after a hold, a little after the last start, and once the window has room. */
  private nextStart(now: number): number {
    const { perWindow, windowMs } = this.rate;
    const span = windowMs + GUARD_MS;
    this.answered.forgetUpTo(now - span);
    // Half the even spacing: a burst may catch up after a pause, but never floods the window at once.
    let at = Math.max(this.heldUntil, this.lastStart + windowMs / perWindow / 2);
    const over = this.underWay.length + this.answered.length - perWindow;
    if (over >= 0) {
      // The oldest answers must leave the window first; a window full of requests still under way waits for their answers.
      at = Math.max(at, over < this.answered.length ? this.answered.at(over) + span : Number.POSITIVE_INFINITY);
    }
    return at;
  }

  /** A few shared turns, as many as are waiting (up to a tenth of a second's worth). */
  private async reserve(now: number, interval: number): Promise<void> {
    const count = Math.min(this.waiting, Math.max(1, Math.ceil(this.rate.perWindow * BLOCK_SHARE)));
    // A store that cannot answer (the database restarting) leaves this process to its own counting.
    const claim = await this.options.store!.reserve(this.key, count, interval, now).catch(() => ({ first: now, intervalMs: interval, used: 0 }));
    this.turns = Array.from({ length: count }, (_, i) => claim.first + i * claim.intervalMs);
    // A wider spacing is another replica's more careful view of the limit (a refusal it had): keep to it too.
    if (claim.intervalMs > interval * 1.001) this.rate.adopt((this.rate.perWindow * interval) / claim.intervalMs);
    const second = Math.floor(now / 1000);
    const same = this.shared.second === second;
    const mine = (same ? this.shared.mine : 0) + count;
    const previousOthers = same ? this.shared.previousOthers : this.shared.second === second - 1 ? this.shared.others : 0;
    this.shared = { second, mine, others: Math.max(0, claim.used - mine), previousOthers, queued: claim.first > now + claim.intervalMs };
  }

  /** Turns the other replicas reserved in about the last second: this second's so far, and the rest of the one before. */
  private othersUsed(now: number): number {
    const second = Math.floor(now / 1000);
    const elapsed = (now - second * 1000) / 1000;
    if (this.shared.second === second) return Math.round(this.shared.others + this.shared.previousOthers * (1 - elapsed));
    if (this.shared.second === second - 1) return Math.round(this.shared.others * (1 - elapsed));
    return 0;
  }

  /** Waits `ms`, or until an answer or a new request changes the picture. */
  private async pause(ms: number): Promise<void> {
    this.pauses += 1;
    const wake = new AbortController();
    this.wake = wake;
    const woken = new Promise<void>((resolve) => wake.signal.addEventListener('abort', () => resolve(), { once: true }));
    await (Number.isFinite(ms) ? Promise.race([this.options.clock.sleep(Math.max(0, ms), wake.signal), woken]) : woken);
    if (this.wake === wake) this.wake = undefined;
  }

  private start(now: number): void {
    const waiter = (this.queues.interactive.shift() ?? this.queues.bulk.shift())!;
    // The budget is what holds sending back when its window is well used (here, or by all
    // replicas together) and others wait: only then is a higher rate worth trying, and only
    // then does a refusal measure the limit.
    const used = this.underWay.length + this.answered.length + this.othersUsed(now);
    this.rate.starting(now, used);
    const saturated = used >= this.rate.perWindow / 2 && (this.waiting > 0 || waiter.pausesAtArrival !== this.pauses || this.shared.queued);
    const epoch = this.rate.epoch;
    this.underWay.push(now);
    this.lastStart = now;
    let settled = false;
    const settle = (): boolean => {
      if (settled) return false;
      settled = true;
      this.underWay.splice(this.underWay.indexOf(now), 1);
      return true;
    };
    waiter.resolve({
      startedAt: now,
      accepted: () => {
        if (!settle()) return;
        const at = this.now();
        this.answered.push(at);
        this.acceptedStarts.forgetUpTo(at - 2 * this.rate.windowMs);
        this.acceptedStarts.push(now);
        this.rate.accepted(at, saturated);
        this.kick();
      },
      failed: () => {
        if (!settle()) return;
        this.answered.push(this.now());
        this.kick();
      },
      refused: async (retryAfterMs) => {
        if (!settle()) return;
        const at = this.now();
        // What the platform took in the second before refusing, counted two ways and the
        // lower taken (each can count one too many at the window's edge): this process's
        // answers in the last second plus its requests that started earlier and are still
        // under way; or its requests accepted or under way that started in the second before
        // this one. Then the other replicas' turns.
        const windowMs = this.rate.windowMs;
        const earlier = this.underWay.filter((start) => start < now);
        const byAnswers = this.answered.since(at - windowMs) + earlier.length;
        const byStarts = this.acceptedStarts.since(now - windowMs) - this.acceptedStarts.since(now - 0.5) + earlier.filter((start) => start > now - windowMs).length;
        const accepted = Math.min(byAnswers, byStarts) + this.othersUsed(at);
        this.rate.refused(at, epoch, accepted);
        const until = at + retryAfterMs;
        this.heldUntil = Math.max(this.heldUntil, until);
        this.turns = this.turns.filter((turn) => turn >= until);
        // Other replicas' next turns come after it; this one holds already.
        await this.options.store?.hold(this.key, until).catch(() => undefined);
        this.kick();
      },
    });
  }
}

/** The budgets of one platform, one per workspace or tenant, made when first used. */
export class SendBudgets {
  // Few keys (the workspaces or tenants kohort is installed in), so nothing is ever evicted.
  private readonly budgets = new Map<string, SendBudget>();

  constructor(private readonly options: { platform: string; clock: Clock; store?: BudgetStore; perSecond: number; maxPerSecond?: number }) {}

  for(scope: string): SendBudget {
    const key = `${this.options.platform}:${scope}`;
    let budget = this.budgets.get(key);
    if (!budget) {
      budget = new SendBudget({ key, clock: this.options.clock, store: this.options.store, perSecond: this.options.perSecond, maxPerSecond: this.options.maxPerSecond });
      this.budgets.set(key, budget);
    }
    return budget;
  }
}

/** Answer times, oldest first, forgotten from the front: a queue that does not copy itself on every answer at high rates. */
class Answers {
  private times: number[] = [];
  private head = 0;

  get length(): number {
    return this.times.length - this.head;
  }

  push(at: number): void {
    this.times.push(at);
  }

  /** The `index`th oldest. */
  at(index: number): number {
    return this.times[this.head + index]!;
  }

  forgetUpTo(time: number): void {
    while (this.head < this.times.length && this.times[this.head]! <= time) this.head += 1;
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
  }

  /** How many came after `time`. */
  since(time: number): number {
    let count = 0;
    for (let i = this.times.length - 1; i >= this.head && this.times[i]! > time; i -= 1) count += 1;
    return count;
  }
}
