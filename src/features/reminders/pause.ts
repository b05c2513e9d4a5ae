// `paus till 2026-12-01` / `pause until 2026-12-01`: no reminders until that day;
// `paus av` / `pause off` turns them back on; `paus` alone says how things stand.
import { DateTime } from 'luxon';
import { parsePause } from '../../domain/reminders/snooze.js';
import { formatDay, formatMoment } from '../../i18n/format.js';
import { message, text } from '../../ui/model.js';
import type { Context } from '../context.js';
import { replanReminders } from './planner.js';

export async function pause(ctx: Context, args: string): Promise<void> {
  const person = ctx.person;
  if (!person) return;
  const settings = await ctx.services.reminders.settingsOf(person.participantId);
  if (!settings) return;
  const example = DateTime.fromJSDate(ctx.now, { zone: settings.zone }).plus({ days: 14 }).toISODate() ?? '';
  const request = parsePause(args, ctx.now, settings.zone);
  const isPaused = settings.pausedUntil !== null && settings.pausedUntil > ctx.now;

  switch (request.kind) {
    case 'show':
      return ctx.reply(
        message(
          text(isPaused ? ctx.t('reminders.pause.is_paused', { until: formatDay(settings.pausedUntil!, settings.zone, ctx.locale) }) : ctx.t('reminders.pause.is_on')),
          text(ctx.t('reminders.pause.usage', { example }), 'muted'),
        ),
      );
    case 'invalid':
      return ctx.reply(message(text(ctx.t(`reminders.pause.invalid_${request.problem}`, { text: request.text.slice(0, 40), example }))));
    case 'off': {
      if (!isPaused) return ctx.reply(message(text(ctx.t('reminders.pause.was_not_paused'))));
      await ctx.services.reminders.setPause(person.participantId, null);
      await replanReminders(ctx.services, { participantIds: [person.participantId] }, ctx.now);
      await ctx.services.audit.record({ at: ctx.now, actorId: person.participantId, action: 'reminders.resumed' });
      const next = (await ctx.services.outbox.pendingFor([person.participantId], ['reminder', 'module_notice']))[0];
      const nextText = next ? ctx.t('reminders.pause.next', { when: formatMoment(next.dueAt, settings.zone, ctx.locale) }) : ctx.t('reminders.pause.none_coming');
      return ctx.reply(message(text(`${ctx.t('reminders.pause.resumed')} ${nextText}`)));
    }
    case 'until': {
      await ctx.services.reminders.setPause(person.participantId, request.until);
      const report = await replanReminders(ctx.services, { participantIds: [person.participantId] }, ctx.now);
      await ctx.services.audit.record({ at: ctx.now, actorId: person.participantId, action: 'reminders.paused', detail: { until: request.day } });
      return ctx.reply(
        message(
          text(ctx.t('reminders.pause.paused', { until: formatDay(request.until, settings.zone, ctx.locale), count: report.cancelled.paused })),
          text(ctx.t('reminders.pause.how_to_resume'), 'muted'),
        ),
      );
    }
  }
}
