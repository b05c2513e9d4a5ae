// `mognadsresultat` / `maturity results` (facilitators): who has finished each test (never
// their answers), and per dimension the cohort's and each group's mean, spread and change
// between attempts — only where at least `minGroupSize` people answered.
import { aggregate, cellChange, type Cell } from '../../domain/questionnaire/aggregate.js';
import { loadQuestionnaire } from '../../domain/questionnaire/load.js';
import type { QuestionnaireFile } from '../../domain/questionnaire/schema.js';
import type { CohortAttempt, CohortPeople, Occasion } from '../../domain/questionnaire/store.js';
import { header, message, text, type Block } from '../../ui/model.js';
import type { Context, Services } from '../context.js';
import { formatScore } from './cards.js';

export interface CohortFigures {
  q: QuestionnaireFile;
  occasions: Occasion[];
  people: CohortPeople;
  attempts: CohortAttempt[];
  /** scope name → occasion key → dimension → cell */
  cells: Map<string, Map<string, Map<string, Cell>>>;
}

/** The cohort's attempts at the questionnaire of every occasion opened so far. */
export async function maturityData(services: Services, programId: string, cohortId: string, now: Date) {
  const occasions = (await services.maturity.occasionsOf(programId)).filter((o) => o.opensAt <= now);
  const first = occasions[0];
  if (!first) return undefined;
  const q = loadQuestionnaire(first.questionnaire);
  const people = await services.maturity.cohortPeople(cohortId);
  const attempts = await services.maturity.cohortAttempts(cohortId, first.questionnaireKey);
  return { q, occasions, people, attempts };
}

/** Per occasion, the cells of the submitted attempts of these members (threshold applied). */
export function cellsFor(data: NonNullable<Awaited<ReturnType<typeof maturityData>>>, members: ReadonlySet<string>): Map<string, Map<string, Cell>> {
  const perOccasion = new Map<string, Map<string, Cell>>();
  for (const occasion of data.occasions) {
    const submitted = data.attempts.filter((a) => a.occasionKey === occasion.key && a.status === 'submitted' && members.has(a.participantId));
    perOccasion.set(occasion.key, aggregate(data.q, submitted.map((a) => a.answers), data.people.minGroupSize));
  }
  return perOccasion;
}

/** The figures for every scope (the cohort, then each group) and every occasion opened so far. */
export async function cohortFigures(ctx: Context): Promise<CohortFigures | undefined> {
  const person = ctx.person!;
  const data = await maturityData(ctx.services, person.programId, person.cohortId, ctx.now);
  if (!data) return undefined;
  const scopes = [{ name: ctx.t('maturity.cohort.whole', { cohort: person.cohortName }), members: new Set(data.people.participants.map((p) => p.id)) }, ...data.people.groups.map((g) => ({ name: g.name, members: new Set(g.memberIds) }))];
  const cells = new Map(scopes.map((scope) => [scope.name, cellsFor(data, scope.members)] as const));
  return { ...data, cells };
}

export async function cohortView(ctx: Context): Promise<void> {
  const figures = await cohortFigures(ctx);
  if (!figures) return ctx.reply(message(text(ctx.t('maturity.cohort.none_open'))));
  const { q, occasions, people, attempts } = figures;
  const blocks: Block[] = [header(ctx.t('maturity.cohort.title', { cohort: ctx.person!.cohortName }))];
  for (const occasion of occasions) {
    const statusOf = (id: string) => attempts.find((a) => a.participantId === id && a.occasionKey === occasion.key)?.status;
    const done = people.participants.filter((p) => statusOf(p.id) === 'submitted').map((p) => p.name);
    const started = people.participants.filter((p) => statusOf(p.id) && statusOf(p.id) !== 'submitted').map((p) => p.name);
    const notStarted = people.participants.filter((p) => !statusOf(p.id)).map((p) => p.name);
    const lines = [ctx.t('maturity.cohort.completion', { occasion: occasion.title, done: done.length, total: people.participants.length })];
    if (done.length) lines.push(ctx.t('maturity.cohort.done', { names: done.join(', ') }));
    if (started.length) lines.push(ctx.t('maturity.cohort.started', { names: started.join(', ') }));
    if (notStarted.length) lines.push(ctx.t('maturity.cohort.not_started', { names: notStarted.join(', ') }));
    blocks.push(text(lines.join('\n')));
  }
  for (const [scope, perOccasion] of figures.cells) blocks.push(text(scopeText(ctx, q, occasions, scope, perOccasion)));
  blocks.push(text(ctx.t('maturity.cohort.threshold', { min: people.minGroupSize }), 'muted'));
  await ctx.reply(message(...blocks));
}

export function scopeText(ctx: Pick<Context, 't' | 'locale'>, q: QuestionnaireFile, occasions: Occasion[], scope: string, perOccasion: Map<string, Map<string, Cell>>): string {
  const latest = occasions.at(-1)!;
  const previous = occasions.at(-2);
  const lines = q.dimensions.map((d) => {
    const cell = perOccasion.get(latest.key)?.get(d.key);
    const title = d.title[ctx.locale];
    if (!cell || cell.mean === null) return `• ${ctx.t('maturity.cohort.hidden', { title, n: cell?.n ?? 0 })}`;
    const shift = previous ? cellChange(perOccasion.get(previous.key)?.get(d.key), cell) : null;
    const change = shift === null ? '' : ` ${ctx.t('maturity.cohort.change', { change: `${shift >= 0 ? '+' : '−'}${formatScore(Math.abs(shift), ctx.locale)}` })}`;
    return `• ${ctx.t('maturity.cohort.cell', { title, mean: formatScore(cell.mean, ctx.locale), spread: formatScore(cell.spread ?? 0, ctx.locale), n: cell.n })}${change}`;
  });
  return `${ctx.t('maturity.cohort.scope', { scope, occasion: latest.title })}\n${lines.join('\n')}`;
}
