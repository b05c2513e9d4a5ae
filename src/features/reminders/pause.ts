// `paus till 2026-12-01` / `pause until 2026-12-01`: no reminders until that day;
// `paus av` / `pause off` turns them back on; `paus` alone says how things stand.
import { DateTime } from 'luxon';
import type { Ports } from '../../application/ports.js';
import { answer, say, type Reply } from '../../application/reply.js';
import { memberOf, type Session } from '../../application/session.js';
import { parsePause, type PauseWords } from '../../domain/reminders/snooze.js';
import { wordsInAnyLocale, type Translator } from '../../i18n/i18n.js';
import { message, text } from '../../ui/model.js';
import { day, when } from '../shared/wording.js';
import { replanReminders } from './planner.js';

export type PausePorts = Pick<Ports, 'reminders' | 'outbox' | 'audit'>;

export const pauseWords = (translator: Translator): PauseWords => ({
  off: wordsInAnyLocale(translator, 'reminders.pause.words.off'),
  until: wordsInAnyLocale(translator, 'reminders.pause.words.until'),
});

export async function pause(session: Session, ports: PausePorts, args: string): Promise<Reply> {
  const person = memberOf(session);
  const settings = await ports.reminders.settingsOf(person.participantId);
  if (!settings) return answer();
  const local = { zone: settings.zone, locale: session.locale };
  const example = DateTime.fromJSDate(session.now, { zone: settings.zone }).plus({ days: 14 }).toISODate() ?? '';
  const request = parsePause(args, session.now, settings.zone, pauseWords(session.translator));
  const isPaused = settings.pausedUntil !== null && settings.pausedUntil > session.now;

  switch (request.kind) {
    case 'show':
      return answer(
        message(
          text(isPaused ? session.t('reminders.pause.is_paused', { until: day(local, settings.pausedUntil!) }) : session.t('reminders.pause.is_on')),
          text(session.t('reminders.pause.usage', { example }), 'muted'),
        ),
      );
    case 'invalid':
      return say(session, `reminders.pause.invalid_${request.problem}`, { text: request.text.slice(0, 40), example });
    case 'off': {
      if (!isPaused) return say(session, 'reminders.pause.was_not_paused');
      await ports.reminders.setPause(person.participantId, null);
      await replanReminders(ports, { participantIds: [person.participantId] }, session.now);
      await ports.audit.record({ at: session.now, actorId: person.participantId, action: 'reminders.resumed' });
      const next = (await ports.outbox.pendingFor([person.participantId], ['reminder', 'module_notice']))[0];
      const nextText = next ? session.t('reminders.pause.next', { when: when(local, next.dueAt) }) : session.t('reminders.pause.none_coming');
      return answer(message(text(`${session.t('reminders.pause.resumed')} ${nextText}`)));
    }
    case 'until': {
      await ports.reminders.setPause(person.participantId, request.until);
      const report = await replanReminders(ports, { participantIds: [person.participantId] }, session.now);
      await ports.audit.record({ at: session.now, actorId: person.participantId, action: 'reminders.paused', detail: { until: request.day } });
      return answer(
        message(text(session.t('reminders.pause.paused', { until: day(local, request.until), count: report.cancelled.paused })), text(session.t('reminders.pause.how_to_resume'), 'muted')),
      );
    }
  }
}
