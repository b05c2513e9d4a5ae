// Applies the plan (src/domain/reminders/plan.ts) to the outbox: new and moved rows in,
// rows no longer wanted cancelled with their reason. Runs after an import, an enrolment,
// a pause or an undo, and once at start-up; running it twice changes nothing.
import type { Planner } from '../../application/feature.js';
import type { PlanScope, Ports } from '../../application/ports.js';
import { planFor, type CancelReason } from '../../domain/reminders/plan.js';

type PlanningPorts = Pick<Ports, 'reminders' | 'outbox'>;

export type ReminderScope = { programId: string } | { participantIds: string[] } | { everything: true };

export interface PlanningReport {
  planned: number;
  cancelled: Record<CancelReason, number>;
}

export async function replanReminders(ports: PlanningPorts, scope: ReminderScope, now: Date): Promise<PlanningReport> {
  const report: PlanningReport = { planned: 0, cancelled: { done: 0, paused: 0, not_planned: 0 } };
  const scopes = 'everything' in scope ? (await ports.reminders.programIds()).map((programId) => ({ programId })) : [scope];
  for (const one of scopes) {
    for (const { program, participants } of await ports.reminders.planInputs(one)) {
      const pending = await ports.outbox.pendingFor(
        participants.map((p) => p.id),
        ['reminder', 'module_notice'],
      );
      const result = planFor(program, participants, pending, now);
      report.planned += await ports.outbox.plan(result.plan);
      for (const reason of ['done', 'paused', 'not_planned'] as const) {
        const ids = result.cancel.filter((c) => c.reason === reason).map((c) => c.id);
        report.cancelled[reason] += await ports.outbox.cancel(ids, reason);
      }
    }
  }
  return report;
}

/** Some participants when named, else the programs named, else every program. */
function reminderScopes(scope: PlanScope): ReminderScope[] {
  if (scope.participantIds) return [{ participantIds: scope.participantIds }];
  if (scope.programIds) return scope.programIds.map((programId) => ({ programId }));
  return [{ everything: true }];
}

export const reminderPlanner: Planner<PlanningPorts> = {
  name: 'reminders',
  async plan(ports, scope, now) {
    const outcome = { planned: 0, cancelled: 0 };
    for (const one of reminderScopes(scope)) {
      const report = await replanReminders(ports, one, now);
      outcome.planned += report.planned;
      outcome.cancelled += Object.values(report.cancelled).reduce((a, b) => a + b, 0);
    }
    return outcome;
  },
};
