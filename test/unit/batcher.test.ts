import { describe, expect, it } from 'vitest';
import { Batcher } from '../../src/core/batcher.js';

/** A batch function that records each call and answers each item doubled, when released. */
function recording() {
  const calls: number[][] = [];
  const releases: (() => void)[] = [];
  const batcher = new Batcher<number, number>(async (items) => {
    calls.push(items);
    await new Promise<void>((resolve) => releases.push(resolve));
    return items.map((n) => n * 2);
  }, 3);
  return { batcher, calls, release: () => releases.shift()?.() };
}

const settled = () => new Promise<void>((resolve) => setImmediate(resolve));
/** Lets the event loop turn until `holds` (a few turns: callers are answered one a turn). */
async function until(holds: () => boolean): Promise<void> {
  for (let turn = 0; turn < 50 && !holds(); turn += 1) await settled();
}

describe('Batcher', () => {
  it('sends calls made together in one batch, and each caller gets its own answer', async () => {
    const { batcher, calls, release } = recording();
    const answers = Promise.all([batcher.submit(1), batcher.submit(2)]);
    await settled();
    release();
    expect(await answers).toEqual([2, 4]);
    expect(calls).toEqual([[1, 2]]);
  });

  it('collects what arrives while a batch runs into the next, at most `max` a batch', async () => {
    const { batcher, calls, release } = recording();
    const first = batcher.submit(1);
    await settled();
    const later = [2, 3, 4, 5].map((n) => batcher.submit(n));
    expect(calls).toEqual([[1]]);
    release();
    expect(await first).toBe(2);
    await until(() => calls.length === 2);
    expect(calls).toEqual([[1], [2, 3, 4]]);
    release();
    await until(() => calls.length === 3);
    expect(calls).toEqual([[1], [2, 3, 4], [5]]);
    release();
    expect(await Promise.all(later)).toEqual([4, 6, 8, 10]);
  });

  it('fails every caller of a failed batch, and goes on with the next', async () => {
    let fail = true;
    const batcher = new Batcher<number, number>(async (items) => {
      if (fail) throw new Error('database gone');
      return items;
    });
    const failed = [batcher.submit(1), batcher.submit(2)];
    for (const call of failed) await expect(call).rejects.toThrow('database gone');
    fail = false;
    expect(await batcher.submit(3)).toBe(3);
  });
});
