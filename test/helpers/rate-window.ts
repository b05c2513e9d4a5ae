// Rolling-window rate limits as the platforms describe them ("7 per second, 60 per 30
// seconds…"), for the fake Slack and Teams servers: a request over any window is refused.
export type Window = readonly [count: number, ms: number];

export class RateWindows {
  private readonly seen = new Map<string, number[]>();
  private readonly longest: number;

  constructor(private readonly windows: readonly Window[]) {
    this.longest = Math.max(...windows.map(([, ms]) => ms));
  }

  /** True (and counted) when a request for `key` at `now` fits every window. */
  allow(key: string, now = Date.now()): boolean {
    const times = (this.seen.get(key) ?? []).filter((t) => now - t < this.longest);
    const fits = this.windows.every(([count, ms]) => times.filter((t) => now - t < ms).length < count);
    if (fits) times.push(now);
    this.seen.set(key, times);
    return fits;
  }
}
