// `utskick` / `broadcast` (facilitators): pick a module or write a message, see the preview,
// choose the audience (everyone by direct message, the cohort's channels, one group),
// confirm. Confirming is one conditional update, so a double click, an old card or a second
// facilitator's click sends nothing twice; the rows have one key per recipient, so a retry
// or a restart cannot either. Delivery is the outbox's job (platform rate limits included).
import type { Ports } from '../../application/ports.js';
import { answer, oldButton, refuse, say, type Reply } from '../../application/reply.js';
import { memberOf, type Session } from '../../application/session.js';
import { perform } from '../../application/use-case.js';
import { broadcastKeyPrefix, type Broadcast } from '../../domain/broadcasts/store.js';
import type { PlannedMessage } from '../../domain/outbox.js';
import { wordsInAnyLocale, type Params } from '../../i18n/i18n.js';
import { actions, divider, header, message, text, type Block } from '../../ui/model.js';
import { channelLabel, moduleNumberOf } from '../shared/wording.js';
import { broadcastMessage } from './content.js';
import { BROADCAST_AUDIENCE, BROADCAST_CANCEL, BROADCAST_CONFIRM, BROADCAST_MODULE, BROADCAST_TEXT, BROADCAST_WRITE, MAX_BROADCAST_TEXT } from './controls.js';
import { latestReport, reportMessage } from './report.js';

export type FlowPorts = Pick<Ports, 'broadcasts' | 'summaries' | 'people' | 'reminders' | 'translator' | 'outbox' | 'audit'>;

export async function broadcast(session: Session, ports: FlowPorts, args: string): Promise<Reply> {
  const words = args.trim().toLowerCase();
  if (wordsInAnyLocale(session.translator, 'broadcasts.words.report').includes(words)) return showReport(session, ports);
  const number = moduleNumberOf(session.translator, words);
  if (number !== undefined) return draftModule(session, ports, number);
  if (words) return draftText(session, ports, args);
  const modules = await ports.summaries.modulesOf(memberOf(session).programId, session.locale);
  const upcoming = modules.filter((m) => m.startsAt > session.now);
  return answer(
    message(
      header(session.t('broadcasts.menu_title')),
      text(session.t('broadcasts.menu_intro')),
      actions(
        BROADCAST_MODULE.select(
          session.t('broadcasts.pick_module'),
          (upcoming.length > 0 ? upcoming : modules).map((m) => BROADCAST_MODULE.option(session.t('broadcasts.module_option', { number: m.number, title: m.title }), { module: m.number })),
        ),
        BROADCAST_WRITE.button(session.t('broadcasts.write_own'), { start: 'new' }),
      ),
    ),
  );
}

export function writeOwn(session: Session): Reply {
  return answer(
    message(
      BROADCAST_TEXT.input(
        {},
        {
          label: session.t('broadcasts.text_label'),
          placeholder: session.t('broadcasts.text_placeholder'),
          multiline: true,
          maxLength: MAX_BROADCAST_TEXT,
          submitLabel: session.t('broadcasts.send'),
          cancelLabel: session.t('common.cancel'),
        },
      ),
    ),
  );
}

export async function draftModule(session: Session, ports: FlowPorts, number: number): Promise<Reply> {
  const person = memberOf(session);
  const module = (await ports.summaries.modulesOf(person.programId)).find((m) => m.number === number);
  if (!module) return refuse(session, 'broadcasts.no_module', { number });
  const draft = await ports.broadcasts.createDraft({ cohortId: person.cohortId, createdById: person.participantId, contentKind: 'module', moduleId: module.id, at: session.now });
  return preview(session, ports, draft);
}

/** A refusal worded by a prompt key: the chat answers it, the console shows it by its field. */
export type Problem = { key: string; params?: Params };

