// The platform budget as a priority gate: people's answers before queued bulk sends, bulk
// taking every turn left, a rolling window counted on kohort's side of the wire, and a
// refusal holding the budget for Retry-After. Time is a manual clock: nothing sleeps.
import { describe, expect, it } from 'vitest';
import type { SendPriority } from '../../src/core/adapter.js';
import { Pacer } from '../../src/core/pacer.js';
import { SendBudget, SendBudgets, type Permit } from '../../src/core/send-budget.js';
import { ManualClock, settle } from '../helpers/manual-clock.js';

const T0 = Date.parse('2026-11-27T10:00:00Z');

function gate(perSecond: number, maxPerSecond = perSecond) {
  const clock = new ManualClock(T0);
  const budget = new SendBudget({ key: 'slack:T1', clock, perSecond, maxPerSecond });
  const started: { name: string; at: number; permit: Permit }[] = [];
  const ask = (name: string, priority: SendPriority) => void budget.acquire(priority).then((permit) => started.push({ name, at: permit.startedAt - T0, permit }));
  return { clock, budget, started, ask, names: () => started.map((s) => s.name) };
}

describe('SendBudget: people before bulk', () => {
  it('gives the next turns to interactive requests that arrive while bulk ones wait', async () => {
    const g = gate(2);
    for (const name of ['b1', 'b2', 'b3', 'b4']) g.ask(name, 'bulk');
    await settle();
    // Two a second, spaced: b1 at once, b2 a quarter second later; then the window is full.
    expect(g.names()).toEqual(['b1']);
    await g.clock.advance(250);
    expect(g.names()).toEqual(['b1', 'b2']);
    for (const s of g.started) s.permit.accepted();
    g.ask('i1', 'interactive');
    g.ask('i2', 'interactive');
    await g.clock.advance(3000);
    for (const s of g.started) s.permit.accepted();
    await g.clock.advance(3000);
    expect(g.names()).toEqual(['b1', 'b2', 'i1', 'i2', 'b3', 'b4']);
  });

  it('lets bulk take every turn nobody else wants: a full window each second', async () => {
    const g = gate(5);
    for (let i = 0; i < 15; i += 1) g.ask(`b${i}`, 'bulk');
    for (let step = 0; step < 40; step += 1) {
      await g.clock.advance(100);
      for (const s of g.started) s.permit.accepted();
    }
    expect(g.started).toHaveLength(15);
    // Counted over any rolling second, never more than five; and the first three seconds are full.
    const times = g.started.map((s) => s.at);
    for (const t of times) expect(times.filter((u) => u >= t && u < t + 1000).length).toBeLessThanOrEqual(5);
    expect(times.filter((t) => t < 1000)).toHaveLength(5);
    expect(times.filter((t) => t >= 1000 && t < 2100)).toHaveLength(5);
  });

  it('counts requests still under way: a window of unanswered requests waits for their answers', async () => {
    const g = gate(2);
    for (const name of ['a', 'b', 'c']) g.ask(name, 'bulk');
    await g.clock.advance(5000);
    expect(g.names()).toEqual(['a', 'b']);
    g.started[0]!.permit.accepted();
    await settle();
    // Answered now, so it stays in the window for a second from now.
    expect(g.names()).toEqual(['a', 'b']);
    g.started[1]!.permit.failed();
    await g.clock.advance(1000);
    expect(g.names()).toEqual(['a', 'b']);
    await g.clock.advance(1);
    expect(g.names()).toEqual(['a', 'b', 'c']);
  });

  it('holds every request for as long as Retry-After says, then retries the refused one first among equals', async () => {
    const g = gate(10);
    g.ask('first', 'interactive');
    await settle();
    g.ask('waiting', 'bulk');
    await g.started[0]!.permit.refused(7000);
    g.ask('retry', 'interactive');
    await g.clock.advance(6999);
    expect(g.names()).toEqual(['first']);
    await g.clock.advance(1);
    expect(g.names()).toEqual(['first', 'retry']);
    expect(g.started[1]!.at).toBe(7000);
  });
});

describe('SendBudget with the per-conversation pacer', () => {
  it('hurries a bulk send that a person’s answer waits behind (same conversation) to an interactive turn', async () => {
    const g = gate(2);
    const pacer = new Pacer(g.clock, 0);
    const order: string[] = [];
    const send = (name: string, conversation: string, priority: SendPriority) =>
      pacer.run(
        conversation,
        async (urgent) => {
          const permit = await g.budget.acquire(priority, urgent);
          order.push(name);
          permit.accepted();
        },
        priority === 'interactive',
      );
    const all = [send('b1', 'D1', 'bulk'), send('b2', 'D2', 'bulk'), send('b3', 'D3', 'bulk'), send('b4', 'D4', 'bulk')];
    await settle();
    expect(order).toEqual(['b1']);
    // D4's broadcast is at the back of the bulk queue; its person writes and the answer lines up behind it.
    all.push(send('answer', 'D4', 'interactive'));
    await g.clock.advance(10_000);
    await Promise.all(all);
    expect(order).toEqual(['b1', 'b4', 'answer', 'b2', 'b3']);
  });
});

describe('SendBudgets: per workspace or tenant', () => {
  it('a refusal in one workspace holds that workspace only', async () => {
    const clock = new ManualClock(T0);
    const budgets = new SendBudgets({ platform: 'slack', clock, perSecond: 10 });
    const first = await budgets.for('T1').acquire('bulk');
    await first.refused(30_000);
    const other = budgets.for('T2').acquire('bulk');
    const held = budgets.for('T1').acquire('interactive');
    let heldStarted = false;
    void held.then(() => (heldStarted = true));
    expect((await other).startedAt).toBe(T0);
    await clock.advance(29_000);
    expect(heldStarted).toBe(false);
    await clock.advance(1000);
    expect((await held).startedAt).toBe(T0 + 30_000);
    expect(budgets.for('T1').rate.rate).toBeLessThan(budgets.for('T2').rate.rate);
  });
});

describe('SendBudget: adapting to the platform', () => {
  it('grows while every request is accepted and others wait, and backs off to what the platform accepted', async () => {
    const g = gate(10, 100);
    for (let i = 0; i < 60; i += 1) g.ask(`b${i}`, 'bulk');
    // A second of sending with others waiting, every answer an acceptance: the rate has more than doubled.
    for (let step = 0; step < 100; step += 1) {
      await g.clock.advance(10);
      for (const s of g.started) s.permit.accepted();
    }
    const grown = g.budget.rate.rate;
    expect(grown).toBeGreaterThan(20);
    // The next request is refused while others wait: back to at most the 60 accepted in the last second, held for a second.
    for (let i = 0; i < 5; i += 1) g.ask(`more${i}`, 'bulk');
    await g.clock.advance(1);
    const refused = g.started.at(-1)!;
    await refused.permit.refused(1000);
    expect(g.budget.rate.perWindow).toBeLessThanOrEqual(60);
    expect(g.budget.rate.perWindow).toBeLessThan(Math.floor(grown));
    const before = g.started.length;
    await g.clock.advance(998);
    expect(g.started.length).toBe(before);
    await g.clock.advance(2);
    expect(g.started.length).toBeGreaterThan(before);
  });
});
