// The plan for a set of participants: ladder steps and module notices, what done, pause,
// a changed ladder and time do to it, and which pending rows are cancelled and why.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { PendingMessage } from '../../src/domain/outbox.js';
import { noticeKey, planFor, reminderKey, snoozeKey, type PlanParticipant, type PlanProgram } from '../../src/domain/reminders/plan.js';

const ZONE = 'Europe/Stockholm';
const local = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toJSDate();
const shown = (at: Date) => DateTime.fromJSDate(at, { zone: ZONE }).toFormat('ccc MM-dd HH:mm');

// Module 1 starts Wednesday 15 September 2027; one preparation due with it, one due earlier.
const program: PlanProgram = {
  zone: ZONE,
  policy: null,
  modules: [
    {
      id: 'm1',
      startsAt: local('2027-09-15T09:30'),
      preparations: [
        { id: 'read', dueAt: local('2027-09-15T09:30'), tracked: true, policy: null },
        { id: 'task', dueAt: local('2027-09-08T12:00'), tracked: true, policy: null },
        { id: 'optional', dueAt: local('2027-09-10T12:00'), tracked: false, policy: null },
      ],
    },
  ],
};
const person = (over: Partial<PlanParticipant> = {}): PlanParticipant => ({ id: 'p1', cohortId: 'c1', policy: null, pausedUntil: null, done: new Set(), ...over });
const early = local('2027-08-01T12:00');
const keysAndTimes = (plan: { idempotencyKey: string; dueAt: Date }[]) => plan.map((m) => `${m.idempotencyKey} ${shown(m.dueAt)}`);
/** A pending reminder row; the preparation and step are read from its key when not given. */
const pendingRow = (key: string, dueAt: Date, payload?: { preparationId: string }): PendingMessage => ({
  id: `id-${key}`,
  idempotencyKey: key,
  kind: 'reminder',
  participantId: 'p1',
  dueAt,
  payload: { preparationId: payload?.preparationId ?? key.split(':')[2] ?? '', step: key.split(':').slice(3).join(':') },
});

describe('reminder plan', () => {
  it('plans every step of every tracked preparation, and a notice the day before the module instead of a same-day reminder', () => {
    const { plan, cancel } = planFor(program, [person()], [], early);
    expect(keysAndTimes(plan)).toEqual([
      `${noticeKey('p1', 'm1')} Tue 09-14 09:00`,
      `${reminderKey('p1', 'read', '7d@09:00')} Wed 09-08 09:00`,
      // 1d@09:00 (Tuesday 14th) is the notice's day and moment: the notice lists this item.
      `${reminderKey('p1', 'read', '0d@08:00')} Wed 09-15 08:00`,
      `${reminderKey('p1', 'task', '7d@09:00')} Wed 09-01 09:00`,
      `${reminderKey('p1', 'task', '1d@09:00')} Tue 09-07 09:00`,
      `${reminderKey('p1', 'task', '0d@08:00')} Wed 09-08 08:00`,
    ]);
    expect(plan.every((m) => m.participantId === 'p1' && m.cohortId === 'c1')).toBe(true);
    expect(plan.find((m) => m.idempotencyKey.includes(':task:'))?.payload).toEqual({ preparationId: 'task', step: '7d@09:00' });
    expect(cancel).toEqual([]);
  });

  it('plans nothing for a done item and cancels its pending rows (snoozes too)', () => {
    const pending = [
      pendingRow(reminderKey('p1', 'task', '1d@09:00'), local('2027-09-07T09:00')),
      pendingRow(snoozeKey('p1', 'task', local('2027-09-06T08:00')), local('2027-09-06T08:00'), { preparationId: 'task' }),
    ];
    const { plan, cancel } = planFor(program, [person({ done: new Set(['task']) })], pending, early);
    expect(plan.some((m) => m.idempotencyKey.includes(':task:'))).toBe(false);
    expect(cancel).toEqual([
      { id: pending[0]!.id, reason: 'done' },
      { id: pending[1]!.id, reason: 'done' },
    ]);
  });

  it('leaves out what falls inside a pause, and keeps what comes after it', () => {
    const pending = [
      pendingRow(reminderKey('p1', 'task', '7d@09:00'), local('2027-09-01T09:00')),
      pendingRow(snoozeKey('p1', 'read', local('2027-09-10T08:00')), local('2027-09-10T08:00'), { preparationId: 'read' }),
    ];
    const { plan, cancel } = planFor(program, [person({ pausedUntil: local('2027-09-08T00:00') })], pending, early);
    expect(keysAndTimes(plan).map((k) => k.split(':').slice(2).join(':'))).toEqual([
      'm1 Tue 09-14 09:00',
      'read:7d@09:00 Wed 09-08 09:00',
      'read:0d@08:00 Wed 09-15 08:00',
      'task:0d@08:00 Wed 09-08 08:00',
    ]);
    expect(cancel).toEqual([{ id: pending[0]!.id, reason: 'paused' }]);
  });

  it('does not plan steps already past, but leaves a past pending row for the worker to send', () => {
    const now = local('2027-09-07T10:00');
    const pending = [pendingRow(reminderKey('p1', 'task', '1d@09:00'), local('2027-09-07T09:00'))];
    const { plan, cancel } = planFor(program, [person()], pending, now);
    expect(keysAndTimes(plan)).toEqual([
      `${noticeKey('p1', 'm1')} Tue 09-14 09:00`,
      `${reminderKey('p1', 'read', '7d@09:00')} Wed 09-08 09:00`,
      `${reminderKey('p1', 'read', '0d@08:00')} Wed 09-15 08:00`,
      `${reminderKey('p1', 'task', '0d@08:00')} Wed 09-08 08:00`,
    ]);
    expect(cancel).toEqual([]);
  });

  it('cancels a step the program no longer has (a changed ladder) and plans its replacement', () => {
    const changed: PlanProgram = { ...program, policy: { ladder: [{ daysBefore: 2, at: '10:00' }] } };
    const pending = [pendingRow(reminderKey('p1', 'task', '7d@09:00'), local('2027-09-01T09:00'))];
    const { plan, cancel } = planFor(changed, [person()], pending, early);
    expect(cancel).toEqual([{ id: pending[0]!.id, reason: 'not_planned' }]);
    expect(keysAndTimes(plan)).toContain(`${reminderKey('p1', 'task', '2d@10:00')} Mon 09-06 10:00`);
  });

  it('uses the participant policy over the preparation policy over the program policy', () => {
    const layered: PlanProgram = {
      ...program,
      policy: { ladder: [{ daysBefore: 3, at: '09:00' }] },
      modules: [{ ...program.modules[0]!, preparations: [{ id: 'task', dueAt: local('2027-09-08T12:00'), tracked: true, policy: { ladder: [{ daysBefore: 2, at: '11:00' }] } }] }],
    };
    expect(keysAndTimes(planFor(layered, [person()], [], early).plan).slice(1)).toEqual([`${reminderKey('p1', 'task', '2d@11:00')} Mon 09-06 11:00`]);
    const own = person({ policy: { ladder: [{ daysBefore: 1, at: '14:00' }] } });
    expect(keysAndTimes(planFor(layered, [own], [], early).plan).slice(1)).toEqual([`${reminderKey('p1', 'task', '1d@14:00')} Tue 09-07 14:00`]);
  });

  it('ignores pending rows of people outside the planned set', () => {
    const stranger = { ...pendingRow('reminder:p9:task:1d@09:00', local('2027-09-07T09:00')), participantId: 'p9' };
    expect(planFor(program, [person()], [stranger], early).cancel).toEqual([]);
  });
});
