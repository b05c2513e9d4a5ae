// Work started on behalf of a request that must finish before a graceful stop: every
// inbound path (the dispatcher, each platform's receiver) tracks its work here.
export class InFlight {
  private readonly running = new Set<Promise<unknown>>();

  /** Tracks the work until it settles; returns it unchanged. */
  track<T>(work: Promise<T>): Promise<T> {
    this.running.add(work);
    void work.then(
      () => this.running.delete(work),
      () => this.running.delete(work),
    );
    return work;
  }

  /** Resolves when everything tracked so far (and anything it started meanwhile) has settled. */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}
