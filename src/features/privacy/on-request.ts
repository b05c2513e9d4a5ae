// An admin acting on a person's request from the console: their data as the one file `mina
// data` gives, or erasure as `glöm mig` does (eraseAndTell), as `person export|erase` does on
// the command line — only for someone in the admin's own cohort, audited with the admin as actor.
import type { Ports } from '../../application/ports.js';
import { memberOf } from '../../application/session.js';
import { useCase } from '../../application/use-case.js';
import { eraseAndTell } from './index.js';

/** A download of the person's data lives this long: the admin fetches it at once. */
export const PERSON_EXPORT_MINUTES = 10;

/** The person's data file (the one `mina data` gives), stored for download; undefined for someone outside the cohort. */
export const exportPerson = useCase('person_data', async (session, ports: Pick<Ports, 'peopleAdmin' | 'personalData' | 'audit'>, participantId: string) => {
  const actor = memberOf(session);
  if (!(await ports.peopleAdmin.person(actor.cohortId, participantId))) return undefined;
  const file = await ports.personalData.exportFile(participantId, session.now, new Date(session.now.getTime() + PERSON_EXPORT_MINUTES * 60_000));
  if (!file) return undefined;
  await ports.audit.record({ at: session.now, actorId: actor.participantId, action: 'personal_data.exported', subject: file.id, detail: { by: 'admin' } });
  return file;
});

export type Erased = 'erased' | 'not_found' | 'self';

/** Erases the person (as `glöm mig`) and tells the facilitators that someone was, without the name. */
export const erasePerson = useCase(
  'person_data',
  async (session, ports: Pick<Ports, 'peopleAdmin' | 'personalData' | 'people' | 'outbox' | 'audit' | 'wake'>, participantId: string): Promise<Erased> => {
    const actor = memberOf(session);
    // One's own erasure is `glöm mig` in chat: the console does not sign its admin out of existence by a slip.
    if (participantId === actor.participantId) return 'self';
    if (!(await ports.peopleAdmin.person(actor.cohortId, participantId))) return 'not_found';
    const outcome = await eraseAndTell(ports, { participantId, cohortId: actor.cohortId }, session.now, 'admin');
    if (!outcome) return 'not_found';
    ports.wake.now();
    // The erased person's id is gone from the log too: the entry says who acted and what, not on whom.
    await ports.audit.record({ at: session.now, actorId: actor.participantId, action: 'person.erased_by_admin' });
    return 'erased';
  },
);
