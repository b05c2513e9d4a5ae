// The facilitators' view of the test: who has finished each occasion (never their answers)
// and, per dimension, the cohort's and each group's mean, spread and change between
// occasions — only where at least `minGroupSize` answered. `mognadsresultat` shows it,
// `mognadsexport` gives it as CSV; both are use cases that return data.
import type { Ports } from '../../application/ports.js';
import { memberOf, type Session } from '../../application/session.js';
import { useCase } from '../../application/use-case.js';
import { cellChange } from '../../domain/questionnaire/aggregate.js';
import { header, message, text, type Block, type Message } from '../../ui/model.js';
import type { CsvRow } from '../shared/csv.js';
import { storeCsv, type ExportLink } from '../shared/exports.js';
import { cellsFor, maturityData, scopeText, type MaturityData, type OccasionCells } from '../shared/maturity-figures.js';

export interface CohortFigures extends MaturityData {
  /** scope name (the cohort, then each group) → its cells */
  cells: Map<string, OccasionCells>;
}

export const cohortFigures = useCase('view_cohort', async (session, ports: Pick<Ports, 'maturity'>, _input: void): Promise<CohortFigures | undefined> => {
  const person = memberOf(session);
  const data = await maturityData(ports, person.programId, person.cohortId, session.now);
  if (!data) return undefined;
  const scopes = [
    { name: session.t('maturity.cohort.whole', { cohort: person.cohortName }), members: new Set(data.people.participants.map((p) => p.id)) },
    ...data.people.groups.map((g) => ({ name: g.name, members: new Set(g.memberIds) })),
  ];
  return { ...data, cells: new Map(scopes.map((scope) => [scope.name, cellsFor(data, scope.members)] as const)) };
});

export const maturityExport = useCase(
  'export_cohort',
  async (session, ports: Pick<Ports, 'maturity' | 'exports' | 'audit' | 'links'>, _input: void): Promise<(ExportLink & { minGroupSize: number }) | undefined> => {
    const figures = await cohortFigures.run(session, ports, undefined);
    if (!figures) return undefined;
    const { q, occasions } = figures;
    const rows: CsvRow[] = [];
    for (const [scope, perOccasion] of figures.cells) {
      occasions.forEach((occasion, i) => {
        const previous = occasions[i - 1];
        for (const d of q.dimensions) {
          const cell = perOccasion.get(occasion.key)?.get(d.key);
          const change = previous ? cellChange(perOccasion.get(previous.key)?.get(d.key), cell) : null;
          rows.push([scope, occasion.title, d.title[session.locale], cell?.n ?? 0, cell?.mean ?? null, cell?.spread ?? null, change]);
        }
      });
    }
    const columns = ['scope', 'occasion', 'dimension', 'n', 'mean', 'spread', 'change'];
    return { ...(await storeCsv(session, ports, 'maturity', 'mognadstest', columns, rows)), minGroupSize: figures.people.minGroupSize };
  },
);

/** Who has submitted, started or not started one occasion's test (names only, never answers). */
export function completionOf({ people, attempts }: Pick<MaturityData, 'people' | 'attempts'>, occasionKey: string): { done: string[]; started: string[]; notStarted: string[] } {
  const statusOf = (id: string) => attempts.find((a) => a.participantId === id && a.occasionKey === occasionKey)?.status;
  return {
    done: people.participants.filter((p) => statusOf(p.id) === 'submitted').map((p) => p.name),
    started: people.participants.filter((p) => statusOf(p.id) && statusOf(p.id) !== 'submitted').map((p) => p.name),
    notStarted: people.participants.filter((p) => !statusOf(p.id)).map((p) => p.name),
  };
}

export function cohortFiguresMessage(session: Session, figures: CohortFigures): Message {
  const { q, occasions, people } = figures;
  const blocks: Block[] = [header(session.t('maturity.cohort.title', { cohort: memberOf(session).cohortName }))];
  for (const occasion of occasions) {
    const { done, started, notStarted } = completionOf(figures, occasion.key);
    const lines = [session.t('maturity.cohort.completion', { occasion: occasion.title, done: done.length, total: people.participants.length })];
    if (done.length) lines.push(session.t('maturity.cohort.done', { names: done.join(', ') }));
    if (started.length) lines.push(session.t('maturity.cohort.started', { names: started.join(', ') }));
    if (notStarted.length) lines.push(session.t('maturity.cohort.not_started', { names: notStarted.join(', ') }));
    blocks.push(text(lines.join('\n')));
  }
  for (const [scope, perOccasion] of figures.cells) blocks.push(text(scopeText(session, q, occasions, scope, perOccasion)));
  blocks.push(text(session.t('maturity.cohort.threshold', { min: people.minGroupSize }), 'muted'));
  return message(...blocks);
}

export function exportMessage(session: Session, link: ExportLink & { minGroupSize: number }): Message {
  return message(
    header(session.t('maturity.export.title')),
    { type: 'links', links: [{ label: link.filename, url: link.url }] },
    text(session.t('maturity.export.note', { hours: link.hours, min: link.minGroupSize }), 'muted'),
  );
}
