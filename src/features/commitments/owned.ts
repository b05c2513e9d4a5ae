// The commitment a button or form names, if it still exists and is the person's own:
// anyone else's click, or one on a withdrawn commitment, is explained and changes nothing.
import type { CommitmentWithHistory } from '../../domain/commitments/store.js';
import { message, text } from '../../ui/model.js';
import type { Context } from '../context.js';

export async function ownCommitment(ctx: Context, id: string): Promise<CommitmentWithHistory | undefined> {
  const c = await ctx.services.commitments.byId(id);
  if (!c || c.status === 'withdrawn') {
    await ctx.reply(message(text(ctx.t('commitments.problem.gone'))));
    return undefined;
  }
  if (c.participantId !== ctx.person?.participantId) {
    await ctx.reply(message(text(ctx.t('commitments.problem.not_yours'))));
    return undefined;
  }
  return c;
}
