// `status`: the person's next deadlines. Later features (commitments, maturity test)
// add their own sections to STATUS_SECTIONS rather than editing this use case.
import { formatMoment } from '../i18n/format.js';
import type { Block } from '../ui/model.js';
import { header, message, text } from '../ui/model.js';
import type { Context } from './context.js';
import { comingRemindersSection } from './reminders/sections.js';

const SHOWN_DEADLINES = 5;

export type StatusSection = (ctx: Context) => Promise<Block[]>;

export function formatDue(dueAt: Date, ctx: Context): string {
  return formatMoment(dueAt, ctx.person?.timezone ?? 'Europe/Stockholm', ctx.locale);
}

export const deadlinesSection: StatusSection = async (ctx) => {
  const person = ctx.person;
  if (!person) return [];
  const { items, total } = await ctx.services.deadlines.upcoming(person, ctx.now, SHOWN_DEADLINES);
  if (items.length === 0) return [text(ctx.t('status.none'))];
  const lines = items.map(
    (item) =>
      `• ${ctx.t('status.item', { title: item.title, due: formatDue(item.dueAt, ctx) })}\n  ${ctx.t('status.module', {
        number: item.moduleNumber,
        title: item.moduleTitle,
      })}`,
  );
  if (total > items.length) lines.push(ctx.t('status.more', { count: total - items.length }));
  return [text(ctx.t('status.deadlines')), text(lines.join('\n'))];
};

export const STATUS_SECTIONS: StatusSection[] = [deadlinesSection, comingRemindersSection];

export async function status(ctx: Context): Promise<void> {
  const sections = await Promise.all(STATUS_SECTIONS.map((section) => section(ctx)));
  await ctx.reply(message(header(ctx.t('status.title')), ...sections.flat()));
}
