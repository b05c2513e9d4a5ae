// Slack request bodies → neutral inbound events, parsed with zod at the edge. Pure: the
// adapter does the I/O (looking up a DM channel, the user's profile) afterwards.
// Anything kohort does not handle becomes `ignored` with a reason, never an exception.
import type { AnyBlock } from '@slack/types';
import { z } from 'zod';
import type { ActionEvent, Actor, ConversationRef, InboundEvent } from '../../src/core/events.js';
import { unescapeSlackText } from './mrkdwn.js';
import { decodeActionId, decodeForm, decodeFormOrigin, FORM_CALLBACK_ID, FORM_OPEN_ACTION, type FormSpec } from './render.js';

export interface BotIdentity {
  userId?: string;
  botId?: string;
}

/** Adapter-private data about a clicked message, so the choice can be shown in place. */
export interface ActionOrigin {
  channel?: string;
  messageTs?: string;
  ephemeral: boolean;
  inView: boolean;
  blockId?: string;
  /** The clicked message's blocks, as Slack sent them back (each at least a typed block). */
  blocks?: AnyBlock[];
  text?: string;
  responseUrl?: string;
}

export type SlackInbound =
  | {
      kind: 'event';
      event: InboundEvent;
      /** The conversation is the person's DM with the bot, whose channel id is not in the payload. */
      needsDmChannel?: boolean;
      /** Where Slack accepts private answers for this request (slash commands, clicks). */
      responseUrl?: string;
    }
  /** `origin`: the message the form button sits on, to show the form as sent once it was. */
  | { kind: 'open_form'; triggerId: string; spec: FormSpec; userId: string; channel?: string; channelKind: 'dm' | 'channel'; origin: ActionOrigin }
  | { kind: 'ignored'; reason: string };

const slackId = z.string().min(1).max(64);

const eventEnvelope = z.object({
  type: z.literal('event_callback'),
  event_id: slackId,
  team_id: z.string().nullish(),
  enterprise_id: z.string().nullish(),
  event: z.object({ type: z.string() }).passthrough(),
});

const messageEvent = z.object({
  type: z.literal('message'),
  subtype: z.string().optional(),
  user: slackId.optional(),
  bot_id: z.string().optional(),
  text: z.string().default(''),
  channel: slackId,
  channel_type: z.string().optional(),
  ts: z.string(),
  thread_ts: z.string().optional(),
});

const mentionEvent = z.object({
  type: z.literal('app_mention'),
  user: slackId.optional(),
  bot_id: z.string().optional(),
  text: z.string().default(''),
  channel: slackId,
  ts: z.string(),
  thread_ts: z.string().optional(),
});

const homeOpenedEvent = z.object({
  type: z.literal('app_home_opened'),
  user: slackId,
  channel: slackId,
  tab: z.string().optional(),
});

const slashCommand = z.object({
  command: z.string().min(1),
  text: z.string().default(''),
  user_id: slackId,
  user_name: z.string().optional(),
  team_id: z.string().optional(),
  enterprise_id: z.string().optional(),
  channel_id: slackId,
  channel_name: z.string().optional(),
  response_url: z.string().optional(),
  trigger_id: z.string().min(1),
});

const user = z.object({ id: slackId, name: z.string().optional(), username: z.string().optional(), team_id: z.string().optional() });
const team = z.object({ id: z.string() }).nullish();

const blockActions = z.object({
  type: z.literal('block_actions'),
  user,
  team,
  trigger_id: z.string().optional(),
  response_url: z.string().optional(),
  container: z
    .object({
      type: z.string(),
      message_ts: z.string().optional(),
      channel_id: z.string().optional(),
      is_ephemeral: z.boolean().optional(),
    })
    .optional(),
  channel: z.object({ id: slackId, name: z.string().optional() }).nullish(),
  message: z
    .object({ ts: z.string().optional(), text: z.string().optional(), blocks: z.array(z.object({ type: z.string(), block_id: z.string().optional() }).passthrough()).optional() })
    .passthrough()
    .optional(),
  actions: z
    .array(
      z.object({
        type: z.string(),
        action_id: z.string(),
        block_id: z.string().optional(),
        action_ts: z.string().optional(),
        value: z.string().optional(),
        text: z.object({ text: z.string() }).optional(),
        selected_option: z.object({ value: z.string(), text: z.object({ text: z.string() }) }).nullish(),
      }),
    )
    .min(1),
});

