// "Remind everyone not done with this preparation" (facilitators, from the web console): one
// reminder now, through the outbox, to each participant who has not marked it done — the
// same reminder card the ladder sends (Done, Snooze, Details), composed when it goes out,
// so nobody who marks it done meanwhile or has paused gets it; nobody who snoozed it either
// (they asked for quiet about it until then). Keyed by person, preparation
// and the program's day: a second click the same day queues nothing, and says so.
import { DateTime } from 'luxon';
import type { Ports } from '../../application/ports.js';
import { memberOf } from '../../application/session.js';
import { useCase } from '../../application/use-case.js';
import { askedKey, isSnoozeKey } from '../../domain/reminders/plan.js';

export type RemindAllResult =
  | { found: false }
  | {
      found: true;
      title: string;
      /** Participants not done with it. */
      notDone: number;
      /** Reminders queued now (the rest had one from this action today, or snoozed it). */
      queued: number;
      /** Not reminded because they snoozed this preparation: they asked for quiet until then. */
      snoozed: number;
      /** Not reminded because they paused their reminders (`paus`): the composer would drop it anyway. */
      paused: number;
    };

type RemindPorts = Pick<Ports, 'roster' | 'outbox' | 'audit' | 'wake'>;

/** Who of these has a snoozed reminder of the preparation still to come. */
async function snoozedOf(ports: Pick<Ports, 'outbox'>, participantIds: string[], preparationId: string): Promise<Set<string>> {
  const pending = await ports.outbox.pendingFor(participantIds, ['reminder']);
  return new Set(pending.flatMap((row) => (row.kind === 'reminder' && row.payload.preparationId === preparationId && isSnoozeKey(row.idempotencyKey) && row.participantId ? [row.participantId] : [])));
}

export const remindNotDone = useCase('remind_cohort', async (session, ports: RemindPorts, input: { preparationId: string }): Promise<RemindAllResult> => {
  const facilitator = memberOf(session);
  const roster = await ports.roster.roster(facilitator.cohortId, session.locale);
  // Only a preparation of the facilitator's own cohort's program: an id from elsewhere finds nothing.
  const prep = roster.modules.flatMap((m) => m.preparations).find((p) => p.id === input.preparationId);
  if (!prep) return { found: false };
  const done = new Set(prep.doneBy);
  const notDone = roster.people.filter((p) => !done.has(p.id));
  const paused = new Set(notDone.filter((p) => p.pausedUntil && p.pausedUntil > session.now).map((p) => p.id));
  const snoozing = await snoozedOf(
    ports,
    notDone.map((p) => p.id),
    prep.id,
  );
  const today = DateTime.fromJSDate(session.now, { zone: session.zone }).toISODate()!;
  const queued = await ports.outbox.plan(
    notDone
      .filter((p) => !snoozing.has(p.id) && !paused.has(p.id))
      .map((p) => ({
        idempotencyKey: askedKey(p.id, prep.id, today),
        kind: 'reminder' as const,
        cohortId: facilitator.cohortId,
        participantId: p.id,
        dueAt: session.now,
        payload: { preparationId: prep.id, step: `asked@${today}` },
      })),
  );
  await ports.audit.record({
    at: session.now,
    actorId: facilitator.participantId,
    action: 'console.reminded_not_done',
    subject: prep.id,
    detail: { notDone: notDone.length, queued, snoozed: snoozing.size, paused: paused.size },
  });
  if (queued > 0) ports.wake.now();
  return { found: true, title: prep.title, notDone: notDone.length, queued, snoozed: snoozing.size, paused: paused.size };
});
