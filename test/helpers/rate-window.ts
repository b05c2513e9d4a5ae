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

/** The most of `times` (ms) in any rolling second. */
export function peakPerSecond(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let peak = 0;
  for (let i = 0, j = 0; i < sorted.length; i += 1) {
    while (sorted[i]! - sorted[j]! >= 1000) j += 1;
    peak = Math.max(peak, i - j + 1);
  }
  return peak;
}
