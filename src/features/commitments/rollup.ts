// `åtaganden` / `commitments` (facilitators): per module how many commitments are in each
// status, the hours a week they freed, and how many came from each suggestion; the same
// per commitment as CSV, with a name only where its owner allowed it.
import type { CommitmentWithHistory } from '../../domain/commitments/store.js';
import { header, message, text } from '../../ui/model.js';
import type { Context } from '../context.js';
import { csvName, toCsv, type CsvRow } from '../csv.js';
import { hoursText } from './cards.js';

const LINK_HOURS = 24;

export async function rollup(ctx: Context): Promise<void> {
  const person = ctx.person!;
  const all = await ctx.services.commitments.cohortCommitments(person.cohortId);
  if (all.length === 0) return ctx.reply(message(header(ctx.t('commitments.rollup.title', { cohort: person.cohortName })), text(ctx.t('commitments.rollup.none'))));
  const suggestions = await ctx.services.commitments.suggestions(person.programId);
  const byModule = new Map<string, CommitmentWithHistory[]>();
  for (const c of all) {
    const key = c.moduleNumber === null ? '–' : String(c.moduleNumber);
    byModule.set(key, [...(byModule.get(key) ?? []), c]);
  }
  const moduleLines = [...byModule].map(([number, list]) => {
    const counts = new Map<string, number>();
    for (const c of list) counts.set(c.status, (counts.get(c.status) ?? 0) + 1);
    const parts = [...counts].map(([status, n]) => `${n} ${ctx.t(`commitments.status.${status}`)}`).join(', ');
    return `• ${ctx.t('commitments.rollup.module_line', { number, count: list.length, statuses: parts })}`;
  });
  const hours = all.reduce((sum, c) => sum + (c.hoursFreedPerWeek ?? 0), 0);
  const bySuggestion = new Map<string, number>();
  for (const c of all) {
    const label = suggestions.find((s) => s.key === c.suggestionKey)?.text ?? ctx.t('commitments.rollup.own_words');
    bySuggestion.set(label, (bySuggestion.get(label) ?? 0) + 1);
  }
  const suggestionLines = [...bySuggestion].sort((a, b) => b[1] - a[1]).map(([label, n]) => `• ${label}: ${n}`);
  await ctx.reply(
    message(
      header(ctx.t('commitments.rollup.title', { cohort: person.cohortName })),
      text(`${ctx.t('commitments.rollup.by_module')}\n${moduleLines.join('\n')}`),
      text(ctx.t('commitments.rollup.hours', { hours: hoursText(ctx, hours) })),
      text(`${ctx.t('commitments.rollup.by_suggestion')}\n${suggestionLines.join('\n')}`),
      text(ctx.t('commitments.rollup.privacy'), 'muted'),
    ),
  );
}


export async function exportCommitments(ctx: Context): Promise<void> {
  const person = ctx.person!;
  const all = await ctx.services.commitments.cohortCommitments(person.cohortId);
  const suggestions = await ctx.services.commitments.suggestions(person.programId);
  const rows: CsvRow[] = [['module', 'name', 'scope', 'commitment', 'suggestion', 'status', 'hours_per_week', 'last_check_in']];
  for (const c of all) {
    rows.push([
      c.moduleNumber,
      // An owner who chose "only counted" is never named, here or anywhere.
      c.visibility === 'named' ? c.ownerName : null,
      c.scope,
      c.text,
      suggestions.find((s) => s.key === c.suggestionKey)?.text ?? null,
      c.status,
      c.hoursFreedPerWeek,
      c.lastCheckIn ? c.lastCheckIn.answeredAt.toISOString().slice(0, 10) : null,
    ]);
  }
  const content = toCsv(rows);
  const filename = csvName('beslut', person.cohortName);
  const id = await ctx.services.exports.create({ cohortId: person.cohortId, filename, contentType: 'text/csv; charset=utf-8', content, at: ctx.now, expiresAt: new Date(ctx.now.getTime() + LINK_HOURS * 3600_000) });
  await ctx.services.audit.record({ at: ctx.now, actorId: person.participantId, action: 'export.created', subject: id, detail: { kind: 'commitments', rows: rows.length - 1 } });
  await ctx.reply(
    message(header(ctx.t('commitments.rollup.export_title')), { type: 'links', links: [{ label: filename, url: `${ctx.services.links.base}/exports/${id}` }] }, text(ctx.t('commitments.rollup.export_note', { hours: LINK_HOURS }), 'muted')),
  );
}
