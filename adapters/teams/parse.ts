// Bot Framework activities from Teams → neutral inbound events. Pure: the adapter adds
// what needs the connector (the person's e-mail) afterwards. A Teams user is known to
// kohort by their Entra ID (AAD) object id when Teams sends one — that is the id an
// admin can look up and write into a program file — else by the Bot Framework id.
import { z } from 'zod';
import type { ActionEvent, Actor, ConversationRef, InboundEvent } from '../../src/core/events.js';
import { EXECUTE_VERB, type CardData } from './render.js';

/** What the adapter keeps of a conversation to reach it again: a Bot Framework ConversationReference. */
export interface TeamsReference {
  serviceUrl: string;
  channelId: string;
  conversation: { id: string; conversationType?: string; tenantId?: string; isGroup?: boolean };
  bot: { id: string; name?: string };
  user?: { id: string; name?: string; aadObjectId?: string };
  tenantId?: string;
}

export type TeamsInbound = { kind: 'event'; event: InboundEvent; /** Action.Execute: the bot must answer the invoke itself. */ invoke?: boolean } | { kind: 'ignored'; reason: string };

const account = z.object({ id: z.string().min(1), name: z.string().optional(), aadObjectId: z.string().optional() }).passthrough();

const activitySchema = z
  .object({
    type: z.string(),
    id: z.string().optional(),
    name: z.string().optional(),
    action: z.string().optional(),
    text: z.string().optional(),
    value: z.unknown().optional(),
    replyToId: z.string().optional(),
    locale: z.string().optional(),
    serviceUrl: z.string().url(),
    channelId: z.string(),
    from: account,
    recipient: account,
    conversation: z.object({ id: z.string().min(1), conversationType: z.string().optional(), tenantId: z.string().optional(), isGroup: z.boolean().optional() }).passthrough(),
    channelData: z
      .object({ tenant: z.object({ id: z.string() }).optional() })
      .passthrough()
      .optional(),
    membersAdded: z.array(account).optional(),
  })
  .passthrough();

const cardData = z.union([
  z
    .object({
      kohort: z.literal('action'),
      actionId: z.string().min(1),
      value: z.string(),
      label: z.string(),
      choiceInput: z.string().optional(),
      choices: z.record(z.string(), z.string()).optional(),
    })
    .passthrough(),
  z.object({ kohort: z.literal('form'), formId: z.string().min(1), inputId: z.string().min(1), field: z.string().min(1).optional() }).passthrough(),
]);

export function parseActivity(raw: unknown, receivedAt: Date): TeamsInbound {
  const parsed = activitySchema.safeParse(raw);
  if (!parsed.success) return ignored('malformed activity');
  const a = parsed.data;
  const tenantId = a.conversation.tenantId ?? a.channelData?.tenant?.id;
  const reference: TeamsReference = {
    serviceUrl: a.serviceUrl,
    channelId: a.channelId,
    conversation: { id: a.conversation.id, conversationType: a.conversation.conversationType, tenantId, isGroup: a.conversation.isGroup },
    bot: { id: a.recipient.id, name: a.recipient.name },
    user: { id: a.from.id, name: a.from.name, aadObjectId: a.from.aadObjectId },
    tenantId,
  };
  const personal = (a.conversation.conversationType ?? 'personal') === 'personal';
  const conversation: ConversationRef = {
    platform: 'teams',
    key: a.conversation.id,
    kind: personal ? 'dm' : 'channel',
    reference,
  };
  const actor: Actor = {
    platform: 'teams',
    userId: a.from.aadObjectId ?? a.from.id,
    ...(tenantId ? { tenantId } : {}),
    ...(a.from.name ? { displayName: a.from.name } : {}),
    ...(a.locale ? { locale: a.locale } : {}),
  };
  const base = { eventId: `${a.conversation.id}|${a.id ?? a.replyToId ?? receivedAt.toISOString()}`, receivedAt, actor, conversation };

  switch (a.type) {
    case 'message': {
      if (a.value !== undefined && a.value !== null) {
        // Action.Submit (or the fallback of Action.Execute) posts the card's data as a message.
        const data = cardData.safeParse(a.value);
        if (!data.success) return ignored('card submit that is not kohort’s');
        return { kind: 'event', event: fromCardData(data.data, a.value as Record<string, unknown>, base, a.replyToId) };
      }
      // In channels and group chats an answer about oneself goes to the person's 1:1 chat.
      return { kind: 'event', event: { ...base, type: 'message', text: stripMentions(a.text ?? ''), ...(personal ? {} : { answerPrivately: true }) } };
    }
    case 'invoke': {
      const action = (a.value as { action?: { type?: string; verb?: string; data?: unknown } } | undefined)?.action;
      if (a.name !== 'adaptiveCard/action' || action?.type !== 'Action.Execute' || action.verb !== EXECUTE_VERB) {
        return ignored(`invoke ${a.name ?? 'without a name'}`);
      }
      const data = cardData.safeParse(action.data);
      if (!data.success) return ignored('card action that is not kohort’s');
      return { kind: 'event', event: fromCardData(data.data, action.data as Record<string, unknown>, base, a.replyToId), invoke: true };
    }
    case 'conversationUpdate': {
      // Only kohort itself being added is an installation; other members joining is not news to kohort.
      if (!(a.membersAdded ?? []).some((m) => m.id === a.recipient.id)) return ignored('conversationUpdate without kohort joining');
      return { kind: 'event', event: { ...base, type: 'installed' } };
    }
    case 'installationUpdate':
      if (a.action === 'remove' || a.action === 'remove-upgrade') return { kind: 'event', event: { ...base, type: 'uninstalled' } };
      return ignored(`installationUpdate ${a.action ?? ''}`);
    default:
      return ignored(`activity type ${a.type}`);
  }
}

function fromCardData(data: CardData, raw: Record<string, unknown>, base: Omit<ActionEvent, 'type' | 'actionId' | 'value'>, replyToId: string | undefined): InboundEvent {
  if (data.kohort === 'form') {
    const value = raw[data.field ?? data.inputId];
    return {
      ...base,
      type: 'form',
      formId: data.formId,
      values: { [data.inputId]: typeof value === 'string' ? value : '' },
      messageId: replyToId,
      origin: { replyToId, used: { formId: data.formId } },
    };
  }
  // A drop-down sends its choice as an input next to the button's data; its title travels in the data.
  const chosen = data.choiceInput ? raw[data.choiceInput] : undefined;
  const value = typeof chosen === 'string' ? chosen : data.value;
  const nothingChosen = data.choiceInput !== undefined && value === '';
  return {
    ...base,
    type: 'action',
    actionId: data.actionId,
    value,
    label: data.choiceInput ? (data.choices?.[value] ?? value) : data.label,
    ...(nothingChosen ? { nothingChosen } : {}),
    messageId: replyToId,
    origin: { replyToId, used: { actionId: data.actionId, value: data.value } },
  };
}

/** "<at>kohort</at> status" → "status": mentions are how Teams addresses the bot in channels. */
export function stripMentions(text: string): string {
  return text
    .replace(/<at>[^<]*<\/at>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function ignored(reason: string): TeamsInbound {
  return { kind: 'ignored', reason };
}
