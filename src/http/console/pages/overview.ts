// The cohort at a glance: one row per person, one column per preparation, module by module.
import { perform } from '../../../application/use-case.js';
import { cohortProgress } from '../../../features/reminders/progress.js';
import { day } from '../../../features/shared/wording.js';
import { handled, type ConsolePage } from '../context.js';

type Cell = 'done' | 'late' | 'not_yet';

function grid(progress: Awaited<ReturnType<typeof cohortProgress.run>>, now: Date) {
  const modules = progress.modules.map((m) => ({ number: m.number, title: m.title, preparations: m.preparations }));
  const people = [...new Set(modules.flatMap((m) => m.preparations.flatMap((p) => [...p.done, ...p.notDone])))].sort((a, b) => a.localeCompare(b, 'sv'));
  const rows = people.map((name) => ({
    name,
    cells: modules.flatMap((m) => m.preparations.map((p): Cell => (p.done.includes(name) ? 'done' : p.dueAt <= now ? 'late' : 'not_yet'))),
  }));
  return { modules, rows };
}

export const overviewPage: ConsolePage = {
  nav: { href: '/console', label: 'console.page.nav_overview', capability: 'view_cohort' },
  mount({ router, ports, signedIn, page }) {
    router.get(
      '/console',
      handled(async (req, res) => {
        const s = await signedIn(req, res, 'view_cohort');
        if (!s) return;
        const progress = await perform(cohortProgress, s, ports, undefined);
        page(req, res, 200, 'overview', s, { ...grid(progress, s.now), dueOf: (date: Date) => day(s, date) });
      }),
    );
  },
};
