// Broadcasts from a form rather than a conversation (the web console): what can be sent to
// whom, the preview, sending now or at a later time, and the history with each delivery
// report. Every step reuses the chat flow's rules — the same text limits, the same message
// (broadcastMessage), the same audiences and the one way a draft is sent (sendDraft) — so a
// broadcast from the console is indistinguishable from one typed in chat.
import { DateTime } from 'luxon';
import { memberOf, type Session } from '../../application/session.js';
import { useCase } from '../../application/use-case.js';
import type { BroadcastAudience } from '../../domain/broadcasts/store.js';
import type { Message } from '../../ui/model.js';
import { broadcastMessage } from './content.js';
import { checkedText, sendDraft, type FlowPorts, type Problem } from './flow.js';
import { reportOf, type DeliveryReport } from './report.js';

export type ManagePorts = FlowPorts;

/** What a broadcast says: a module's preparations (by its number) or the facilitator's words. */
export type BroadcastContent = { kind: 'module'; module: number } | { kind: 'text'; text: string };

/** `all`, `channels` or `group:<id>`, as the chat's audience buttons. */
export type AudienceValue = string;

export interface AudienceOption {
  value: AudienceValue;
  kind: BroadcastAudience;
  /** The group's name, for a group. */
  name?: string;
  /** People (direct messages) or channels it reaches. */
  count: number;
}

/** A problem tied to the form field it is about. */
export type FieldProblem = Problem & { field: 'content' | 'module' | 'text' | 'audience' | 'when' | 'history' };
type Checked<T> = { ok: true; value: T } | { ok: false; problem: FieldProblem };

/** The modules to choose from (upcoming first) and the audiences, each with its size. */
export const broadcastChoices = useCase('broadcast', async (session, ports: ManagePorts, _input: void) => {
  const person = memberOf(session);
  const modules = await ports.summaries.modulesOf(person.programId, session.locale);
  const upcoming = modules.filter((m) => m.startsAt > session.now);
  return { modules: (upcoming.length > 0 ? upcoming : modules).map((m) => ({ number: m.number, title: m.title })), audiences: await audienceOptions(ports, person.cohortId) };
});

async function audienceOptions(ports: ManagePorts, cohortId: string): Promise<AudienceOption[]> {
  const everyone = await ports.broadcasts.recipients(cohortId, null);
  const channels = await ports.summaries.channelsOf(cohortId);
  const groups = await ports.broadcasts.groups(cohortId);
  return [
    { value: 'all', kind: 'all', count: everyone.length },
    ...(channels.length > 0 ? [{ value: 'channels', kind: 'channels' as const, count: channels.length }] : []),
    ...groups.filter((g) => g.size > 0).map((g) => ({ value: `group:${g.id}`, kind: 'group' as const, name: g.name, count: g.size })),
  ];
}

/** The content as a draft's fields, or what is wrong with it. */
async function checkedContent(session: Session, ports: ManagePorts, content: BroadcastContent): Promise<Checked<{ contentKind: 'module' | 'text'; moduleId?: string; text?: string }>> {
  if (content.kind === 'text') {
    const checked = checkedText(content.text);
    return checked.ok ? { ok: true, value: { contentKind: 'text', text: checked.body } } : { ok: false, problem: { ...checked.problem, field: 'text' } };
  }
  const module = (await ports.summaries.modulesOf(memberOf(session).programId)).find((m) => m.number === content.module);
  if (!module) return { ok: false, problem: { key: 'broadcasts.no_module', params: { number: content.module }, field: 'module' } };
  return { ok: true, value: { contentKind: 'module', moduleId: module.id } };
}

async function checkedAudience(session: Session, ports: ManagePorts, value: AudienceValue): Promise<Checked<AudienceOption>> {
  const option = (await audienceOptions(ports, memberOf(session).cohortId)).find((o) => o.value === value);
  if (!option) return { ok: false, problem: { key: 'console_broadcasts.problems.audience', field: 'audience' } };
  if (option.count === 0) return { ok: false, problem: { key: option.kind === 'channels' ? 'broadcasts.no_channels' : 'broadcasts.nobody', field: 'audience' } };
  return { ok: true, value: option };
}

