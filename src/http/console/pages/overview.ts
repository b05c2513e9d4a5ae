// The cohort at a glance: the next deadlines (each with "remind everyone not done"), who
// cannot be reached and who has never connected, and one row per person, one column per
// preparation, module by module — filtered by module, group, team and state with a plain
// GET form, so it works without script. Every figure comes from the use cases chat uses.
import type { Request, Response } from 'express';
import { z } from 'zod';
import { perform } from '../../../application/use-case.js';
import type { Session } from '../../../application/session.js';
import { can } from '../../../domain/roles.js';
import { cohortOverview, STATE_FILTERS, type OverviewFilter } from '../../../features/reminders/overview.js';
import { cohortReachability } from '../../../features/reminders/reach.js';
import { remindNotDone, type RemindAllResult } from '../../../features/reminders/remind-all.js';
import { day, reasonText } from '../../../features/shared/wording.js';
import { textsOf, type ConsoleContext, type ConsolePage } from '../context.js';

/** The query as the filter form sends it: an empty field means "all". Anything else is refused. */
const filterQuery = z
  .object({
    module: z.union([z.literal(''), z.string().regex(/^\d{1,2}$/)]).optional(),
    group: z.string().max(100).optional(),
    team: z.string().max(100).optional(),
    state: z.union([z.literal(''), z.enum(STATE_FILTERS)]).optional(),
  })
  .strip();

const remindForm = z.object({ preparation: z.string().min(1).max(100) });

/** The filter the query asks for, or undefined when it cannot be read. */
export function parseFilter(query: unknown): OverviewFilter | undefined {
  const parsed = filterQuery.safeParse(query);
  if (!parsed.success) return undefined;
  const { module, group, team, state } = parsed.data;
  return { module: module ? Number(module) : undefined, group: group || undefined, team: team || undefined, state: state || 'all' };
}

/** What one click on "remind" did, in words: how many are on their way, and why the others got none. */
function remindedLines(tt: ReturnType<typeof overviewTexts>, r: RemindAllResult & { found: true }): string[] {
  const already = r.notDone - r.queued - r.snoozed - r.paused;
  if (r.notDone === 0) return [tt('reminded_nobody', { title: r.title })];
  const lines = [r.queued > 0 ? tt('reminded', { count: r.queued, title: r.title }) : tt('reminded_none', { title: r.title })];
  if (already > 0) lines.push(tt('reminded_some_already', { count: already }));
  if (r.snoozed > 0) lines.push(tt('reminded_snoozed', { count: r.snoozed }));
  if (r.paused > 0) lines.push(tt('reminded_paused', { count: r.paused }));
  return lines;
}

/** Texts of this page: console_overview.<key>. */
export const overviewTexts = (s: Session) => textsOf(s, 'console_overview');

async function render(
  ctx: ConsoleContext,
  req: Request,
  res: Response,
  s: Session,
  status: number,
  filter: OverviewFilter,
  extra: { error?: string; reminded?: RemindAllResult & { found: true } } = {},
): Promise<void> {
  const overview = await perform(cohortOverview, s, ctx.ports, filter);
  const reach = await perform(cohortReachability, s, ctx.ports, undefined);
  const tt = overviewTexts(s);
  const error = extra.error ?? (overview.unknown.length > 0 ? 'unknown_filter' : undefined);
  ctx.page(req, res, error && status === 200 ? 400 : status, 'overview', s, {
    ...overview,
    reach,
    filter,
    filtered: filter.module !== undefined || filter.group !== undefined || filter.team !== undefined || filter.state !== 'all',
    canRemind: can(s.roles, 'remind_cohort'),
    error,
    reminded: extra.reminded && remindedLines(tt, extra.reminded),
    tt,
    dueOf: (date: Date) => day(s, date),
    platformName: (platform: string) => s.t(`common.platforms.${platform}`),
    reasonOf: (reason: string) => reasonText(s, reason),
  });
}

export const overviewPage: ConsolePage = {
  nav: { href: '/console', label: 'console.page.nav_overview', capability: 'view_cohort' },
  mount(ctx) {
    const { router, ports, signedIn } = ctx;
    router.get('/console', async (req, res) => {
      const s = await signedIn(req, res, 'view_cohort');
      if (!s) return;
      const filter = parseFilter(req.query);
      if (!filter) return render(ctx, req, res, s, 400, { state: 'all' }, { error: 'unknown_filter' });
      await render(ctx, req, res, s, 200, filter);
    });

    // One click reminds everyone not done; the answer is the overview with what happened.
    router.post('/console/remind', ctx.csrf, async (req, res) => {
      const s = await signedIn(req, res, 'remind_cohort');
      if (!s) return;
      const form = remindForm.safeParse(req.body);
      if (!form.success) return render(ctx, req, res, s, 400, { state: 'all' }, { error: 'no_preparation' });
      const result = await perform(remindNotDone, s, ports, { preparationId: form.data.preparation });
      if (!result.found) return render(ctx, req, res, s, 422, { state: 'all' }, { error: 'no_preparation' });
      await render(ctx, req, res, s, 200, { state: 'all' }, { reminded: result });
    });
  },
};
