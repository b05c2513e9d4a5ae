// `uppföljning` / `progress` (facilitators): per preparation, how many are done and who is
// not yet, plus the messages kohort gave up delivering, with the platform's reason.
import { header, message } from '../../ui/model.js';
import type { Context } from '../context.js';
import { cohortProgressSection } from './sections.js';

export async function progress(ctx: Context): Promise<void> {
  await ctx.reply(message(header(ctx.t('reminders.progress.title', { cohort: ctx.person?.cohortName ?? '' })), ...(await cohortProgressSection(ctx))));
}
