// A team lead's page: their own team's grid and its stop-doing decisions, from the same use
// case behind `mitt team` (view_team). Nothing else of the cohort: the overview and every
// other page ask for capabilities a team lead does not hold.
import { perform } from '../../../application/use-case.js';
import { teamOverview } from '../../../features/commitments/team-page.js';
import { day } from '../../../features/shared/wording.js';
import type { ConsolePage } from '../context.js';
import { overviewTexts } from './overview.js';

export const teamPage: ConsolePage = {
  nav: { href: '/console/team', label: 'console_overview.nav_team', capability: 'view_team' },
  mount({ router, ports, signedIn, page }) {
    router.get('/console/team', async (req, res) => {
      const s = await signedIn(req, res, 'view_team');
      if (!s) return;
      const teams = await perform(teamOverview, s, ports, undefined);
      // The chat view's lines start with a bullet; here each is an item of a list.
      const shown = teams.map((team) => ({ ...team, commitments: team.commitments.map((line) => line.replace(/^•\s*/, '')) }));
      page(req, res, 200, 'team', s, { teams: shown, tt: overviewTexts(s), dueOf: (date: Date) => day(s, date) });
    });
  },
};
