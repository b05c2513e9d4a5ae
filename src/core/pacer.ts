// Per-conversation pacing for outbound sends. Chat platforms limit how fast a bot may
// post into one conversation (Slack: about one message per second per channel) and
// answer 429 with Retry-After when it goes faster. Each key gets its own queue, so a
// slow or paused channel never holds up sends to other channels.
import type { Clock } from './clock.js';

export class Pacer {
  private readonly tails = new Map<string, Promise<unknown>>();
  private readonly nextAllowed = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly minIntervalMs: number,
  ) {}

  /** Runs `task` after every earlier task for `key`, at least minIntervalMs after the previous one. */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    if (this.nextAllowed.size > 1000) this.forgetPast();
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous
      .catch(() => undefined)
      .then(async () => {
        await this.waitTurn(key);
        try {
          return await task();
        } finally {
          this.holdOff(key, this.minIntervalMs);
        }
      });
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    // Forget idle keys so a long-running process does not keep one entry per channel ever seen.
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Nothing more for `key` until `ms` from now. */
  private holdOff(key: string, ms: number): void {
    const until = this.clock.now().getTime() + ms;
    this.nextAllowed.set(key, Math.max(until, this.nextAllowed.get(key) ?? 0));
  }

  private forgetPast(): void {
    const now = this.clock.now().getTime();
    for (const [key, until] of this.nextAllowed) if (until <= now) this.nextAllowed.delete(key);
  }

  private async waitTurn(key: string): Promise<void> {
    const until = this.nextAllowed.get(key);
    if (until === undefined) return;
    const wait = until - this.clock.now().getTime();
    if (wait > 0) await this.clock.sleep(wait);
    if (this.nextAllowed.get(key) === until) this.nextAllowed.delete(key);
  }
}