/**
 * A date and a time of day as typed in a form ("2027-02-01", "09:30"), in the program's
 * zone; undefined when either is not a real date or time (31 February, 25:00).
 */
export function momentIn(date: string, time: string, zone: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return undefined;
  const at = DateTime.fromISO(`${date}T${time}`, { zone });
  // A time skipped by the spring's clock change moves forward an hour in luxon: refuse it rather than send at another time.
  if (!at.isValid || at.toFormat('yyyy-MM-dd HH:mm') !== `${date} ${time}`) return undefined;
  return at.toJSDate();
}

export interface BroadcastRequest {
  content: BroadcastContent;
  audience: AudienceValue;
  /** Undefined: now. */
  sendAt?: Date;
}

/**
 * A draft, as chat makes one when it shows its preview: the message as the facilitator's
 * readers will see it (in the facilitator's language) and whom it reaches. Sending names
 * the draft, so what is sent is what was previewed, and a second click sends nothing.
 */
export const previewBroadcast = useCase(
  'broadcast',
  async (session, ports: ManagePorts, input: BroadcastRequest): Promise<Checked<{ broadcastId: string; message: Message; audience: AudienceOption }>> => {
    const checked = await checkedRequest(session, ports, input);
    if (!checked.ok) return checked;
    const person = memberOf(session);
    const { audience, content } = checked.value;
    const draft = await ports.broadcasts.createDraft({ cohortId: person.cohortId, createdById: person.participantId, ...content, at: session.now });
    await ports.broadcasts.setAudience(draft.id, audience.kind, audience.kind === 'group' ? audience.value.slice('group:'.length) : null);
    const message = await broadcastMessage(ports, draft, session);
    if (!message) return { ok: false, problem: { key: 'console_broadcasts.problems.module', field: 'module' } };
    return { ok: true, value: { broadcastId: draft.id, message, audience } };
  },
);

async function checkedRequest(session: Session, ports: ManagePorts, input: BroadcastRequest) {
  const content = await checkedContent(session, ports, input.content);
  if (!content.ok) return content;
  const audience = await checkedAudience(session, ports, input.audience);
  if (!audience.ok) return audience;
  const when = checkedTime(session, input.sendAt);
  if (!when.ok) return when;
  return { ok: true as const, value: { content: content.value, audience: audience.value } };
}

/** A time that has passed (or is this very minute) would go out at once: the facilitator meant something else. */
function checkedTime(session: Session, sendAt: Date | undefined): Checked<undefined> {
  if (sendAt && sendAt.getTime() <= session.now.getTime()) return { ok: false, problem: { key: 'console_broadcasts.problems.past', field: 'when' } };
  return { ok: true, value: undefined };
}

/**
 * Sends the previewed draft now, or plans it for `sendAt`: the outbox rows are due then,
 * and the outbox sends nothing before its time. The time is checked again here (a preview
 * may have waited past it); the draft must be the facilitator's own and still a draft.
 */
export const sendBroadcast = useCase(
  'broadcast',
  async (session, ports: ManagePorts, input: { broadcastId: string; sendAt?: Date }): Promise<Checked<{ broadcastId: string; recipients: number; dueAt: Date }>> => {
    const when = checkedTime(session, input.sendAt);
    if (!when.ok) return when;
    const draft = await ports.broadcasts.byId(input.broadcastId);
    if (!draft || draft.createdById !== memberOf(session).participantId || !draft.audience) return { ok: false, problem: { key: 'console_broadcasts.problems.draft', field: 'content' } };
    if (draft.status === 'sending') return { ok: false, problem: { key: 'broadcasts.already_sent', field: 'content' } };
    if (draft.status === 'cancelled') return { ok: false, problem: { key: 'broadcasts.already_cancelled', field: 'content' } };
    const dueAt = input.sendAt ?? session.now;
    const sent = await sendDraft(session, ports, draft, dueAt);
    if (!sent.ok) return { ok: false, problem: { ...sent.problem, field: sent.problem.key === 'broadcasts.nobody' ? 'audience' : 'content' } };
    return { ok: true, value: { broadcastId: draft.id, recipients: sent.recipients, dueAt } };
  },
);