/** The facilitator's own words, trimmed, or why they cannot be sent (chat and console alike). */
export function checkedText(raw: string): { ok: true; body: string } | { ok: false; problem: Problem } {
  const body = raw.trim();
  if (!body) return { ok: false, problem: { key: 'broadcasts.empty_text' } };
  const length = [...body].length;
  if (length > MAX_BROADCAST_TEXT) return { ok: false, problem: { key: 'broadcasts.too_long', params: { length, max: MAX_BROADCAST_TEXT } } };
  return { ok: true, body };
}

export async function draftText(session: Session, ports: FlowPorts, raw: string): Promise<Reply> {
  const checked = checkedText(raw);
  if (!checked.ok) return refuse(session, checked.problem.key, checked.problem.params);
  const person = memberOf(session);
  const draft = await ports.broadcasts.createDraft({ cohortId: person.cohortId, createdById: person.participantId, contentKind: 'text', text: checked.body, at: session.now });
  return preview(session, ports, draft);
}

/** The message as recipients will see it, then one button per audience with its size. */
async function preview(session: Session, ports: FlowPorts, draft: Broadcast): Promise<Reply> {
  const content = await broadcastMessage(ports, draft, session);
  const everyone = await ports.broadcasts.recipients(draft.cohortId, null);
  const channels = await ports.summaries.channelsOf(draft.cohortId);
  const groups = await ports.broadcasts.groups(draft.cohortId);
  const broadcastId = draft.id;
  const choices = [
    BROADCAST_AUDIENCE.button(session.t('broadcasts.audience_all', { count: everyone.length }), { broadcastId, audience: 'all' }, 'primary'),
    ...(channels.length > 0 ? [BROADCAST_AUDIENCE.button(session.t('broadcasts.audience_channels', { count: channels.length }), { broadcastId, audience: 'channels' })] : []),
    ...groups.filter((g) => g.size > 0).map((g) => BROADCAST_AUDIENCE.button(session.t('broadcasts.audience_group', { group: g.name, count: g.size }), { broadcastId, audience: `group:${g.id}` })),
    BROADCAST_CANCEL.button(session.t('broadcasts.cancel'), { broadcastId }),
  ];
  const blocks: Block[] = [text(session.t('broadcasts.preview_title'), 'muted'), divider(), ...(content?.blocks ?? []), divider(), text(session.t('broadcasts.choose_audience')), actions(...choices)];
  return answer(message(...blocks));
}

/** The facilitator's own draft, still a draft; anything else is explained. */
async function ownDraft(session: Session, ports: FlowPorts, id: string): Promise<{ ok: true; draft: Broadcast } | { ok: false; reply: Reply }> {
  const found = await ports.broadcasts.byId(id);
  if (!found || found.createdById !== session.person?.participantId) return { ok: false, reply: oldButton(session) };
  if (found.status === 'sending') return { ok: false, reply: refuse(session, 'broadcasts.already_sent') };
  if (found.status === 'cancelled') return { ok: false, reply: refuse(session, 'broadcasts.already_cancelled') };
  return { ok: true, draft: found };
}

export async function chooseAudience(session: Session, ports: FlowPorts, id: string, choice: string): Promise<Reply> {
  const own = await ownDraft(session, ports, id);
  if (!own.ok) return own.reply;
  const { draft } = own;
  const audience = choice.startsWith('group:') ? 'group' : (choice as 'all' | 'channels');
  const group = audience === 'group' ? (await ports.broadcasts.groups(draft.cohortId)).find((g) => g.id === choice.slice(6)) : undefined;
  if (audience === 'group' && !group) return oldButton(session);
  let question: string;
  if (audience === 'channels') {
    const channels = await ports.summaries.channelsOf(draft.cohortId);
    if (channels.length === 0) return refuse(session, 'broadcasts.no_channels');
    question = session.t('broadcasts.confirm_question.channels', { count: channels.length, channels: channels.map((c) => channelLabel(session, c)).join(', ') });
  } else {
    const people = await ports.broadcasts.recipients(draft.cohortId, group?.id ?? null);
    if (people.length === 0) return refuse(session, 'broadcasts.nobody');
    question = session.t(`broadcasts.confirm_question.${audience}`, { count: people.length, group: group?.name ?? '' });
  }
  if (!(await ports.broadcasts.setAudience(draft.id, audience, group?.id ?? null))) return refuse(session, 'broadcasts.already_sent');
  const broadcastId = draft.id;
  return answer(
    message(text(question), actions(BROADCAST_CONFIRM.button(session.t('broadcasts.send'), { broadcastId }, 'primary'), BROADCAST_CANCEL.button(session.t('broadcasts.cancel'), { broadcastId }))),
  );
}

