// Answers to "Har du genomfört ditt beslut?": Klart, Delvis, Inte än or Släpp; then, if
// the person wants, a note and the hours a week it freed. Every check-in is kept. A partly
// done or not yet done commitment is followed up again before the module after.
import { batched, type BatchContext } from '../../application/feature.js';
import type { Ports } from '../../application/ports.js';
import { answer, oldButton, refuse, say, type Reply } from '../../application/reply.js';
import type { Session } from '../../application/session.js';
import { followUpModule, MAX_NOTE, parseHours, type CheckInStatus, type HourWords } from '../../domain/commitments/commitment.js';
import type { OutboxRow } from '../../domain/outbox.js';
import { wordsInAnyLocale, type Translator } from '../../i18n/i18n.js';
import { hoursText } from '../shared/commitment-lines.js';
import { afterCheckInCard, followUpCard } from './cards.js';
import { ownCommitment } from './owned.js';
import { followUpPrefix, planFollowUps } from './plan.js';

export type CheckInPorts = Pick<Ports, 'commitments' | 'outbox' | 'reminders' | 'audit'>;

/** The same answer again within this time is a double click, not a new check-in. */
const DOUBLE_CLICK_MS = 10 * 60_000;

export const hourWords = (translator: Translator): HourWords => ({
  units: wordsInAnyLocale(translator, 'commitments.words.hour_units'),
  perWeekPrefixes: wordsInAnyLocale(translator, 'commitments.words.per_week_prefixes'),
  weeks: wordsInAnyLocale(translator, 'commitments.words.weeks'),
});

export async function checkIn(session: Session, ports: CheckInPorts, id: string, status: CheckInStatus): Promise<Reply> {
  const owned = await ownCommitment(session, ports, id);
  if (!owned.ok) return owned.reply;
  const c = owned.commitment;
  const last = c.lastCheckIn;
  if (last && last.status === status && session.now.getTime() - last.answeredAt.getTime() < DOUBLE_CLICK_MS) {
    return refuse(session, 'commitments.already_checked_in', { status: session.t(`commitments.status.${status}`) });
  }
  const recorded = await ports.commitments.checkIn(c.id, status, session.now);
  await ports.audit.record({ at: session.now, actorId: c.participantId, action: 'commitment.checked_in', subject: c.id, detail: { status } });
  if (status === 'done' || status === 'dropped') {
    await ports.outbox.cancelByPrefix(followUpPrefix(c.id), 'answered');
  } else {
    // Asked again before the module after this one (the current window's nudge is no longer needed).
    const { modules } = await ports.commitments.context(c.participantId);
    const current = modules.find((m) => m.id === c.moduleId);
    const next = followUpModule(
      modules.filter((m) => !current || m.startsAt > current.startsAt),
      session.now,
    );
    await ports.commitments.update(c.id, { moduleId: next?.id ?? null }, session.now);
    await planFollowUps(ports, { ...c, status, moduleId: next?.id ?? null }, session.now);
  }
  return answer(afterCheckInCard(session, recorded.id, session.t(`commitments.status.${status}`)));
}

export async function hours(session: Session, ports: CheckInPorts, checkInId: string, h: number): Promise<Reply> {
  const found = await ports.commitments.checkInById(checkInId);
  if (!found) return oldButton(session);
  const owned = await ownCommitment(session, ports, found.commitmentId);
  if (!owned.ok) return owned.reply;
  await ports.commitments.completeCheckIn(found.id, { hours: h });
  return say(session, 'commitments.hours_saved', { hours: hoursText(session, h) });
}

export async function note(session: Session, ports: CheckInPorts, checkInId: string, raw: string): Promise<Reply> {
  const found = await ports.commitments.checkInById(checkInId);
  if (!found) return oldButton(session);
  const owned = await ownCommitment(session, ports, found.commitmentId);
  if (!owned.ok) return owned.reply;
  const written = raw.trim();
  if ([...written].length > MAX_NOTE) return refuse(session, 'commitments.problem.note_too_long', { length: [...written].length, max: MAX_NOTE });
  // "2 timmar" typed into the note is understood as the hours, too.
  const typedHours = parseHours(written, hourWords(session.translator));
  await ports.commitments.completeCheckIn(found.id, typedHours !== undefined ? { hours: typedHours } : { note: written });
  return typedHours !== undefined ? say(session, 'commitments.hours_saved', { hours: hoursText(session, typedHours) }) : say(session, 'commitments.note_saved');
}

/**
 * The follow-up question, built when it is sent: nothing for a commitment closed meanwhile,
 * and the nudge only if no answer came. A batch's commitments are read in one query, and
 * their owners with the batch's people.
 */
export const composeFollowUp = batched({
  async load(rows: OutboxRow<'follow_up'>[], { ports, people }: BatchContext<Pick<Ports, 'commitments'>>) {
    const commitments = await ports.commitments.byIds(rows.map((row) => row.payload.commitmentId));
    await people([...commitments.values()].map((c) => c.participantId));
    return commitments;
  },
  async decide(row, commitments, { person: personOf, sessionFor }) {
    const c = commitments.get(row.payload.commitmentId);
    if (!c || c.status === 'withdrawn' || c.status === 'done' || c.status === 'dropped') return { skip: 'commitment closed' };
    if (c.lastCheckIn && c.lastCheckIn.answeredAt >= new Date(row.payload.windowStart)) return { skip: 'answered' };
    const person = await personOf(c.participantId);
    if (!person) return { skip: 'participant gone' };
    return { message: followUpCard(sessionFor(person), c, row.payload.nudge) };
  },
});
