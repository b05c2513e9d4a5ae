import type { Clock } from '../../src/core/clock.js';

export class FakeClock implements Clock {
  /** Every sleep requested, in order: tests assert on waits instead of sleeping. */
  readonly sleeps: number[] = [];
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.advance(ms);
  }
  set(to: Date): void {
    this.current = new Date(to);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
