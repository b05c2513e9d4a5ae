// The core's side of the narrow inbound port, recording what adapters push through it.
// Tests wait on the promise of the next event instead of sleeping: Slack acknowledges
// before it parses, so the event arrives after the HTTP answer.
import type { InboundSink } from '../../../src/core/adapter.js';
import type { InboundEvent } from '../../../src/core/events.js';

export class RecordingSink implements InboundSink {
  readonly events: InboundEvent[] = [];
  private readonly waiters: ((event: InboundEvent) => void)[] = [];

  async receive(event: InboundEvent): Promise<void> {
    this.events.push(event);
    this.waiters.shift()?.(event);
  }

  /**
   * Runs `trigger` (a request the platform makes) and resolves with the first event the
   * core receives after it. The timer only turns a hang into a clear failure.
   */
  async during(trigger: () => Promise<unknown>, ms = 5_000): Promise<InboundEvent> {
    let timer: NodeJS.Timeout | undefined;
    const next = new Promise<InboundEvent>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`no inbound event reached the core within ${ms} ms`)), ms);
      this.waiters.push((event) => {
        clearTimeout(timer);
        resolve(event);
      });
    });
    const [event] = await Promise.all([next, trigger()]).finally(() => clearTimeout(timer));
    return event;
  }
}
