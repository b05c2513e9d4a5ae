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
// Replicas share the budget through a BudgetStore (PostgreSQL; in memory for one process):
// turns are taken from a per-window counter in small blocks, so three replicas together
// never start more than the window allows.
import type { SendPriority } from './adapter.js';
import { AdaptiveRate } from './adaptive-rate.js';
import type { Clock } from './clock.js';

/** Answers are kept this much longer than the window: clocks count whole milliseconds. */
const GUARD_MS = 1;
/** Growth stops at this multiple of the configured rate. */
export const MAX_RATE_FACTOR = 10;
/** A shared window's turns are taken a tenth at a time, so a replica never sits on turns it cannot use. */
const BLOCK_SHARE = 0.1;

export interface BudgetClaim {
  /** Turns granted in the window (0 when it is used up or the key is held). */
  granted: number;
  /** No turns before this (ms since the epoch): a Retry-After some process was given. */
  heldUntil: number;
  /** Turns every process sharing the store has taken in the window, this claim included. */
  used: number;
}

/** Where budgets are counted: in memory for one process, in the database for replicas. */
export interface BudgetStore {
  /**
   * Takes up to `want` of the `limit` turns `key` has in window number `window` (time
   * divided by the window's length), for every process sharing the store, in one step.
   */
  take(key: string, window: number, want: number, limit: number, now: number): Promise<BudgetClaim>;
  /** Nothing for `key` starts before `until`, in any process. */
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
  store: BudgetStore;
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
  private inFlight = 0;
  /** When accepted requests were answered, oldest first; only the last window's are kept. */
  private readonly answered: number[] = [];
  private lastStart = Number.NEGATIVE_INFINITY;
  private heldUntil = 0;
  private tokens = { window: -1, count: 0 };
  /**
   * The shared window as the store last told it: turns this process got (`mine`), turns the
   * other replicas took (`others`, and in the window before), and `full` when it refused some.
   */
  private shared = { window: -1, mine: 0, others: 0, previousOthers: 0, full: false };
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
        const windowMs = this.storeWindowMs();
        const window = Math.floor(now / windowMs);
        if (this.tokens.window !== window || this.tokens.count === 0) {
          const want = Math.min(this.waiting, Math.max(1, Math.ceil(this.rate.perWindow * BLOCK_SHARE)));
          // A store that cannot answer (the database restarting) leaves each process to its own window.
          const claim = await this.options.store.take(this.key, window, want, this.rate.perWindow, now).catch(() => ({ granted: want, heldUntil: 0, used: 0 }));
          this.tokens = { window, count: claim.granted };
          const same = this.shared.window === window;
          const mine = (same ? this.shared.mine : 0) + claim.granted;
          const previousOthers = same ? this.shared.previousOthers : this.shared.window === window - 1 ? this.shared.others : 0;
          this.shared = { window, mine, others: Math.max(0, claim.used - mine), previousOthers, full: claim.granted < want && claim.heldUntil <= now };
          if (claim.granted === 0) {
            this.heldUntil = Math.max(this.heldUntil, claim.heldUntil);
            await this.pause(Math.ceil(Math.max(claim.heldUntil, (window + 1) * windowMs) - this.now()));
          }
          // Asking took time: look again before starting anything.
          continue;
        }
        this.tokens.count -= 1;
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
    while (this.answered.length > 0 && this.answered[0]! <= now - span) this.answered.shift();
    // Half the even spacing: a burst may catch up after a pause, but never floods the window at once.
    let at = Math.max(this.heldUntil, this.lastStart + windowMs / perWindow / 2);
    const over = this.inFlight + this.answered.length - perWindow;
    if (over >= 0) {
      // The oldest answers must leave the window first; a window full of requests still under way waits for their answers.
      at = Math.max(at, over < this.answered.length ? this.answered[over]! + span : Number.POSITIVE_INFINITY);
    }
    return at;
  }

  /** Turns the other replicas took in about the last second (the store's current window, or the one before when more). */
  private othersUsed(now: number): number {
    if (this.shared.window !== Math.floor(now / this.storeWindowMs())) return 0;
    return Math.max(this.shared.others, this.shared.previousOthers);
  }

  /** Shared windows are whole seconds, longer when the rate is below one a second. */
  private storeWindowMs(): number {
    return Math.ceil(this.rate.windowMs / 1000) * 1000;
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
    const used = this.inFlight + this.answered.length + this.othersUsed(now);
    this.rate.starting(now, used);
    const saturated = used >= this.rate.perWindow / 2 && (this.waiting > 0 || waiter.pausesAtArrival !== this.pauses || this.shared.full);
    const epoch = this.rate.epoch;
    this.inFlight += 1;
    this.lastStart = now;
    let settled = false;
    const settle = (): boolean => {
      if (settled) return false;
      settled = true;
      this.inFlight -= 1;
      return true;
    };
    waiter.resolve({
      startedAt: now,
      accepted: () => {
        if (!settle()) return;
        const at = this.now();
        this.answered.push(at);
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
        // What the platform took in the last second: this process's answers and the other replicas' turns.
        const accepted = this.answered.filter((t) => t > at - this.rate.windowMs).length + this.othersUsed(at);
        this.rate.refused(at, epoch, accepted);
        const until = at + retryAfterMs;
        this.heldUntil = Math.max(this.heldUntil, until);
        // Other replicas hear of it when they next ask; this one holds already.
        await this.options.store.hold(this.key, until).catch(() => undefined);
        this.kick();
      },
    });
  }
}

/** The budgets of one platform, one per workspace or tenant, made when first used. */
export class SendBudgets {
  // Few keys (the workspaces or tenants kohort is installed in), so nothing is ever evicted.
  private readonly budgets = new Map<string, SendBudget>();

  constructor(private readonly options: { platform: string; clock: Clock; store: BudgetStore; perSecond: number; maxPerSecond?: number }) {}

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

/** One process's budgets (PGlite, tests): the same counting, in memory. */
export function memoryBudgetStore(): BudgetStore {
  const keys = new Map<string, { window: number; used: number; heldUntil: number }>();
  return {
    async take(key, window, want, limit, now) {
      const entry = keys.get(key) ?? { window, used: 0, heldUntil: 0 };
      keys.set(key, entry);
      if (entry.window < window) Object.assign(entry, { window, used: 0 });
      const granted = entry.heldUntil > now || entry.window > window ? 0 : Math.max(0, Math.min(want, limit - entry.used));
      entry.used += granted;
      return { granted, heldUntil: entry.heldUntil, used: entry.used };
    },
    async hold(key, until) {
      const entry = keys.get(key) ?? { window: 0, used: 0, heldUntil: 0 };
      entry.heldUntil = Math.max(entry.heldUntil, until);
      keys.set(key, entry);
    },
  };
}
