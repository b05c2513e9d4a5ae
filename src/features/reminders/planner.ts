// Applies the plan (src/domain/reminders/plan.ts) to the outbox: new and moved rows in,
// rows no longer wanted cancelled with their reason. Runs after an import, an enrolment,
// a pause or an undo, and once at start-up; running it twice changes nothing.
import type { OutboxStore } from '../../domain/outbox.js';
import { planFor, type CancelReason } from '../../domain/reminders/plan.js';
import type { ReminderStore } from '../../domain/reminders/store.js';

export interface PlanningStores {
  reminders: ReminderStore;
  outbox: OutboxStore;
}

export type PlanScope = { programId: string } | { participantIds: string[] } | { everything: true };

export interface PlanningReport {
  planned: number;
  cancelled: Record<CancelReason, number>;
}

export async function replanReminders(stores: PlanningStores, scope: PlanScope, now: Date): Promise<PlanningReport> {
  const report: PlanningReport = { planned: 0, cancelled: { done: 0, paused: 0, not_planned: 0 } };
  const scopes = 'everything' in scope ? (await stores.reminders.programIds()).map((programId) => ({ programId })) : [scope];
  for (const one of scopes) {
    for (const { program, participants } of await stores.reminders.planInputs(one)) {
      const pending = await stores.outbox.pendingFor(
        participants.map((p) => p.id),
        ['reminder', 'module_notice'],
      );
      const result = planFor(program, participants, pending, now);
      report.planned += await stores.outbox.plan(result.plan);
      for (const reason of ['done', 'paused', 'not_planned'] as const) {
        const ids = result.cancel.filter((c) => c.reason === reason).map((c) => c.id);
        report.cancelled[reason] += await stores.outbox.cancel(ids, reason);
      }
    }
  }
  return report;
}
