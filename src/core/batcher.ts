// Many small calls become few statements: what is submitted while a batch is being
// written waits and goes out with the next one, all together. Under load (a burst of
// events, an outbox batch's sends completing) each statement carries everything that
// arrived meanwhile; when idle, a call goes out on its own at once — one turn of the event
// loop later, so calls made in the same turn still share a statement. Callers get their
// answers one per turn of the event loop, as database.ts runs queries, so other work (HTTP
// requests) gets in between.
export class Batcher<T, R> {
  private waiting: { item: T; resolve: (result: R) => void; reject: (error: unknown) => void }[] = [];
  private running = false;

  /** `run` answers each item, in the order given; `max` items at most per call. */
  constructor(
    private readonly run: (items: T[]) => Promise<R[]>,
    private readonly max = 100,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (!this.running) {
        this.running = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.max);
      let settle: (waiting: (typeof batch)[number], i: number) => void;
      try {
        const results = await this.run(batch.map((waiting) => waiting.item));
        settle = (waiting, i) => waiting.resolve(results[i]!);
      } catch (error) {
        settle = (waiting) => waiting.reject(error);
      }
      // One caller a turn of the event loop: released all at once, a hundred callers would
      // carry on back to back (rendering, sending) and hold up the HTTP requests in between.
      for (const [i, waiting] of batch.entries()) {
        settle(waiting, i);
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
    this.running = false;
  }
}
