// What only admins do to a person in the console: give or take the team-lead and facilitator
// roles. (Exporting or erasing a person's data is the privacy feature's: privacy/on-request.ts.)
import type { Ports } from '../../application/ports.js';
import { memberOf } from '../../application/session.js';
import { useCase } from '../../application/use-case.js';
import { MANAGED_ROLES, type ManagedRole } from '../../domain/people.js';

export const isManagedRole = (value: unknown): value is ManagedRole => (MANAGED_ROLES as readonly unknown[]).includes(value);

export const setRole = useCase(
  'manage_facilitators',
  async (session, ports: Pick<Ports, 'peopleAdmin' | 'planning' | 'audit' | 'wake'>, input: { participantId: string; role: ManagedRole; held: boolean }) => {
    const actor = memberOf(session);
    const person = await ports.peopleAdmin.setRole(actor.cohortId, input.participantId, input.role, input.held);
    if (!person) return undefined;
    // A facilitator prepares nothing: their reminders follow the roles they now hold.
    await ports.planning.replan({ programIds: [actor.programId], participantIds: [person.participantId] }, session.now);
    ports.wake.now();
    await ports.audit.record({
      at: session.now,
      actorId: actor.participantId,
      action: input.held ? 'person.role_given' : 'person.role_taken',
      subject: person.participantId,
      detail: { role: input.role },
    });
    return person;
  },
);
