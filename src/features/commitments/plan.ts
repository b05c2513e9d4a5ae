// Follow-ups of a commitment through the outbox: before the module it is followed up at,
// five days before and — if there is still no answer — once more two days before (the
// DEFAULT_FOLLOW_UP ladder, moved off weekends and quiet hours like reminders). Keys name the
// commitment, module and step.
import type { Ports } from '../../application/ports.js';
import { DEFAULT_FOLLOW_UP } from '../../domain/commitments/commitment.js';
import type { Commitment } from '../../domain/commitments/store.js';
import { reminderTimes, type LadderStep } from '../../domain/reminders/ladder.js';

export const followUpPrefix = (commitmentId: string) => `followup:${commitmentId}:`;

export async function planFollowUps(ports: Pick<Ports, 'outbox' | 'reminders'>, c: Commitment, now: Date, ladder: LadderStep[] = DEFAULT_FOLLOW_UP): Promise<void> {
  await ports.outbox.cancelByPrefix(followUpPrefix(c.id), 'replanned');
  if (!c.moduleId || c.status === 'withdrawn' || c.status === 'done' || c.status === 'dropped') return;
  const mod = await ports.reminders.module(c.moduleId);
  const settings = await ports.reminders.settingsOf(c.participantId);
  if (!mod || !settings) return;
  const steps = reminderTimes(mod.startsAt, settings.zone, { ...settings.policy, ladder }).filter((s) => s.at > now);
  const windowStart = steps[0]?.at ?? now;
  await ports.outbox.plan(
    steps.map((s, i) => ({
      idempotencyKey: `${followUpPrefix(c.id)}${mod.id}:${s.step}`,
      kind: 'follow_up' as const,
      cohortId: c.cohortId,
      participantId: c.participantId,
      dueAt: s.at,
      payload: { commitmentId: c.id, nudge: i > 0, windowStart: windowStart.toISOString() },
    })),
  );
}
