// The delivery report: how many got the broadcast, and who did not — unreachable (the
// platform says the person or channel cannot be reached until someone acts) or failed —
// with the reason in words. Sent to the facilitator once, when every row is settled; also
// shown on request (`utskick rapport`), while sending is still in progress.
import type { Broadcast, Delivery } from '../../domain/broadcasts/store.js';
import type { Locale } from '../../i18n/i18n.js';
import { header, message, text, type Block, type Message } from '../../ui/model.js';
import type { Services } from '../context.js';
import { channelLabel } from '../wording.js';
import { deliverToParticipant, UNREACHABLE_REASONS } from '../reach.js';
import { reasonText } from '../reminders/sections.js';

export async function deliveryReport(services: Services, broadcast: Broadcast, locale: Locale): Promise<Message> {
  const t = (key: string, params?: Record<string, string | number>) => services.translator.t(locale, key, params);
  const lang = { t, services };
  const deliveries = await services.broadcasts.deliveries(broadcast.id);
  const module = broadcast.moduleId ? await services.reminders.module(broadcast.moduleId) : undefined;
  const what = module ? t('broadcasts.report.what_module', { number: module.number }) : t('broadcasts.report.what_text');
  const who = (d: Delivery) => d.name ?? (d.channel ? channelLabel(t, d.channel) : '?');
  const lines = (list: Delivery[]) => list.map((d) => t('broadcasts.report.line', { who: who(d), reason: reasonText(lang, d.reason ?? 'unknown') })).join('\n');

  const sent = deliveries.filter((d) => d.status === 'sent');
  const pending = deliveries.filter((d) => d.status === 'pending' || d.status === 'claimed');
  const failed = deliveries.filter((d) => d.status === 'failed');
  const unreachable = failed.filter((d) => UNREACHABLE_REASONS.has(d.reason ?? '') || d.reason === 'no_platform');
  const otherFailures = failed.filter((d) => !unreachable.includes(d));
  const notSent = deliveries.filter((d) => d.status === 'skipped' || d.status === 'cancelled');

  const blocks: Block[] = [header(t('broadcasts.report.title', { what })), text(t('broadcasts.report.delivered', { sent: sent.length, total: deliveries.length }))];
  if (pending.length > 0) blocks.push(text(t('broadcasts.report.pending', { count: pending.length })));
  if (unreachable.length > 0) blocks.push(text(`${t('broadcasts.report.unreachable', { count: unreachable.length })}\n${lines(unreachable)}`));
  if (otherFailures.length > 0) blocks.push(text(`${t('broadcasts.report.failed', { count: otherFailures.length })}\n${lines(otherFailures)}`));
  if (notSent.length > 0) blocks.push(text(`${t('broadcasts.report.not_sent', { count: notSent.length })}\n${lines(notSent)}`));
  return message(...blocks);
}

/** After one of its rows settled: when none is left to send, the facilitator gets the report, once. */
export async function reportWhenDone(services: Services, broadcastId: string): Promise<void> {
  if ((await services.broadcasts.unsettled(broadcastId)) > 0) return;
  const broadcast = await services.broadcasts.byId(broadcastId);
  if (!broadcast || !(await services.broadcasts.markReported(broadcastId, services.clock.now()))) return;
  const facilitator = await services.people.findById(broadcast.createdById);
  if (!facilitator) return;
  const report = await deliveryReport(services, broadcast, facilitator.locale ?? facilitator.programLocale);
  const outcome = await deliverToParticipant(services, facilitator.participantId, report);
  if (!outcome.delivered) services.logger.warn({ reason: outcome.reason }, 'broadcast report not delivered to the facilitator');
}
