// How many requests a second one platform budget (a Slack workspace, a Teams tenant) may
// start, learned from the platform's answers. Platforms publish limits loosely ("several
// hundred a minute") and enforce them over rolling windows, so kohort starts at the
// configured rate and:
//   - while every request is accepted and there is more to send than the budget lets
//     through, doubles the rate every half second (a broadcast finds a higher limit in about
//     a second instead of crawling up to it);
//   - never keeps more than twice what it recently used (a rate grown in a burst and left
//     unused says nothing about the platform; TCP validates its window the same way);
//   - on a refusal (429) while using at least half its rate, falls back to the number of
//     requests the platform accepted in the last window — the closest measure of its limit —
//     and at most one fewer than the window it refused, ignoring further refusals of requests
//     that were already under way (a refusal while sending well below the rate is about
//     something else, such as Slack's one message a second into one channel: one step less);
//   - a second refusal soon after cuts the rate by a third (the limit is lower than thought,
//     or someone else shares it), then climbs back quickly to just under the refused step;
//   - tries one more request a window only after two quiet minutes, and waits twice as long
//     before the next try each time the same step is refused again, so a known limit costs a
//     refusal every few minutes, not every few seconds.
// Waiting out the platform's Retry-After is the gate's job (send-budget.ts), not this one's.

/** While no limit is known: the rate doubles every this many seconds of sending at the limit. */
const DOUBLING_S = 0.5;
/** A refusal within this long of the previous one means the limit is well below the rate. */
const REPEAT_MS = 10_000;
const REPEAT_FACTOR = 0.67;
/** A known limit is probed (one more a window) after this long without refusals, doubling per refused probe. */
const FIRST_PROBE_MS = 120_000;
const MAX_PROBE_MS = 15 * 60_000;
/** How fast the memory of recent use fades (half-life). */
const USE_HALF_LIFE_MS = 5000;

export interface AdaptiveRateOptions {
  /** Where it starts: the configured rate (SLACK_POSTS_PER_SECOND, TEAMS_REQUESTS_PER_SECOND). */
  initial: number;
  /** Growth stops here. */
  max: number;
  /** Backing off stops here. */
  min: number;
}

export class AdaptiveRate {
  private current: number;
  /** Whole requests a window at which the platform last refused: growth beyond one below it is probing. */
  private refusedAt?: number;
  private lastRefusal = Number.NEGATIVE_INFINITY;
  private lastRaise = Number.NEGATIVE_INFINITY;
  private probeAfterMs = FIRST_PROBE_MS;
  /** The most requests recently in one window, fading. */
  private peak = 0;
  private peakAt = 0;
  /** Bumped at every decrease: refusals of requests started before it belong to the overload already answered. */
  epoch = 0;

  constructor(private readonly options: AdaptiveRateOptions) {
    this.current = clamp(options.initial, options.min, options.max);
  }

  /** Requests a second. */
  get rate(): number {
    return this.current;
  }

  /** Requests allowed in any one window: at least one, and whole ones (a window of 1 s holds 10, not 10.4). */
  get perWindow(): number {
    return Math.max(1, Math.floor(this.current + 1e-9));
  }

  /** The window those requests are counted over: one second, longer below one a second. */
  get windowMs(): number {
    return this.current >= 1 ? 1000 : 1000 / this.current;
  }

  /** A request starts with `used` others in the window: a rate above twice the recent use (and the setting) comes down. */
  starting(now: number, used: number): void {
    this.peak = Math.max(used + 1, this.peak * 0.5 ** (Math.max(0, now - this.peakAt) / USE_HALF_LIFE_MS));
    this.peakAt = now;
    const justified = Math.max(this.options.initial, 2 * this.peak);
    if (this.current > justified) this.current = justified;
  }

  /** Another replica sharing the budget keeps to `rate`: the most careful view wins. */
  adopt(rate: number): void {
    if (rate < this.current) this.current = clamp(rate, this.options.min, this.options.max);
  }

  /** A request was accepted; `saturated` when the budget held it or others back (only then is more worth trying). */
  accepted(now: number, saturated: boolean): void {
    if (!saturated) return;
    const limit = this.refusedAt;
    if (limit === undefined) {
      this.current = Math.min(this.options.max, grown(this.current));
      return;
    }
    // After a refusal: back quickly to one below the refused step, then probe only now and then.
    const below = Math.max(this.options.min, limit - 1);
    if (this.current < below) {
      this.current = Math.min(below, grown(this.current));
      return;
    }
    if (now - Math.max(this.lastRefusal, this.lastRaise) < this.probeAfterMs) return;
    // A step above the refused one that held through a whole quiet spell is the new floor to climb back to.
    if (this.perWindow >= limit) {
      this.refusedAt = this.perWindow + 1;
      this.probeAfterMs = FIRST_PROBE_MS;
    }
    this.current = Math.min(this.options.max, this.perWindow + 1);
    this.lastRaise = now;
  }

  /**
   * The platform refused a request started at `epoch`, having accepted `acceptedInWindow`
   * in the last window (the gate's count: this process's answers, and other replicas' turns).
   */
  refused(now: number, epoch: number, acceptedInWindow: number): void {
    if (epoch !== this.epoch) return;
    this.epoch += 1;
    const step = this.perWindow;
    const measured = Math.max(1, acceptedInWindow);
    if (measured < step / 2) {
      this.current = clamp(step > 1 ? step - 1 : this.current / 2, this.options.min, this.options.max);
      return;
    }
    const repeated = now - this.lastRefusal < REPEAT_MS;
    // A refused probe (at or above the refused step) waits twice as long before the next one.
    if (this.refusedAt !== undefined && step >= this.refusedAt) this.probeAfterMs = Math.min(MAX_PROBE_MS, this.probeAfterMs * 2);
    if (repeated) {
      this.current = Math.max(this.options.min, this.current * REPEAT_FACTOR);
      this.refusedAt = Math.min(this.refusedAt ?? step, step);
    } else {
      this.current = clamp(step > 1 ? Math.min(step - 1, measured) : this.current / 2, this.options.min, this.options.max);
      this.refusedAt = Math.min(step, measured + 1);
    }
    this.lastRefusal = now;
  }
}

/** The rate after one more accepted request while growing: doubling per DOUBLING_S seconds of requests. */
function grown(rate: number): number {
  return rate * 2 ** (1 / (Math.max(1, rate) * DOUBLING_S));
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
