// Per-conversation pacing for outbound sends. Chat platforms limit how fast a bot may
// post into one conversation (Slack: about one message per second per channel) and
// answer 429 with Retry-After when it goes faster. Each key gets its own queue, so a
// slow or paused channel never holds up sends to other channels.
//
// A person's answer that finds bulk sends queued ahead of it in the same conversation (a
// broadcast waiting for its turn in the platform's budget) hurries them: each task gets a
// signal that fires when an interactive task lines up behind it, and passes it on to the
// budget, which then gives that task an interactive turn. Without it, the answer would wait
// for the bulk send's turn at the back of the budget's queue.
import type { Clock } from './clock.js';

export class Pacer {
  private readonly tails = new Map<string, Promise<unknown>>();
  private readonly nextAllowed = new Map<string, number>();
  /** Per key: fires when an interactive task lines up behind the tasks queued so far. */
  private readonly hurry = new Map<string, AbortController>();

  constructor(
    private readonly clock: Clock,
    private readonly minIntervalMs: number,
  ) {}

  /**
   * Runs `task` after every earlier task for `key`, at least minIntervalMs after the previous
   * one. `task` is given a signal that fires when an `interactive` task is queued behind it.
   */
  run<T>(key: string, task: (urgent: AbortSignal) => Promise<T>, interactive = false): Promise<T> {
    if (this.nextAllowed.size > 1000) this.forgetPast();
    const previous = this.tails.get(key);
    if (interactive && previous) this.hurry.get(key)?.abort();
    let hurry = this.hurry.get(key);
    if (!hurry || hurry.signal.aborted) {
      hurry = new AbortController();
      this.hurry.set(key, hurry);
    }
    const urgent = hurry.signal;
    const result = (previous ?? Promise.resolve())
      .catch(() => undefined)
      .then(async () => {
        await this.waitTurn(key);
        try {
          return await task(urgent);
        } finally {
          this.holdOff(key, this.minIntervalMs);
        }
      });
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    // Forget idle keys so a long-running process does not keep one entry per channel ever seen.
    void tail.then(() => {
      if (this.tails.get(key) !== tail) return;
      this.tails.delete(key);
      this.hurry.delete(key);
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
