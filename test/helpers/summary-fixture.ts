// A demo cohort with something to summarise before module 4: preparations done by some,
// commitments kept named and kept counted, maturity results above and below the privacy
// threshold, and reflections quotable and not. Shared by the summary and LLM tests.
import { DateTime } from 'luxon';
import type { Database } from '../../src/persistence/database.js';
import type { Ports } from '../../src/application/ports.js';
import { submittedAttempt } from './maturity.js';

export const local = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Stockholm' }).toJSDate();
/** The demo imported on Monday 11 January 2027: module 4 is Monday 29 March 09:30. */
export const IMPORTED = local('2027-01-11T10:00');
/** Two days before module 4 is a Saturday and the Friday is Good Friday: the summary moves to Thursday 09:00. */
export const MODULE_4_SUMMARY = local('2027-03-25T09:00');

export const QUOTABLE = 'Kompetensen påverkas mest: personalen behöver nya verktyg.';
export const PRIVATE_ANSWERS = ['Kompetensen och ledarskapet, personalen måste med på resan.', 'Min chef lyssnar aldrig på mig.'];
export const COUNTED_TEXT = 'Sluta med hemliga möten';

export async function seedModule4(db: Database, services: Pick<Ports, 'reminders' | 'commitments' | 'reflections'>, at: Date): Promise<void> {
  const id = async (key: string) => (await db.prisma.participant.findFirstOrThrow({ where: { key } })).id;
  const prep = async (key: string) => (await db.prisma.preparation.findFirstOrThrow({ where: { key } })).id;
  const [anna, erik, johan, maja, lina] = await Promise.all(['anna', 'erik', 'johan', 'maja', 'lina'].map(id));
  const [reading, wave] = await Promise.all(['las-sidor-102-123', 'ny-forandringsvag'].map(prep));
  for (const who of [anna!, erik!, maja!]) await services.reminders.markDone(who, reading!, at);
  await services.reminders.markDone(anna!, wave!, at);

  const commitment = (participantId: string, text: string, visibility: 'named' | 'counted') =>
    services.commitments.create({ participantId, teamId: null, moduleId: null, text, reason: null, suggestionKey: null, scope: 'personal', visibility, at });
  await commitment(anna!, 'Sluta curla', 'named');
  const secret = await commitment(erik!, COUNTED_TEXT, 'counted');
  await services.commitments.update(secret.id, { status: 'done' }, at);
  await commitment(lina!, 'Färre fysiska möten', 'named');

  // Tillgänglighet (Anna, Erik, Johan) reaches the threshold of 3; Omnikanal (Maja) does not.
  await submittedAttempt(db, 'anna', 'fore-modul-3', 2, at);
  await submittedAttempt(db, 'erik', 'fore-modul-3', 4, at);
  await submittedAttempt(db, 'johan', 'fore-modul-3', 3, at);
  await submittedAttempt(db, 'maja', 'fore-modul-3', 4, at);

  const answer = async (participantId: string, text: string, quotable: boolean) => {
    const reflectionId = await services.reflections.save({ participantId, preparationId: wave!, questionKey: 'q1', answer: text, at });
    if (quotable) await services.reflections.setQuoteAllowed(reflectionId, true);
  };
  await answer(anna!, QUOTABLE, true);
  await answer(erik!, PRIVATE_ANSWERS[0]!, false);
  await answer(johan!, PRIVATE_ANSWERS[1]!, false);
}
