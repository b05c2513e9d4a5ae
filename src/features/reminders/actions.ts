// What the buttons on a reminder do. Every value comes from a card the person may have
// kept for weeks, so each one checks the preparation belongs to the person's own program.
import type { Ports } from '../../application/ports.js';
import { answer, oldButton, refuse, say, inOrder, type Reply } from '../../application/reply.js';
import { memberOf, type Session } from '../../application/session.js';
import type { PreparationView } from '../../domain/reminders/store.js';
import { isSnoozeKey, reminderPrefix, snoozeKey } from '../../domain/reminders/plan.js';
import { snoozeUntil, type SnoozeOption } from '../../domain/reminders/snooze.js';
import { actions, message, text } from '../../ui/model.js';
import { completePreparation, reopenPreparation, type DoneBy } from '../shared/completion.js';
import { askReflection } from '../shared/reflection-prompt.js';
import { when } from '../shared/wording.js';
import { REMINDER_UNDO } from './controls.js';
import { detailsMessage } from './messages.js';

export type ReminderActionPorts = Pick<Ports, 'reminders' | 'outbox' | 'audit' | 'reflections' | 'planning'>;

async function ownPreparation(session: Session, ports: ReminderActionPorts, preparationId: string): Promise<PreparationView | undefined> {
  const prep = await ports.reminders.preparation(preparationId, session.locale);
  return prep && prep.programId === session.person?.programId ? prep : undefined;
}

const isDone = async (ports: ReminderActionPorts, participantId: string, preparationId: string) => (await ports.reminders.doneAmong(participantId, [preparationId])).size > 0;

export async function markDone(session: Session, ports: ReminderActionPorts, preparationId: string, by: DoneBy = 'clicked'): Promise<Reply> {
  const prep = await ownPreparation(session, ports, preparationId);
  if (!prep) return oldButton(session);
  const person = memberOf(session);
  if (!(await completePreparation(ports, person, prep.id, by, session.now))) return refuse(session, 'reminders.already_done', { title: prep.title });
  const done = answer(message(text(session.t('reminders.done', { title: prep.title })), actions(REMINDER_UNDO.button(session.t('reminders.button_undo'), { preparationId: prep.id }))));
  // A preparation with reflection questions asks them now, while it is fresh.
  return inOrder({ ...done, refreshHome: true }, await askReflection(session, ports, prep.id, 0));
}

export async function undoDone(session: Session, ports: ReminderActionPorts, preparationId: string): Promise<Reply> {
  const prep = await ownPreparation(session, ports, preparationId);
  if (!prep) return oldButton(session);
  const person = memberOf(session);
  if (!(await reopenPreparation(ports, person, prep.id, 'clicked', session.now))) return refuse(session, 'reminders.not_done', { title: prep.title });
  return { ...say(session, 'reminders.undone', { title: prep.title }), refreshHome: true };
}

export async function snooze(session: Session, ports: ReminderActionPorts, preparationId: string, option: SnoozeOption): Promise<Reply> {
  const prep = await ownPreparation(session, ports, preparationId);
  if (!prep) return oldButton(session);
  const person = memberOf(session);
  if (await isDone(ports, person.participantId, prep.id)) return refuse(session, 'reminders.already_done', { title: prep.title });
  const settings = await ports.reminders.settingsOf(person.participantId);
  if (!settings) return oldButton(session);
  const until = snoozeUntil(session.now, settings.zone, settings.policy, option);
  const at = (moment: Date) => when({ zone: settings.zone, locale: session.locale }, moment);
  if (settings.pausedUntil && until < settings.pausedUntil) return refuse(session, 'reminders.snooze_paused', { until: at(settings.pausedUntil) });
  // A snooze means quiet about this item until then: an earlier snooze of it is replaced,
  // and its reminders before then are moved to then — where one already comes at that
  // very moment, it is the one (never two).
  const pending = (await ports.outbox.pendingFor([person.participantId], ['reminder'])).filter((row) => row.idempotencyKey.startsWith(reminderPrefix(person.participantId, prep.id)));
  const replaced = pending.filter((row) => isSnoozeKey(row.idempotencyKey) || row.dueAt < until);
  if (replaced.length > 0)
    await ports.outbox.cancel(
      replaced.map((row) => row.id),
      'snoozed',
    );
  if (!pending.some((row) => !isSnoozeKey(row.idempotencyKey) && row.dueAt.getTime() === until.getTime())) {
    await ports.outbox.plan([
      {
        idempotencyKey: snoozeKey(person.participantId, prep.id, until),
        kind: 'reminder',
        cohortId: person.cohortId,
        participantId: person.participantId,
        dueAt: until,
        payload: { preparationId: prep.id, step: `snooze@${until.toISOString()}` },
      },
    ]);
  }
  const afterDeadline = until >= prep.dueAt;
  return answer(
    message(
      text(session.t('reminders.snoozed', { title: prep.title, when: at(until) })),
      ...(afterDeadline ? [text(session.t('reminders.snooze_after_deadline', { due: at(prep.dueAt) }), 'muted' as const)] : []),
    ),
  );
}

export async function details(session: Session, ports: ReminderActionPorts, preparationId: string): Promise<Reply> {
  const prep = await ownPreparation(session, ports, preparationId);
  if (!prep) return oldButton(session);
  return answer(detailsMessage(session, prep, await isDone(ports, memberOf(session).participantId, prep.id)));
}
