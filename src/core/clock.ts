// Time is injected everywhere so tests can walk a fake clock instead of sleeping.
export interface Clock {
  now(): Date;
  /** Waits `ms` of this clock's time. A fake clock advances itself and returns at once. */
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
