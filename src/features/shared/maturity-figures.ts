// The cohort's maturity figures: per occasion and dimension, the mean, spread and number
// of submitted attempts of a set of members — only where at least `minGroupSize` answered.
// Facilitators' results and export and the group summaries all read them from here.
import type { Ports } from '../../application/ports.js';
import type { Session } from '../../application/session.js';
import { aggregate, cellChange, type Cell } from '../../domain/questionnaire/aggregate.js';
import { loadQuestionnaire } from '../../domain/questionnaire/load.js';
import type { QuestionnaireFile } from '../../domain/questionnaire/schema.js';
import type { CohortAttempt, CohortPeople, Occasion } from '../../domain/questionnaire/store.js';
import type { Locale } from '../../i18n/i18n.js';

export interface MaturityData {
  q: QuestionnaireFile;
  occasions: Occasion[];
  people: CohortPeople;
  attempts: CohortAttempt[];
}

/** occasion key → dimension → cell */
export type OccasionCells = Map<string, Map<string, Cell>>;

export function formatScore(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
}

/** The cohort's attempts at the questionnaire of every occasion opened so far. */
export async function maturityData(ports: Pick<Ports, 'maturity'>, programId: string, cohortId: string, now: Date): Promise<MaturityData | undefined> {
  const occasions = (await ports.maturity.occasionsOf(programId)).filter((o) => o.opensAt <= now);
  const first = occasions[0];
  if (!first) return undefined;
  const q = loadQuestionnaire(first.questionnaire);
  const people = await ports.maturity.cohortPeople(cohortId);
  const attempts = await ports.maturity.cohortAttempts(cohortId, first.questionnaireKey);
  return { q, occasions, people, attempts };
}

/** Per occasion, the cells of the submitted attempts of these members (threshold applied). */
export function cellsFor(data: MaturityData, members: ReadonlySet<string>): OccasionCells {
  const perOccasion: OccasionCells = new Map();
  for (const occasion of data.occasions) {
    const submitted = data.attempts.filter((a) => a.occasionKey === occasion.key && a.status === 'submitted' && members.has(a.participantId));
    perOccasion.set(
      occasion.key,
      aggregate(
        data.q,
        submitted.map((a) => a.answers),
        data.people.minGroupSize,
      ),
    );
  }
  return perOccasion;
}

/**
 * One scope's latest occasion, dimension by dimension, with the change since the occasion
 * before. Dimensions below the threshold are named together on one line, and a scope with
 * none to show is one line; the threshold itself is said once, under all the scopes.
 */
export function scopeText(session: Pick<Session, 't' | 'locale'>, q: QuestionnaireFile, occasions: Occasion[], scope: string, perOccasion: OccasionCells): string {
  const latest = occasions.at(-1)!;
  const previous = occasions.at(-2);
  const shown: string[] = [];
  const hidden: string[] = [];
  for (const d of q.dimensions) {
    const cell = perOccasion.get(latest.key)?.get(d.key);
    const title = d.title[session.locale];
    if (!cell || cell.mean === null) {
      hidden.push(title);
      continue;
    }
    const shift = previous ? cellChange(perOccasion.get(previous.key)?.get(d.key), cell) : null;
    const change = shift === null ? '' : ` ${session.t('maturity.cohort.change', { change: `${shift >= 0 ? '+' : '−'}${formatScore(Math.abs(shift), session.locale)}` })}`;
    shown.push(`• ${session.t('maturity.cohort.cell', { title, mean: formatScore(cell.mean, session.locale), spread: formatScore(cell.spread ?? 0, session.locale), n: cell.n })}${change}`);
  }
  if (shown.length === 0) {
    const answered = Math.max(0, ...[...(perOccasion.get(latest.key)?.values() ?? [])].map((cell) => cell.n));
    return session.t('maturity.cohort.scope_hidden', { scope, occasion: latest.title, n: answered });
  }
  if (hidden.length > 0) shown.push(`• ${session.t('maturity.cohort.hidden_some', { titles: hidden.join(', ') })}`);
  return `${session.t('maturity.cohort.scope', { scope, occasion: latest.title })}\n${shown.join('\n')}`;
}
