// The delivery report: how many got the broadcast, and who did not — unreachable (the
// person or channel cannot be reached until someone acts) or failed — with the reason in
// words. Sent to the facilitator once, when every row is settled; also shown on request
// (`utskick rapport`), while sending is still in progress. The use case returns the
// figures; the chat view draws them.
import type { Ports } from '../../application/ports.js';
import { memberOf, sessionFor, type Session } from '../../application/session.js';
import { useCase } from '../../application/use-case.js';
import type { Broadcast, Delivery } from '../../domain/broadcasts/store.js';
import { LOSES_THE_PERSON, type DeliveryReason } from '../../domain/outbox.js';
import { header, message, text, type Block, type Message } from '../../ui/model.js';
import { channelLabel, reasonText } from '../shared/wording.js';

/** A person who cannot be reached until someone acts, or is on no platform kohort runs on; a channel's refusal is a failure. */
const unreachablePerson = (d: Delivery) => d.participantId !== null && (d.reason === 'no_platform' || LOSES_THE_PERSON.has(d.reason as DeliveryReason));

export interface DeliveryReport {
  moduleNumber: number | undefined;
  total: number;
  sent: number;
  pending: number;
  unreachable: Delivery[];
  failed: Delivery[];
  notSent: Delivery[];
}

export type ReportPorts = Pick<Ports, 'broadcasts' | 'reminders'>;

export async function reportOf(ports: ReportPorts, broadcast: Broadcast): Promise<DeliveryReport> {
  const deliveries = await ports.broadcasts.deliveries(broadcast.id);
  const module = broadcast.moduleId ? await ports.reminders.module(broadcast.moduleId) : undefined;
  const failed = deliveries.filter((d) => d.status === 'failed');
  const unreachable = failed.filter(unreachablePerson);
  return {
    moduleNumber: module?.number,
    total: deliveries.length,
    sent: deliveries.filter((d) => d.status === 'sent').length,
    pending: deliveries.filter((d) => d.status === 'pending' || d.status === 'claimed').length,
    unreachable,
    failed: failed.filter((d) => !unreachable.includes(d)),
    notSent: deliveries.filter((d) => d.status === 'skipped' || d.status === 'cancelled'),
  };
}

/** The report of the cohort's latest broadcast that has gone out (not one scheduled for later), or undefined when none has. */
export const latestReport = useCase('broadcast', async (session, ports: ReportPorts, _input: void): Promise<DeliveryReport | undefined> => {
  const latest = await ports.broadcasts.latestSent(memberOf(session).cohortId, session.now);
  return latest ? reportOf(ports, latest) : undefined;
});

export function reportMessage(session: Session, report: DeliveryReport): Message {
  const what = report.moduleNumber !== undefined ? session.t('broadcasts.report.what_module', { number: report.moduleNumber }) : session.t('broadcasts.report.what_text');
  const who = (d: Delivery) => d.name ?? (d.channel ? channelLabel(session, d.channel) : '?');
  const lines = (list: Delivery[]) =>
    list.map((d) => session.t('broadcasts.report.line', { who: who(d), reason: reasonText(session, d.reason ?? 'unknown', d.channel ? 'channel' : 'person') })).join('\n');
  const blocks: Block[] = [header(session.t('broadcasts.report.title', { what })), text(session.t('broadcasts.report.delivered', { sent: report.sent, total: report.total }))];
  if (report.pending > 0) blocks.push(text(session.t('broadcasts.report.pending', { count: report.pending })));
  if (report.unreachable.length > 0) blocks.push(text(`${session.t('broadcasts.report.unreachable', { count: report.unreachable.length })}\n${lines(report.unreachable)}`));
  if (report.failed.length > 0) blocks.push(text(`${session.t('broadcasts.report.failed', { count: report.failed.length })}\n${lines(report.failed)}`));
  if (report.notSent.length > 0) blocks.push(text(`${session.t('broadcasts.report.not_sent', { count: report.notSent.length })}\n${lines(report.notSent)}`));
  return message(...blocks);
}

type SettlePorts = ReportPorts & Pick<Ports, 'people' | 'delivery' | 'translator' | 'logger'>;

/** After rows settled: a broadcast with none left to send gets its report sent to the facilitator, once. */
export async function reportWhenDone(ports: SettlePorts, broadcastId: string, now: Date): Promise<void> {
  if ((await ports.broadcasts.unsettled(broadcastId)) > 0) return;
  const broadcast = await ports.broadcasts.byId(broadcastId);
  if (!broadcast || !(await ports.broadcasts.markReported(broadcastId, now))) return;
  const facilitator = broadcast.createdById ? await ports.people.findById(broadcast.createdById) : undefined;
  if (!facilitator) return;
  const report = reportMessage(sessionFor(facilitator, ports.translator, now), await reportOf(ports, broadcast));
  const outcome = await ports.delivery.toParticipant(facilitator.participantId, report);
  if (!outcome.delivered) ports.logger.warn({ reason: outcome.reason }, 'broadcast report not delivered to the facilitator');
}
