// Neutral inbound events: adapters parse platform payloads into these at the edge,
// and the core never sees a platform payload.
/** Every platform kohort speaks: the one list (the database enum mirrors it). */
export const PLATFORMS = ['slack', 'teams', 'matrix', 'local'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** Who sent the event, as the platform knows them. Personal fields are never logged. */
export interface Actor {
  platform: Platform;
  userId: string;
  tenantId?: string;
  displayName?: string;
  email?: string;
  /** The platform's own language setting for the user, e.g. "sv-SE". */
  locale?: string;
}

/** Where the event happened; `reference` is opaque to the core and stored for proactive sends. */
export interface ConversationRef {
  platform: Platform;
  /** Stable key of the conversation on its platform (channel id, conversation id…). */
  key: string;
  kind: 'dm' | 'channel';
  reference: unknown;
  /**
   * False when kohort may not post here on its own (a slash command typed in a DM between
   * two people): the conversation is then answered but not remembered for later sends.
   */
  proactive?: false;
}

interface InboundBase {
  /** The platform's own id for this delivery; used to drop retries and duplicates. */
  eventId: string;
  actor: Actor;
  conversation: ConversationRef;
  receivedAt: Date;
  /**
   * The platform asked for an answer only the actor sees (a slash command or a mention in
   * a shared channel). Replies then go out ephemerally where the adapter supports it.
   */
  answerPrivately?: boolean;
}

/** Something done on a card kohort sent: a click or a form sent from it. */
interface OnCard extends InboundBase {
  /** The card's message, where the platform says which one it was. */
  messageId?: string;
  /** What the card should say was done: the button label, the picked option, the words sent. */
  label?: string;
  /** Adapter-private data about the card, enough to redraw it. */
  origin?: unknown;
}

/** A button or select choice. */
export interface ActionEvent extends OnCard {
  type: 'action';
  actionId: string;
  value: string;
  /** A drop-down's confirm button pressed with no option picked (value is then empty). */
  nothingChosen?: boolean;
}

/** A form's text, sent from the card (or a dialog the card opened). */
export interface FormEvent extends OnCard {
  type: 'form';
  formId: string;
  values: Record<string, string>;
}

/** A click or a form: after it was acted on, its card shows what happened. */
export type CardEvent = ActionEvent | FormEvent;

export type InboundEvent =
  /**
   * `onMessage`: the text is a shortcut taken on one of kohort's messages (a number reacted to
   * it on Matrix): it counts only as a choice offered there, never as typed text.
   */
  | (InboundBase & { type: 'message'; text: string; onMessage?: string })
  | (InboundBase & { type: 'command'; name: string; text: string })
  | ActionEvent
  | FormEvent
  | (InboundBase & { type: 'installed' })
  /** kohort was removed from the conversation (Teams installationUpdate): forget it. */
  | (InboundBase & { type: 'uninstalled' })
  /** The person opened the bot's home surface (Slack App Home). */
  | (InboundBase & { type: 'home_opened' })
  /**
   * Something kohort cannot act on. With `explain`, the person is told why (a message in an
   * end-to-end encrypted room kohort cannot read); the adapter asks for that once a room.
   */
  | (InboundBase & { type: 'unsupported'; reason: string; explain?: 'encrypted' });

export type InboundEventType = InboundEvent['type'];
