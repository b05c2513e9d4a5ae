import { describe, expect, it } from 'vitest';
import { Pacer } from '../../src/core/pacer.js';
import { FakeClock } from '../helpers/fake-clock.js';

describe('Pacer', () => {
  it('spaces tasks for one key and runs them in order; other keys do not wait', async () => {
    const clock = new FakeClock(new Date('2026-11-21T10:00:00Z'));
    const pacer = new Pacer(clock, 1000);
    const order: string[] = [];
    const task = (name: string) => async () => {
      order.push(`${name}@${clock.now().getTime() % 100_000}`);
      return name;
    };
    const results = await Promise.all([pacer.run('C1', task('a')), pacer.run('C1', task('b')), pacer.run('C2', task('x')), pacer.run('C1', task('c'))]);
    expect(results).toEqual(['a', 'b', 'x', 'c']);
    // C1 waited a full second between sends; C2 went straight through.
    expect(clock.sleeps).toEqual([1000, 1000]);
    expect(order[0]).toBe('a@0');
    expect(order).toContain('x@0');
  });

  it('does not wait when the previous send was long enough ago, and survives a failing task', async () => {
    const clock = new FakeClock(new Date('2026-11-21T10:00:00Z'));
    const pacer = new Pacer(clock, 1000);
    await expect(pacer.run('C1', async () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    clock.advance(5000);
    await expect(pacer.run('C1', async () => 'ok')).resolves.toBe('ok');
    expect(clock.sleeps).toEqual([]);
  });
});