export interface HistoryItem {
  id: string;
  /** The facilitator who sent it; undefined once erased. */
  by: string | undefined;
  confirmedAt: Date;
  /** When its messages are (or were) due; later than confirmedAt when it was scheduled. */
  dueAt: Date;
  scheduled: boolean;
  /** Called off before its time. */
  cancelled: boolean;
  /** Scheduled, not yet due and nothing of it sent: it can still be called off. */
  cancellable: boolean;
  content: { kind: 'module'; number: number | undefined } | { kind: 'text'; text: string };
  audience: { kind: BroadcastAudience; name?: string };
  report: DeliveryReport;
}

/** Every broadcast the cohort sent, has scheduled or called off, newest first, with its delivery report as it stands. */
export const broadcastHistory = useCase('broadcast', async (session, ports: ManagePorts, input: { limit: number }): Promise<HistoryItem[]> => {
  const cohortId = memberOf(session).cohortId;
  const groups = new Map((await ports.broadcasts.groups(cohortId)).map((g) => [g.id, g.name]));
  const names = new Map<string, string | undefined>();
  const items: HistoryItem[] = [];
  for (const b of await ports.broadcasts.history(cohortId, input.limit)) {
    if (b.createdById && !names.has(b.createdById)) names.set(b.createdById, (await ports.people.findById(b.createdById))?.displayName);
    const report = await reportOf(ports, b);
    const confirmedAt = b.confirmedAt ?? b.createdAt;
    const dueAt = b.dueAt ?? confirmedAt;
    items.push({
      id: b.id,
      by: b.createdById ? names.get(b.createdById) : undefined,
      confirmedAt,
      dueAt,
      scheduled: dueAt.getTime() > confirmedAt.getTime(),
      cancelled: b.status === 'cancelled',
      cancellable: b.status === 'sending' && dueAt.getTime() > session.now.getTime() && report.total > 0 && report.pending === report.total,
      content: b.contentKind === 'module' ? { kind: 'module', number: report.moduleNumber } : { kind: 'text', text: b.text ?? '' },
      audience: { kind: b.audience ?? 'all', ...(b.groupId ? { name: groups.get(b.groupId) } : {}) },
      report,
    });
  }
  return items;
});

export type CancelProblem = 'not_found' | 'already_cancelled' | 'gone_out';

/**
 * Calls off a scheduled broadcast of the facilitator's cohort (any of its facilitators may:
 * the history is the cohort's) before its time: the broadcast and all its outbox rows are
 * cancelled together, or — when the outbox has begun sending it, or its time has come —
 * nothing is. A broadcast of another cohort is not found.
 */
export const cancelScheduledBroadcast = useCase(
  'broadcast',
  async (session, ports: ManagePorts, input: { broadcastId: string }): Promise<{ ok: true; recipients: number } | { ok: false; problem: CancelProblem }> => {
    const found = await ports.broadcasts.byId(input.broadcastId);
    if (!found || found.cohortId !== memberOf(session).cohortId || !found.confirmedAt) return { ok: false, problem: 'not_found' };
    if (found.status === 'cancelled') return { ok: false, problem: 'already_cancelled' };
    const outcome = await ports.broadcasts.cancelScheduled(found.id, session.now);
    // Not "sending" any more, though it was a moment ago: another click cancelled it first.
    if (!outcome.ok) return { ok: false, problem: outcome.reason === 'gone_out' ? 'gone_out' : 'already_cancelled' };
    await ports.audit.record({ at: session.now, actorId: memberOf(session).participantId, action: 'broadcast.cancelled', subject: found.id, detail: { recipients: outcome.rows } });
    return { ok: true, recipients: outcome.rows };
  },
);
