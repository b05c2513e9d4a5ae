// A preparation done, however it was done: clicked Klar, typed `klar`, submitted the test
// it stands for, or recorded the decision it asks for. Reminders for it stop, the audit log
// says how, and undoing brings the rest of its reminders back — the same everywhere, so
// reminders, status, progress, summaries and broadcasts agree.
import type { Ports } from '../../application/ports.js';
import type { Person } from '../../domain/ports.js';
import { reminderPrefix } from '../../domain/reminders/plan.js';

export type CompletionPorts = Pick<Ports, 'reminders' | 'outbox' | 'audit' | 'planning'>;

/** How a preparation came to be done, for the audit log. */
export type DoneBy = 'clicked' | 'typed' | 'maturity_test' | 'decision';

/** True when this is news (it was not done before). */
export async function completePreparation(ports: CompletionPorts, person: Person, preparationId: string, by: DoneBy, at: Date): Promise<boolean> {
  if (!(await ports.reminders.markDone(person.participantId, preparationId, at))) return false;
  await ports.outbox.cancelByPrefix(reminderPrefix(person.participantId, preparationId), 'done');
  await ports.audit.record({ at, actorId: person.participantId, action: 'preparation.done', subject: preparationId, detail: { by } });
  return true;
}

/** True when there was something to undo. The ladder's remaining steps come back (nothing doubles). */
export async function reopenPreparation(ports: CompletionPorts, person: Person, preparationId: string, by: DoneBy, at: Date): Promise<boolean> {
  if (!(await ports.reminders.undoDone(person.participantId, preparationId))) return false;
  await ports.planning.replan({ participantIds: [person.participantId] }, at);
  await ports.audit.record({ at, actorId: person.participantId, action: 'preparation.undone', subject: preparationId, detail: { by } });
  return true;
}
