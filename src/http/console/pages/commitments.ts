// The stop-doing commitments for facilitators (issue 17.3): the roll-up `åtaganden` gives in
// chat — by module with the count in each status, the hours a week freed, and by suggestion —
// as tables. The figures are the use case's (commitmentRollup): it names nobody and quotes no
// one's own words, so neither does this page.
import type { Session } from '../../../application/session.js';
import { perform } from '../../../application/use-case.js';
import { COMMITMENT_STATUSES, type CommitmentStatus } from '../../../domain/commitments/commitment.js';
import { commitmentRollup, type CommitmentRollup } from '../../../features/commitments/rollup.js';
import { hoursText } from '../../../features/shared/commitment-lines.js';
import { textsOf, type ConsolePage } from '../context.js';

function view(s: Session, rollup: CommitmentRollup) {
  // Only the statuses some decision is in get a column: six mostly empty columns would not fit a phone.
  const used = COMMITMENT_STATUSES.filter((status) => rollup.byModule.some((m) => m.statuses.some(([st, n]) => st === status && n > 0)));
  const countIn = (statuses: [CommitmentStatus, number][], status: CommitmentStatus) => statuses.find(([st]) => st === status)?.[1] ?? 0;
  const modules = [...rollup.byModule]
    .sort((a, b) => (a.moduleNumber ?? Infinity) - (b.moduleNumber ?? Infinity))
    .map((m) => ({
      label: m.moduleNumber === null ? s.t('console_insights.no_module') : s.t('console_insights.module', { number: m.moduleNumber }),
      count: m.count,
      cells: used.map((status) => countIn(m.statuses, status)),
    }));
  return {
    statuses: used.map((status) => s.t(`commitments.status.${status}`)),
    modules,
    totals: used.map((status) => rollup.byModule.reduce((sum, m) => sum + countIn(m.statuses, status), 0)),
    total: rollup.total,
    hours: s.t('commitments.rollup.hours', { hours: hoursText(s, rollup.hoursFreedPerWeek) }),
    suggestions: rollup.bySuggestion.map((x) => ({ label: x.suggestion ?? s.t('commitments.rollup.own_words'), count: x.count })),
  };
}

export const commitmentsPage: ConsolePage = {
  nav: { href: '/console/commitments', label: 'console_insights.nav_commitments', capability: 'view_cohort' },
  mount({ router, ports, signedIn, page }) {
    router.get('/console/commitments', async (req, res) => {
      const s = await signedIn(req, res, 'view_cohort');
      if (!s) return;
      const rollup = await perform(commitmentRollup, s, ports, undefined);
      const tt = textsOf(s, 'console_insights');
      page(req, res, 200, 'commitments', s, {
        tt,
        title: s.t('commitments.rollup.title', { cohort: s.person?.cohortName ?? '' }),
        none: rollup.total === 0 ? s.t('commitments.rollup.none') : undefined,
        privacy: s.t('commitments.rollup.privacy'),
        ...view(s, rollup),
      });
    });
  },
};
