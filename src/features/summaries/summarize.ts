// Group summaries: planned for every module (scheduled, by default two days before at
// 09:00) and on demand by a facilitator (`sammanfatta` / `summarize` [module]). Both go
// through the outbox, one row per channel on every platform the cohort uses; the message
// itself is built when it is sent (compose.ts).
import type { Planner, Turn } from '../../application/feature.js';
import type { Ports } from '../../application/ports.js';
import { refuse, say, type Reply } from '../../application/reply.js';
import { memberOf, type Session } from '../../application/session.js';
import { planSummaries } from '../../domain/summaries/plan.js';
import { channelLabel, moduleNumberOf } from '../shared/wording.js';

export const summaryPlanner: Planner<Pick<Ports, 'summaries' | 'outbox'>> = {
  name: 'summaries',
  async plan(ports, scope, now) {
    // Summaries go to channels, not people: someone joining changes none of them.
    if (scope.participantIds) return { planned: 0, cancelled: 0 };
    let planned = 0;
    for (const schedule of await ports.summaries.schedules(scope.programIds)) planned += await ports.outbox.plan(planSummaries(schedule, now));
    return { planned, cancelled: 0 };
  },
};

export async function summarize(session: Session, ports: Pick<Ports, 'summaries' | 'outbox' | 'audit'>, args: string, turn: Turn): Promise<Reply> {
  const person = memberOf(session);
  const modules = await ports.summaries.modulesOf(person.programId);
  let module;
  if (args.trim()) {
    const wanted = moduleNumberOf(session.translator, args);
    if (wanted === undefined) return refuse(session, 'summaries.on_demand.which');
    module = modules.find((m) => m.number === wanted);
    if (!module) return refuse(session, 'summaries.on_demand.no_module', { number: wanted });
  } else {
    module = modules.find((m) => m.startsAt > session.now);
    if (!module) return refuse(session, 'summaries.on_demand.no_upcoming');
  }
  const channels = await ports.summaries.channelsOf(person.cohortId);
  if (channels.length === 0) return refuse(session, 'summaries.on_demand.no_channels');
  const moduleId = module.id;
  // Keyed by the request: a retried delivery of the same command plans nothing new.
  await ports.outbox.plan(
    channels.map((channel) => ({
      idempotencyKey: `summary:${channel.id}:${moduleId}:${turn.eventId}`,
      kind: 'summary' as const,
      cohortId: person.cohortId,
      dueAt: session.now,
      payload: { channel: { id: channel.id, platform: channel.platform, channelId: channel.channelId }, moduleId },
    })),
  );
  await ports.audit.record({ at: session.now, actorId: person.participantId, action: 'summary.requested', detail: { module: module.number, channels: channels.length } });
  const names = channels.map((c) => channelLabel(session, c)).join(', ');
  return { ...say(session, 'summaries.on_demand.queued', { number: module.number, count: channels.length, channels: names }), wakeOutbox: true };
}