const viewSubmission = z.object({
  type: z.literal('view_submission'),
  user,
  team,
  view: z.object({
    id: z.string(),
    callback_id: z.string().optional(),
    private_metadata: z.string().optional(),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), z.object({ value: z.string().nullish() }).passthrough())) }),
  }),
});

export function parseSlackBody(body: unknown, bot: BotIdentity, receivedAt: Date): SlackInbound {
  const record = (body ?? {}) as Record<string, unknown>;
  if (record.type === 'event_callback') return parseEventCallback(record, bot, receivedAt);
  if (typeof record.command === 'string') return parseSlashCommand(record, receivedAt);
  if (record.type === 'block_actions') return parseBlockActions(record, receivedAt);
  if (record.type === 'view_submission') return parseViewSubmission(record, receivedAt);
  return ignored(`request type ${String(record.type ?? 'unknown')}`);
}

function parseEventCallback(body: Record<string, unknown>, bot: BotIdentity, receivedAt: Date): SlackInbound {
  const envelope = eventEnvelope.safeParse(body);
  if (!envelope.success) return ignored('malformed event envelope');
  const { event, event_id: eventId } = envelope.data;
  const tenantId = envelope.data.team_id ?? envelope.data.enterprise_id ?? undefined;
  const base = { eventId: `event:${eventId}`, receivedAt };

  switch (event.type) {
    case 'message': {
      const parsed = messageEvent.safeParse(event);
      if (!parsed.success) return ignored('malformed message event');
      const m = parsed.data;
      // Edits, deletions, joins and bot posts (ours included) are not things a person said.
      if (m.subtype && m.subtype !== 'file_share') return ignored(`message subtype ${m.subtype}`);
      if (isFromBot(m, bot) || !m.user) return ignored('message from a bot');
      // Channel messages reach kohort only as mentions (app_mention); only DMs are conversation.
      if (m.channel_type !== 'im') return ignored('message outside a direct message');
      return {
        kind: 'event',
        event: { ...base, type: 'message', text: unescapeSlackText(m.text).trim(), actor: actor(m.user, tenantId), conversation: dm(m.channel, tenantId) },
      };
    }
    case 'app_mention': {
      const parsed = mentionEvent.safeParse(event);
      if (!parsed.success) return ignored('malformed app_mention event');
      const m = parsed.data;
      if (isFromBot(m, bot) || !m.user) return ignored('mention from a bot');
      const text = unescapeSlackText(stripLeadingMentions(m.text)).trim();
      return {
        kind: 'event',
        event: {
          ...base,
          type: 'message',
          text,
          actor: actor(m.user, tenantId),
          conversation: channel(m.channel, tenantId),
          // Personal answers (status, help) are not for the whole channel.
          answerPrivately: true,
        },
      };
    }
    case 'app_home_opened': {
      const parsed = homeOpenedEvent.safeParse(event);
      if (!parsed.success) return ignored('malformed app_home_opened event');
      const h = parsed.data;
      const type = h.tab === 'messages' ? 'installed' : 'home_opened';
      return { kind: 'event', event: { ...base, type, actor: actor(h.user, tenantId), conversation: dm(h.channel, tenantId) } };
    }
    default:
      return ignored(`event type ${event.type}`);
  }
}