export async function confirmBroadcast(session: Session, ports: FlowPorts, id: string): Promise<Reply> {
  const own = await ownDraft(session, ports, id);
  if (!own.ok) return own.reply;
  const { draft } = own;
  if (!draft.audience) return oldButton(session);
  const sent = await sendDraft(session, ports, draft, session.now);
  if (!sent.ok) return refuse(session, sent.problem.key);
  return { ...say(session, 'broadcasts.sending', { count: sent.recipients }), wakeOutbox: true };
}

/**
 * The one way a draft with an audience is sent, from chat or the console: one outbox row per
 * recipient, due at `dueAt` (now, or the time it was scheduled for — the outbox holds it
 * until then), after the one conditional update that turns the draft into "sending".
 */
export async function sendDraft(session: Session, ports: FlowPorts, draft: Broadcast, dueAt: Date): Promise<{ ok: true; recipients: number } | { ok: false; problem: Problem }> {
  const rows = await plannedRows(ports, draft, dueAt);
  if (rows.length === 0) return { ok: false, problem: { key: 'broadcasts.nobody' } };
  // Only the call that turns the draft into "sending" plans anything.
  if (!(await ports.broadcasts.confirm(draft.id, session.now))) return { ok: false, problem: { key: 'broadcasts.already_sent' } };
  await ports.outbox.plan(rows);
  const scheduled = dueAt.getTime() > session.now.getTime();
  await ports.audit.record({
    at: session.now,
    actorId: memberOf(session).participantId,
    action: scheduled ? 'broadcast.scheduled' : 'broadcast.confirmed',
    subject: draft.id,
    detail: { audience: draft.audience, recipients: rows.length, ...(scheduled ? { dueAt: dueAt.toISOString() } : {}) },
  });
  return { ok: true, recipients: rows.length };
}

export async function cancelBroadcast(session: Session, ports: FlowPorts, id: string): Promise<Reply> {
  const own = await ownDraft(session, ports, id);
  if (!own.ok) return own.reply;
  await ports.broadcasts.cancel(own.draft.id);
  return say(session, 'broadcasts.cancelled');
}

async function plannedRows(ports: FlowPorts, draft: Broadcast, dueAt: Date): Promise<PlannedMessage[]> {
  const prefix = broadcastKeyPrefix(draft.id);
  const common = { kind: 'broadcast' as const, cohortId: draft.cohortId, dueAt };
  if (draft.audience === 'channels') {
    const channels = await ports.summaries.channelsOf(draft.cohortId);
    return channels.map((c) => ({ ...common, idempotencyKey: `${prefix}c:${c.id}`, payload: { broadcastId: draft.id, channel: { id: c.id, platform: c.platform, channelId: c.channelId } } }));
  }
  const people = await ports.broadcasts.recipients(draft.cohortId, draft.audience === 'group' ? draft.groupId : null);
  return people.map((participantId) => ({ ...common, idempotencyKey: `${prefix}p:${participantId}`, participantId, payload: { broadcastId: draft.id } }));
}

async function showReport(session: Session, ports: FlowPorts): Promise<Reply> {
  const report = await perform(latestReport, session, ports, undefined);
  return report ? answer(reportMessage(session, report)) : say(session, 'broadcasts.report.none_yet');
}
