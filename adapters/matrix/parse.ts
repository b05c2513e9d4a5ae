// Matrix room events as kohort's neutral events, read from the event JSON alone (no SDK
// types here, so the rules are plain to test). A direct room is one kohort keeps as a
// person's direct room (m.direct) or one with only the two of them in it; in a cohort's
// room kohort answers only where it is mentioned, privately, like a Slack mention.
import type { InboundEvent } from '../../src/core/events.js';

/** A room event as the client-server API delivers it. */
export interface RoomEvent {
  type: string;
  event_id: string;
  sender: string;
  room_id?: string;
  origin_server_ts?: number;
  state_key?: string;
  content?: Record<string, unknown>;
  unsigned?: Record<string, unknown>;
}

/** What the adapter knows of the room an event came from. */
export interface RoomView {
  roomId: string;
  /** kohort's direct room with the sender (m.direct), or a room of just the two of them. */
  direct: boolean;
  /** The room has `m.room.encryption` state. */
  encrypted: boolean;
  /** The sender's display name in the room, if set. */
  senderName?: string;
}

/** The adapter's private reference to a conversation (stored for proactive sends). */
export interface MatrixReference {
  roomId: string;
  /** For a direct room: the person it is with. */
  userId?: string;
}

export type Parsed = { kind: 'event'; event: InboundEvent } | { kind: 'ignored'; reason: string };

const ignored = (reason: string): Parsed => ({ kind: 'ignored', reason });

/**
 * One room event as the neutral event for the core, or why it is not one. `botId` is
 * kohort's own Matrix ID; `botName` its display name, by which people address it in rooms.
 */
export function parseRoomEvent(raw: RoomEvent, room: RoomView, bot: { id: string; name?: string }, receivedAt: Date): Parsed {
  if (raw.sender === bot.id) return ignored('own_event');
  const actor = { platform: 'matrix' as const, userId: raw.sender, ...(room.senderName ? { displayName: room.senderName } : {}) };
  const reference: MatrixReference = room.direct ? { roomId: room.roomId, userId: raw.sender } : { roomId: room.roomId };
  const conversation = { platform: 'matrix' as const, key: room.roomId, kind: room.direct ? ('dm' as const) : ('channel' as const), reference };
  const base = { eventId: raw.event_id, actor, conversation, receivedAt };

  if (raw.type === 'm.room.encrypted') {
    // Only a direct room gets the explanation: in a cohort's room kohort was not spoken to.
    if (!room.direct) return ignored('encrypted_in_room');
    return { kind: 'event', event: { ...base, type: 'unsupported', reason: 'encrypted', explain: 'encrypted' } };
  }
  if (raw.type === 'm.reaction') return reaction(raw, room, base);
  if (raw.type !== 'm.room.message') return ignored(`type:${raw.type}`);
  const content = raw.content ?? {};
  const relation = content['m.relates_to'] as { rel_type?: string } | undefined;
  // An edit of a message already answered is not a new message.
  if (relation?.rel_type === 'm.replace') return ignored('edit');
  if (content.msgtype !== 'm.text' && content.msgtype !== 'm.emote') return ignored(`msgtype:${String(content.msgtype)}`);
  if (typeof content.body !== 'string') return ignored('no_body');
  const typed = withoutReplyFallback(content.body);

  if (room.direct) {
    const text = typed.trim();
    return text ? { kind: 'event', event: { ...base, type: 'message', text } } : ignored('empty');
  }
  const spoken = addressedText(typed, content, bot);
  if (spoken === undefined) return ignored('not_addressed');
  // A bare mention asks for help, like a bare slash command, in the person's own language.
  if (spoken === '') return { kind: 'event', event: { ...base, type: 'command', name: 'kohort', text: '', answerPrivately: true } };
  return { kind: 'event', event: { ...base, type: 'message', text: spoken, answerPrivately: true } };
}

/**
 * A reply quotes the message it answers as "> " lines and a blank line before the new text
 * (the spec's fallback, still sent by older clients); only the new text was typed.
 */
export function withoutReplyFallback(body: string): string {
  if (!body.startsWith('> ')) return body;
  const lines = body.split('\n');
  const end = lines.findIndex((line) => !line.startsWith('>'));
  if (end < 0 || lines[end] !== '') return body;
  return lines.slice(end + 1).join('\n');
}

/**
 * The words meant for kohort in a shared room: those after a mention of it (its ID in
 * `m.mentions`, or its name or ID leading the text, as Element writes a pill in the body);
 * empty for a bare mention, undefined when kohort was not addressed.
 */
function addressedText(typed: string, content: Record<string, unknown>, bot: { id: string; name?: string }): string | undefined {
  const mentions = content['m.mentions'] as { user_ids?: unknown } | undefined;
  const mentioned = Array.isArray(mentions?.user_ids) && mentions.user_ids.includes(bot.id);
  const localpart = bot.id.slice(1).split(':')[0] ?? '';
  const names = [bot.id, bot.name, localpart].filter((n): n is string => Boolean(n));
  for (const name of names) {
    const lead = new RegExp(`^@?${escapeRegExp(name)}\\s*[:,]?\\s*`, 'iu');
    if (lead.test(typed)) return typed.replace(lead, '').trim();
  }
  return mentioned ? typed.trim() : undefined;
}

/**
 * A number reacted to one of kohort's messages in a direct room (1️⃣ … 9️⃣, 🔟): a shortcut to
 * the numbered choice on that message, as if typed. Any other reaction is not for kohort.
 */
function reaction(raw: RoomEvent, room: RoomView, base: Omit<Extract<InboundEvent, { type: 'message' }>, 'type' | 'text'>): Parsed {
  const relation = raw.content?.['m.relates_to'] as { rel_type?: string; event_id?: unknown; key?: unknown } | undefined;
  if (!room.direct || relation?.rel_type !== 'm.annotation' || typeof relation.event_id !== 'string' || typeof relation.key !== 'string') return ignored('reaction');
  const key = relation.key.replace(/\uFE0F/g, '');
  const digit = key === '🔟' ? '10' : /^([1-9])\u20E3$/.exec(key)?.[1];
  if (!digit) return ignored('reaction');
  return { kind: 'event', event: { ...base, type: 'message', text: digit, onMessage: relation.event_id } };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
