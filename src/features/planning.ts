// Everything kohort plans ahead in the outbox — reminders and module notices, group
// summaries, reflection questions at a set time — brought up to date in one call: at
// start-up (all programs) and after `program import` (that program). Each planner is
// idempotent, so running this twice, or on two replicas at once, plans nothing new.
import type { OutboxStore } from '../domain/outbox.js';
import type { ReflectionStore } from '../domain/ports.js';
import type { ReminderStore } from '../domain/reminders/store.js';
import type { SummaryStore } from '../domain/summaries/store.js';
import { replanReflections } from './reflections/scheduled.js';
import { replanReminders, type PlanningReport } from './reminders/planner.js';
import { replanSummaries } from './summaries/summarize.js';

export interface PlanningStores {
  reminders: ReminderStore;
  summaries: SummaryStore;
  reflections: ReflectionStore;
  outbox: OutboxStore;
}

export interface FullPlanningReport {
  reminders: PlanningReport;
  summaries: number;
  reflections: number;
}

/** One program, or every program when `programId` is undefined. */
export async function replanEverything(stores: PlanningStores, programId: string | undefined, now: Date): Promise<FullPlanningReport> {
  return {
    reminders: await replanReminders(stores, programId ? { programId } : { everything: true }, now),
    summaries: await replanSummaries(stores, programId ? [programId] : undefined, now),
    reflections: await replanReflections(stores, programId ? [programId] : undefined, now),
  };
}
