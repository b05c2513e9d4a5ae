// What reminders add to `status` and the home surface: the person's coming reminders
// (and their pause), and for facilitators who has done each preparation.
import { formatDay, formatMoment } from '../../i18n/format.js';
import { text, type Block } from '../../ui/model.js';
import type { Context } from '../context.js';

const SHOWN_REMINDERS = 3;
const SHOWN_NAMES = 8;
const SHOWN_FAILURES = 10;

export async function comingRemindersSection(ctx: Context): Promise<Block[]> {
  const person = ctx.person;
  if (!person || !person.roles.includes('participant')) return [];
  const settings = await ctx.services.reminders.settingsOf(person.participantId);
  if (!settings) return [];
  const blocks: Block[] = [text(ctx.t('reminders.status.title'))];
  if (settings.pausedUntil && settings.pausedUntil > ctx.now) {
    blocks.push(text(ctx.t('reminders.pause.is_paused', { until: formatDay(settings.pausedUntil, settings.zone, ctx.locale) })));
  }
  const pending = (await ctx.services.outbox.pendingFor([person.participantId], ['reminder', 'module_notice'])).slice(0, SHOWN_REMINDERS);
  if (pending.length === 0) {
    blocks.push(text(ctx.t('reminders.status.none')));
    return blocks;
  }
  const lines = [];
  for (const row of pending) {
    const when = formatMoment(row.dueAt, settings.zone, ctx.locale);
    if (row.kind === 'module_notice') {
      const mod = await ctx.services.reminders.module(String(row.payload.moduleId ?? ''));
      if (mod) lines.push(`• ${ctx.t('reminders.status.notice_item', { when, number: mod.number, title: mod.title })}`);
    } else {
      const prep = await ctx.services.reminders.preparation(String(row.payload.preparationId ?? ''));
      if (prep) lines.push(`• ${ctx.t('reminders.status.item', { when, title: prep.title })}`);
    }
  }
  blocks.push(text(lines.join('\n')), text(ctx.t('reminders.status.pause_hint'), 'muted'));
  return blocks;
}

/** Facilitators: per preparation, who is done; and what kohort could not deliver. */
export async function cohortProgressSection(ctx: Context): Promise<Block[]> {
  const person = ctx.person;
  if (!person) return [];
  const zone = person.timezone;
  const modules = (await ctx.services.reminders.progress(person.cohortId)).filter((m) => m.preparations.length > 0);
  const blocks: Block[] = [];
  for (const mod of modules) {
    const lines = mod.preparations.map((p) => {
      const total = p.done.length + p.notDone.length;
      const head = ctx.t('reminders.progress.item', { title: p.title, done: p.done.length, total, due: formatDay(p.dueAt, zone, ctx.locale) });
      if (p.notDone.length === 0 || total === 0) return `• ${head}`;
      return `• ${head}\n   ${ctx.t('reminders.progress.not_done', { names: names(ctx, p.notDone) })}`;
    });
    blocks.push(text(`${ctx.t('reminders.module_name', { number: mod.number, title: mod.title })}\n${lines.join('\n')}`));
  }
  if (blocks.length === 0) blocks.push(text(ctx.t('reminders.progress.nothing_tracked')));
  const failures = await ctx.services.outbox.undelivered(person.cohortId, SHOWN_FAILURES);
  if (failures.length > 0) {
    const who = await ctx.services.reminders.displayNames(failures.flatMap((f) => (f.participantId ? [f.participantId] : [])));
    const lines = failures.map((f) =>
      ctx.t('reminders.progress.failure', {
        name: (f.participantId && who.get(f.participantId)) || '?',
        kind: ctx.t(`reminders.outbound_kinds.${f.kind}`),
        when: formatMoment(f.dueAt, zone, ctx.locale),
        reason: reasonText(ctx, f.reason),
      }),
    );
    blocks.push(text(`${ctx.t('reminders.progress.failures_title')}\n${lines.map((l) => `• ${l}`).join('\n')}`));
  }
  return blocks;
}

function names(ctx: Context, list: string[]): string {
  const shown = list.slice(0, SHOWN_NAMES).join(', ');
  return list.length > SHOWN_NAMES ? `${shown} ${ctx.t('reminders.progress.and_more', { count: list.length - SHOWN_NAMES })}` : shown;
}

/** Platform refusal codes in words where kohort knows them; the raw code otherwise. */
export function reasonText(ctx: Pick<Context, 't' | 'services'>, reason: string): string {
  const key = `reminders.reasons.${reason}`;
  return ctx.services.translator.has(key) ? ctx.t(key) : reason;
}