function parseSlashCommand(body: Record<string, unknown>, receivedAt: Date): SlackInbound {
  const parsed = slashCommand.safeParse(body);
  if (!parsed.success) return ignored('malformed slash command');
  const c = parsed.data;
  const tenantId = c.team_id ?? c.enterprise_id;
  // A slash command can be typed in any conversation, including DMs between two people
  // where the bot cannot post: answers go back through response_url, seen only by the sender.
  const isDm = c.channel_id.startsWith('D') || c.channel_name === 'directmessage';
  const conversation: ConversationRef = {
    platform: 'slack',
    key: c.channel_id,
    kind: isDm ? 'dm' : 'channel',
    reference: { channel: c.channel_id, team: tenantId },
    proactive: false,
  };
  return {
    kind: 'event',
    event: {
      type: 'command',
      name: c.command.replace(/^\//, ''),
      text: unescapeSlackText(c.text).trim(),
      eventId: `command:${c.trigger_id}`,
      receivedAt,
      actor: actor(c.user_id, tenantId),
      conversation,
      answerPrivately: true,
    },
    responseUrl: c.response_url,
  };
}

function parseBlockActions(body: Record<string, unknown>, receivedAt: Date): SlackInbound {
  const parsed = blockActions.safeParse(body);
  if (!parsed.success) return ignored('malformed block_actions');
  const p = parsed.data;
  const action = p.actions[0]!;
  const tenantId = p.user.team_id ?? p.team?.id;
  const channelId = p.container?.channel_id ?? p.channel?.id;
  const ephemeral = p.container?.is_ephemeral === true;
  const inView = p.container?.type === 'view';
  const channelKind: 'dm' | 'channel' = !channelId || channelId.startsWith('D') ? 'dm' : 'channel';
  const actionId = decodeActionId(action.action_id);

  const origin: ActionOrigin = {
    channel: channelId,
    messageTs: p.container?.message_ts ?? p.message?.ts,
    ephemeral,
    inView,
    blockId: action.block_id,
    blocks: p.message?.blocks,
    text: p.message?.text,
    responseUrl: p.response_url,
  };
  if (actionId === FORM_OPEN_ACTION) {
    const spec = decodeForm(action.value ?? '');
    if (!spec || !p.trigger_id) return ignored('form button without a form');
    return { kind: 'open_form', triggerId: p.trigger_id, spec, userId: p.user.id, channel: inView ? undefined : channelId, channelKind, origin };
  }

  const value = action.selected_option?.value ?? action.value ?? '';
  const label = action.selected_option?.text.text ?? action.text?.text;
  const conversation: ConversationRef =
    inView || !channelId
      ? { platform: 'slack', key: '', kind: 'dm', reference: {} }
      : {
          platform: 'slack',
          key: channelId,
          kind: channelKind,
          reference: { channel: channelId, team: tenantId },
          // An ephemeral message may sit in a conversation the bot cannot post to.
          ...(ephemeral ? { proactive: false } : {}),
        };
  const event: ActionEvent = {
    type: 'action',
    eventId: `action:${p.trigger_id ?? `${p.user.id}:${action.action_ts ?? ''}`}`,
    receivedAt,
    actor: actor(p.user.id, tenantId),
    conversation,
    actionId,
    value,
    label,
    messageId: origin.messageTs,
    origin,
    answerPrivately: ephemeral || channelKind === 'channel',
  };
  return { kind: 'event', event, needsDmChannel: inView || !channelId, responseUrl: p.response_url };
}

function parseViewSubmission(body: Record<string, unknown>, receivedAt: Date): SlackInbound {
  const parsed = viewSubmission.safeParse(body);
  if (!parsed.success) return ignored('malformed view_submission');
  const { view, user: u, team: t } = parsed.data;
  if (view.callback_id !== FORM_CALLBACK_ID) return ignored(`view ${view.callback_id ?? 'without callback_id'}`);
  const origin = decodeFormOrigin(view.private_metadata);
  if (!origin) return ignored('form without its origin');
  const value = view.state.values[origin.inputId]?.value?.value ?? '';
  const tenantId = u.team_id ?? t?.id;
  const fromChannel = origin.kind === 'channel' && origin.channel !== '';
  return {
    kind: 'event',
    event: {
      type: 'form',
      eventId: `form:${view.id}`,
      receivedAt,
      actor: actor(u.id, tenantId),
      conversation: fromChannel
        ? { ...channel(origin.channel, tenantId), proactive: false }
        : { platform: 'slack', key: origin.channel, kind: 'dm', reference: origin.channel ? { channel: origin.channel, team: tenantId } : {} },
      formId: origin.formId,
      values: { [origin.inputId]: value },
      // The adapter remembers which message each modal was opened from, by the view's id.
      origin: { viewId: view.id },
      answerPrivately: fromChannel,
    },
    needsDmChannel: !origin.channel,
  };
}

function isFromBot(m: { user?: string; bot_id?: string }, bot: BotIdentity): boolean {
  return Boolean(m.bot_id) || (bot.userId !== undefined && m.user === bot.userId);
}

/** "<@U123> status" → "status": the mention that addressed kohort is not part of the command. */
function stripLeadingMentions(text: string): string {
  return text.replace(/^(\s*<@[A-Z0-9]+(\|[^>]*)?>[\s,:]*)+/i, '');
}

function actor(userId: string, tenantId: string | undefined): Actor {
  return { platform: 'slack', userId, ...(tenantId ? { tenantId } : {}) };
}

function dm(channelId: string, tenantId: string | undefined): ConversationRef {
  return { platform: 'slack', key: channelId, kind: 'dm', reference: { channel: channelId, team: tenantId } };
}

function channel(channelId: string, tenantId: string | undefined): ConversationRef {
  return { platform: 'slack', key: channelId, kind: 'channel', reference: { channel: channelId, team: tenantId } };
}

function ignored(reason: string): SlackInbound {
  return { kind: 'ignored', reason };
}
