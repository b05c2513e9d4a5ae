// How a platform budget's rate is learned: growth only while the platform accepts and the
// budget holds requests back, a fall to what the platform accepted on a refusal, one
// answer per overload, and a known limit probed only after a long quiet spell.
import { describe, expect, it } from 'vitest';
import { AdaptiveRate } from '../../src/core/adaptive-rate.js';

const rate = (initial = 10, max = 100) => new AdaptiveRate({ initial, max, min: 0.1 });

describe('AdaptiveRate', () => {
  it('grows while accepted with others waiting, and only then', () => {
    const r = rate();
    for (let i = 0; i < 10; i += 1) r.accepted(i * 100, false);
    expect(r.rate).toBe(10);
    for (let i = 0; i < 10; i += 1) r.accepted(i * 100, true);
    // Ten requests at ten a second and more is most of a second of sending: well past a doubling.
    expect(r.rate).toBeGreaterThan(20);
    for (let i = 0; i < 1000; i += 1) r.accepted(i, true);
    expect(r.rate).toBe(100);
  });

  it('on a refusal while saturated falls to what the platform accepted in the window, one fewer at most', () => {
    const r = rate(40);
    r.refused(1000, r.epoch, 33);
    expect(r.perWindow).toBe(33);
    const s = rate(40);
    s.refused(1000, s.epoch, 55);
    expect(s.perWindow).toBe(39);
  });

  it('a refusal while sending well below the rate costs one step (it may be about one conversation)', () => {
    const r = rate(40);
    r.refused(1000, r.epoch, 3);
    expect(r.perWindow).toBe(39);
  });

  it('keeps no more than twice what it recently used, and never less than the setting', () => {
    const r = rate(10);
    for (let i = 0; i < 40; i += 1) {
      r.starting(i * 20, 30);
      r.accepted(i * 20, true);
    }
    expect(r.rate).toBeGreaterThan(50);
    // Ten seconds of sending a few a second: the rate comes down towards twice that, not below 10.
    for (let t = 1000; t < 11_000; t += 250) r.starting(t, 2);
    expect(r.rate).toBeLessThan(20);
    for (let t = 11_000; t < 40_000; t += 250) r.starting(t, 0);
    expect(r.rate).toBe(10);
  });

  it('answers one overload once: refusals of requests started before the back-off change nothing', () => {
    const r = rate(40);
    const epoch = r.epoch;
    r.refused(1000, epoch, 30);
    r.refused(1001, epoch, 10);
    r.refused(1002, epoch, 5);
    expect(r.perWindow).toBe(30);
  });

  it('a second refusal soon after cuts by a third, then climbs back fast to one below the refused step', () => {
    const r = rate(40);
    r.refused(1000, r.epoch, 30);
    r.refused(5000, r.epoch, 30);
    expect(r.rate).toBeCloseTo(20.1, 1);
    for (let i = 0; i < 200; i += 1) r.accepted(6000 + i * 10, true);
    expect(r.perWindow).toBe(29);
  });

  it('probes a known limit one step at a time, after two minutes without refusals, waiting longer after a refused probe', () => {
    const r = rate(12);
    // Refused at twelve a window with eleven accepted: settle at eleven.
    r.refused(100, r.epoch, 11);
    expect(r.perWindow).toBe(11);
    r.accepted(60_000, true);
    expect(r.perWindow).toBe(11);
    r.accepted(120_100, true);
    expect(r.perWindow).toBe(12);
    // Refused again at twelve: the next probe waits four minutes.
    r.refused(121_000, r.epoch, 11);
    expect(r.perWindow).toBe(11);
    r.accepted(121_000 + 239_000, true);
    expect(r.perWindow).toBe(11);
    r.accepted(121_000 + 240_000, true);
    expect(r.perWindow).toBe(12);
  });
});
