// The maturity test for facilitators (issue 17.3): per occasion, who has taken it, and the
// cohort's and each group's mean, spread and number answered per dimension — as the chart
// chat already draws and as a table with the same figures. Every figure comes from the
// use case behind `mognadsresultat` (cohortFigures), so the threshold is applied once, there:
// a scope with too few answers gets no figure, no table row and no chart, here or at the
// chart's own address.
import type { Request, Response } from 'express';
import type { Session } from '../../../application/session.js';
import { perform } from '../../../application/use-case.js';
import type { Cell } from '../../../domain/questionnaire/aggregate.js';
import { cellChange } from '../../../domain/questionnaire/aggregate.js';
import { cohortFigures, completionOf, type CohortFigures } from '../../../features/maturity/cohort.js';
import { formatScore } from '../../../features/shared/maturity-figures.js';
import { chartPng, type Chart } from '../../../ui/chart.js';
import { textsOf, type ConsolePage } from '../context.js';

/** The questionnaire's scale has five steps (schema.ts): the chart's axis runs 0–5. */
const SCALE_MAX = 5;

interface Row {
  dimension: string;
  mean: string;
  spread: string;
  n: number;
  change?: string;
}

interface ScopeView {
  name: string;
  /** Undefined when nothing of this scope may be shown at this occasion. */
  shown?: { rows: Row[]; hidden?: string; chart: string; alt: string; caption: string };
  answered: number;
}

const signed = (value: number, s: Session) => `${value >= 0 ? '+' : '−'}${formatScore(Math.abs(value), s.locale)}`;

/** The scopes in the use case's order: the whole cohort first, then each group. */
const scopesOf = (figures: CohortFigures) => [...figures.cells];

/** A scope is shown at an occasion when at least one of its dimensions reached the threshold. */
function shownCells(figures: CohortFigures, scopeIndex: number, occasionKey: string): Map<string, Cell> | undefined {
  const cells = scopesOf(figures)[scopeIndex]?.[1].get(occasionKey);
  return cells && [...cells.values()].some((c) => c.mean !== null) ? cells : undefined;
}

/** The dimensions shown at this scope and occasion, with their cells; the rest stay out of chart and table. */
function shownDimensions(s: Session, figures: CohortFigures, cells: Map<string, Cell>) {
  return figures.q.dimensions.flatMap((d) => {
    const cell = cells.get(d.key);
    return cell && cell.mean !== null ? [{ key: d.key, title: d.title[s.locale], cell, mean: cell.mean }] : [];
  });
}

function chartOf(s: Session, figures: CohortFigures, scope: string, occasionTitle: string, cells: Map<string, Cell>): Chart {
  return {
    type: 'chart',
    title: `${scope} – ${occasionTitle}`,
    bars: shownDimensions(s, figures, cells).map((d) => ({ label: d.title, value: d.mean, max: SCALE_MAX, display: formatScore(d.mean, s.locale) })),
  };
}

function view(s: Session, figures: CohortFigures) {
  const { q, occasions, people } = figures;
  const total = people.participants.length;
  return occasions.map((occasion, o) => {
    const previous = occasions[o - 1];
    const completion = completionOf(figures, occasion.key);
    const scopes = scopesOf(figures).map(([name, perOccasion], index): ScopeView => {
      const answered = Math.max(0, ...[...(perOccasion.get(occasion.key)?.values() ?? [])].map((c) => c.n));
      const cells = shownCells(figures, index, occasion.key);
      if (!cells) return { name, answered };
      const rows = shownDimensions(s, figures, cells).map(({ key, title, cell, mean }): Row => {
        const change = previous ? cellChange(perOccasion.get(previous.key)?.get(key), cell) : null;
        return { dimension: title, mean: formatScore(mean, s.locale), spread: formatScore(cell.spread ?? 0, s.locale), n: cell.n, change: change === null ? undefined : signed(change, s) };
      });
      // Dimensions below the threshold are named together, without a figure, as in chat.
      const hidden = q.dimensions.filter((d) => cells.get(d.key)?.mean == null).map((d) => d.title[s.locale]);
      const params = { scope: name, occasion: occasion.title };
      return {
        name,
        answered,
        shown: {
          rows,
          hidden: hidden.length > 0 ? s.t('maturity.cohort.hidden_some', { titles: hidden.join(', ') }) : undefined,
          chart: `/console/maturity/${encodeURIComponent(occasion.key)}/${index}/chart.png`,
          alt: s.t('console_insights.chart_alt', params),
          caption: s.t('console_insights.table_caption', params),
        },
      };
    });
    return {
      key: occasion.key,
      title: occasion.title,
      previous: previous?.title,
      completion: s.t('maturity.cohort.completion', { occasion: occasion.title, done: completion.done.length, total }),
      lists: [
        completion.done.length ? s.t('maturity.cohort.done', { names: completion.done.join(', ') }) : undefined,
        completion.started.length ? s.t('maturity.cohort.started', { names: completion.started.join(', ') }) : undefined,
        completion.notStarted.length ? s.t('maturity.cohort.not_started', { names: completion.notStarted.join(', ') }) : undefined,
      ].filter((line): line is string => line !== undefined),
      scopes,
    };
  });
}

export const maturityPage: ConsolePage = {
  nav: { href: '/console/maturity', label: 'console_insights.nav_maturity', capability: 'view_cohort' },
  mount({ router, ports, signedIn, page }) {
    router.get('/console/maturity', async (req, res) => {
      const s = await signedIn(req, res, 'view_cohort');
      if (!s) return;
      const figures = await perform(cohortFigures, s, ports, undefined);
      const tt = textsOf(s, 'console_insights');
      page(req, res, 200, 'maturity', s, {
        tt,
        occasions: figures ? view(s, figures) : [],
        noneOpen: figures ? undefined : s.t('maturity.cohort.none_open'),
        threshold: figures ? s.t('maturity.cohort.threshold', { min: figures.people.minGroupSize }) : undefined,
        min: figures?.people.minGroupSize,
      });
    });

    // The chart as a picture, for the <img> on the page: the same session check and the same
    // use case, so it is nobody's but the facilitator's and never drawn below the threshold.
    router.get('/console/maturity/:occasion/:scope/chart.png', async (req: Request, res: Response) => {
      const s = await signedIn(req, res, 'view_cohort');
      if (!s) return;
      const figures = await perform(cohortFigures, s, ports, undefined);
      const occasion = figures?.occasions.find((o) => o.key === req.params.occasion);
      const index = /^\d{1,3}$/.test(String(req.params.scope)) ? Number(req.params.scope) : -1;
      const cells = figures && occasion ? shownCells(figures, index, occasion.key) : undefined;
      res.setHeader('cache-control', 'private, no-store');
      if (!figures || !occasion || !cells) return void res.status(404).type('text').send(s.t('console_insights.no_chart'));
      res.type('png').send(chartPng(chartOf(s, figures, scopesOf(figures)[index]![0], occasion.title, cells)));
    });
  },
};
