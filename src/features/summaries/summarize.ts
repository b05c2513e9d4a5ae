// Group summaries: planned for every module (scheduled, by default two days before at
// 09:00) and on demand by a facilitator (`sammanfatta` / `summarize` [module]). Both go
// through the outbox, one row per channel on every platform the cohort uses; the message
// itself is built when it is sent (compose.ts).
import type { OutboxStore } from '../../domain/outbox.js';
import { planSummaries } from '../../domain/summaries/plan.js';
import type { SummaryStore } from '../../domain/summaries/store.js';
import { message, text } from '../../ui/model.js';
import type { Context } from '../context.js';
import { channelLabel, moduleNumberOf } from '../wording.js';

/** Plans the scheduled summaries of these programs (or all); returns how many rows were new. */
export async function replanSummaries(stores: { summaries: SummaryStore; outbox: OutboxStore }, programIds: string[] | undefined, now: Date): Promise<number> {
  let planned = 0;
  for (const schedule of await stores.summaries.schedules(programIds)) planned += await stores.outbox.plan(planSummaries(schedule, now));
  return planned;
}

export async function summarize(ctx: Context, args: string): Promise<void> {
  const person = ctx.person!;
  const modules = await ctx.services.summaries.modulesOf(person.programId);
  let module;
  if (args.trim()) {
    const wanted = moduleNumberOf(args);
    if (wanted === undefined) return ctx.reply(message(text(ctx.t('summaries.on_demand.which'))));
    module = modules.find((m) => m.number === wanted);
    if (!module) return ctx.reply(message(text(ctx.t('summaries.on_demand.no_module', { number: wanted }))));
  } else {
    module = modules.find((m) => m.startsAt > ctx.now);
    if (!module) return ctx.reply(message(text(ctx.t('summaries.on_demand.no_upcoming'))));
  }
  const channels = await ctx.services.summaries.channelsOf(person.cohortId);
  if (channels.length === 0) return ctx.reply(message(text(ctx.t('summaries.on_demand.no_channels'))));
  // Keyed by the request: a retried delivery of the same command plans nothing new.
  await ctx.services.outbox.plan(
    channels.map((channel) => ({
      idempotencyKey: `summary:${channel.id}:${module.id}:${ctx.event.eventId}`,
      kind: 'summary' as const,
      cohortId: person.cohortId,
      dueAt: ctx.now,
      payload: { channel: { id: channel.id, platform: channel.platform, channelId: channel.channelId }, moduleId: module.id },
    })),
  );
  await ctx.services.audit.record({ at: ctx.now, actorId: person.participantId, action: 'summary.requested', detail: { module: module.number, channels: channels.length } });
  const names = channels.map((c) => channelLabel(ctx.t, c)).join(', ');
  await ctx.reply(message(text(ctx.t('summaries.on_demand.queued', { number: module.number, count: channels.length, channels: names }))));
  ctx.services.kick?.();
}
