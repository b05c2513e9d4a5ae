// `mognadsexport` / `maturity export` (facilitators, admins): the cohort and group figures
// as CSV behind a download link valid for 24 hours. Only aggregates above the privacy
// threshold carry values; a hidden cell keeps its count and leaves mean and spread empty.
import { cellChange } from '../../domain/questionnaire/aggregate.js';
import { header, message, text } from '../../ui/model.js';
import type { Context } from '../context.js';
import { csvName, toCsv, type CsvRow } from '../csv.js';
import { cohortFigures } from './cohort-view.js';

const LINK_HOURS = 24;


export async function exportMaturity(ctx: Context): Promise<void> {
  const figures = await cohortFigures(ctx);
  if (!figures) return ctx.reply(message(text(ctx.t('maturity.cohort.none_open'))));
  const { q, occasions } = figures;
  const rows: CsvRow[] = [['scope', 'occasion', 'dimension', 'n', 'mean', 'spread', 'change_since_previous']];
  for (const [scope, perOccasion] of figures.cells) {
    occasions.forEach((occasion, i) => {
      const previous = occasions[i - 1];
      for (const d of q.dimensions) {
        const cell = perOccasion.get(occasion.key)?.get(d.key);
        const change = previous ? cellChange(perOccasion.get(previous.key)?.get(d.key), cell) : null;
        rows.push([scope, occasion.title, d.title[ctx.locale], cell?.n ?? 0, cell?.mean ?? null, cell?.spread ?? null, change]);
      }
    });
  }
  const content = toCsv(rows);
  const person = ctx.person!;
  const filename = csvName('mognadstest', person.cohortName);
  const id = await ctx.services.exports.create({
    cohortId: person.cohortId,
    filename,
    contentType: 'text/csv; charset=utf-8',
    content,
    at: ctx.now,
    expiresAt: new Date(ctx.now.getTime() + LINK_HOURS * 3600_000),
  });
  await ctx.services.audit.record({ at: ctx.now, actorId: person.participantId, action: 'export.created', subject: id, detail: { kind: 'maturity', rows: rows.length - 1 } });
  await ctx.reply(
    message(
      header(ctx.t('maturity.export.title')),
      { type: 'links', links: [{ label: filename, url: `${ctx.services.links.base}/exports/${id}` }] },
      text(ctx.t('maturity.export.note', { hours: LINK_HOURS, min: figures.people.minGroupSize }), 'muted'),
    ),
  );
}
