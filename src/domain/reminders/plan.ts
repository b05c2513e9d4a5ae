// What the outbox should hold for a set of participants: every ladder step of every
// tracked preparation they have not done, plus a notice the day before each module.
// Pure: the planner feeds it the program and the pending rows, and applies the result.
// Idempotency keys name participant, preparation and step, so planning again after a
// re-import, an enrolment, a pause or an undo never duplicates anything.
import { DateTime } from 'luxon';
import type { PendingMessage, PlannedMessage } from '../outbox.js';
import { mergePolicies, reminderTimes, type ReminderPolicy } from './ladder.js';

export interface PlanPreparation {
  id: string;
  dueAt: Date;
  tracked: boolean;
  policy: Partial<ReminderPolicy> | null;
}

export interface PlanModule {
  id: string;
  startsAt: Date;
  preparations: PlanPreparation[];
}

export interface PlanProgram {
  zone: string;
  policy: Partial<ReminderPolicy> | null;
  modules: PlanModule[];
}

export interface PlanParticipant {
  id: string;
  cohortId: string;
  policy: Partial<ReminderPolicy> | null;
  pausedUntil: Date | null;
  done: ReadonlySet<string>;
}

/** The notice goes the day before a module, in the morning, on a working day. */
const NOTICE_STEP = { daysBefore: 1, at: '09:00' };

export const reminderKey = (participantId: string, preparationId: string, step: string) => `reminder:${participantId}:${preparationId}:${step}`;
export const reminderPrefix = (participantId: string, preparationId: string) => `reminder:${participantId}:${preparationId}:`;
export const snoozeKey = (participantId: string, preparationId: string, at: Date) => reminderKey(participantId, preparationId, `snooze@${at.toISOString()}`);
/** A reminder a facilitator asked for (the console's "remind everyone not done"): one a day per person and preparation. */
export const askedKey = (participantId: string, preparationId: string, day: string) => reminderKey(participantId, preparationId, `asked@${day}`);
export const noticeKey = (participantId: string, moduleId: string) => `notice:${participantId}:${moduleId}`;

export type CancelReason = 'done' | 'paused' | 'not_planned';

export interface PlanResult {
  plan: PlannedMessage[];
  cancel: { id: string; reason: CancelReason }[];
}

/**
 * `pending`: the participants' pending reminder and notice rows. Steps already in the past
 * are not planned again (a late joiner gets no burst of old reminders), but a pending row
 * for one is left alone: the worker sends it if it is still within the grace window.
 */
export function planFor(program: PlanProgram, participants: PlanParticipant[], pending: PendingMessage[], now: Date): PlanResult {
  const plan: PlannedMessage[] = [];
  const keep = new Map<string, true | CancelReason>();
  const byId = new Map(participants.map((p) => [p.id, p]));
  const paused = (p: PlanParticipant, at: Date) => p.pausedUntil !== null && at < p.pausedUntil;

  for (const person of participants) {
    const base = mergePolicies(program.policy, person.policy);
    for (const mod of program.modules) {
      const notice = reminderTimes(mod.startsAt, program.zone, { ...base, ladder: [NOTICE_STEP] })[0];
      const noticeDay = notice ? localDay(notice.at, program.zone) : undefined;
      if (notice) {
        const key = noticeKey(person.id, mod.id);
        const excluded = paused(person, notice.at) ? 'paused' : undefined;
        keep.set(key, excluded ?? true);
        if (!excluded && notice.at > now)
          plan.push({ idempotencyKey: key, kind: 'module_notice', cohortId: person.cohortId, participantId: person.id, dueAt: notice.at, payload: { moduleId: mod.id } });
      }
      for (const prep of mod.preparations) {
        if (!prep.tracked) continue;
        const policy = mergePolicies(program.policy, prep.policy, person.policy);
        for (const step of reminderTimes(prep.dueAt, program.zone, policy)) {
          // The module notice lists every preparation with its status: a reminder the same day would repeat it.
          if (noticeDay && localDay(step.at, program.zone) === noticeDay) continue;
          const key = reminderKey(person.id, prep.id, step.step);
          const excluded = person.done.has(prep.id) ? 'done' : paused(person, step.at) ? 'paused' : undefined;
          keep.set(key, excluded ?? true);
          if (!excluded && step.at > now) {
            plan.push({ idempotencyKey: key, kind: 'reminder', cohortId: person.cohortId, participantId: person.id, dueAt: step.at, payload: { preparationId: prep.id, step: step.step } });
          }
        }
      }
    }
  }

  const cancel: PlanResult['cancel'] = [];
  for (const row of pending) {
    const person = row.participantId ? byId.get(row.participantId) : undefined;
    if (!person) continue;
    const verdict = isSnoozeKey(row.idempotencyKey) || isAskedKey(row.idempotencyKey) ? snoozeVerdict(row, person, paused) : (keep.get(row.idempotencyKey) ?? 'not_planned');
    if (verdict !== true) cancel.push({ id: row.id, reason: verdict });
  }
  return { plan, cancel };
}

export function isSnoozeKey(key: string): boolean {
  return key.includes(':snooze@');
}

/** Not in the ladder, so planning again must not cancel it as "not planned" (it is kept like a snooze). */
export function isAskedKey(key: string): boolean {
  return key.includes(':asked@');
}

/** A snoozed reminder was asked for by the person (an asked one by a facilitator): it stays unless the item is done or they paused. */
function snoozeVerdict(row: PendingMessage, person: PlanParticipant, paused: (p: PlanParticipant, at: Date) => boolean): true | CancelReason {
  const preparationId = row.kind === 'reminder' ? row.payload.preparationId : '';
  if (person.done.has(preparationId)) return 'done';
  return paused(person, row.dueAt) ? 'paused' : true;
}

function localDay(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toISODate() ?? '';
}
