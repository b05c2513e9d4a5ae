// An app-wide budget for a platform (Teams: 50 requests a second per app and tenant; Slack:
// a workspace-wide limit on posting on top of one message per second per channel). Calls
// still run side by side; only their starts are spaced, on the injected clock, so a
// broadcast to thousands goes out at the platform's pace instead of into a wall of 429s.
import type { Clock } from './clock.js';

export class RateGate {
  private next = 0;

  constructor(
    private readonly clock: Clock,
    private readonly perSecond: number,
  ) {}

  /** Resolves when this call may start: at most `perSecond` starts in any second. */
  async acquire(): Promise<void> {
    const now = this.clock.now().getTime();
    const at = Math.max(now, this.next);
    this.next = at + 1000 / this.perSecond;
    if (at > now) await this.clock.sleep(at - now);
  }
}
