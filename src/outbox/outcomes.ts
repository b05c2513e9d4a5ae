// Outcomes of a batch's rows are written back in groups, one statement per group, as the
// sends complete: whatever completed while the previous write ran goes into the next one.
//
// The trade-off is what a crash between sending and marking costs. A row sent but not yet
// marked is still claimed; after a crash its claim goes stale and it is sent again. Marked
// one by one (one statement per message), at most the messages in flight are sent again,
// at one statement each; marked once at the end of a batch, the whole batch (500) could
// be. Here a message takes an "unmarked" slot before it is sent and keeps it until its
// own outcome is written (see worker.ts), so at most `maxUnmarked` (64) messages are ever
// sent and not yet marked, whatever the batch size: a fast platform's outcomes share a
// statement (about 30–60 rows a write with the no-op adapter of bench/scheduler.ts), a slow
// platform's are written almost as soon as they complete.
import type { OutboxOutcome } from '../domain/outbox.js';

interface Waiting {
  outcome: OutboxOutcome;
  written(): void;
  failed(error: unknown): void;
}

export class OutcomeWriter {
  private queue: Waiting[] = [];
  private busy = false;

  constructor(private readonly write: (outcomes: readonly OutboxOutcome[]) => Promise<void>) {}

  /** Resolves once the outcome is written; rejects when the statement that carried it failed. */
  add(outcome: OutboxOutcome): Promise<void> {
    return new Promise((written, failed) => {
      this.queue.push({ outcome, written, failed });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.busy) return;
    this.busy = true;
    // One turn of the event loop first, so outcomes completing in the same turn share the write.
    setImmediate(() => void this.flush());
  }

  private async flush(): Promise<void> {
    const group = this.queue;
    this.queue = [];
    try {
      await this.write(group.map((waiting) => waiting.outcome));
      for (const waiting of group) waiting.written();
    } catch (error) {
      for (const waiting of group) waiting.failed(error);
    } finally {
      this.busy = false;
      if (this.queue.length > 0) this.schedule();
    }
  }
}
