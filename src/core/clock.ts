// Time is injected everywhere so tests can walk a fake clock instead of sleeping.
export interface Clock {
  now(): Date;
  /**
   * Waits `ms` of this clock's time. A fake clock advances itself and returns at once.
   * `signal` ends the wait early (a gate woken by an answer): no timer is left behind.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      }
      signal?.addEventListener('abort', done, { once: true });
    }),
};
