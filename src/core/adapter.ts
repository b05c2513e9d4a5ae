// The one port every platform adapter implements. Each adapter declares what its platform
// can do; the core falls back where it cannot (an ephemeral reply becomes a direct
// message, buttons become numbered choices answered by typing, a thread part follows as
// a message of its own). Optional abilities are optional methods, declared by the flags.
import type { Message } from '../ui/model.js';
import type { CardEvent, ConversationRef, InboundEvent, Platform } from './events.js';

/** What a send returns: enough to update the message later. */
export interface SentMessageRef {
  platform: Platform;
  conversationKey: string;
  messageId: string;
}

/**
 * Who is waiting for a send. A person's command, click or form answer is `interactive`
 * (the default); what kohort starts itself — reminders, broadcasts, summaries, everything
 * the outbox sends — is `bulk`. Within a platform's budget interactive sends always go
 * first, and bulk sends take every turn left over.
 */
export type SendPriority = 'interactive' | 'bulk';

export interface SendOptions {
  priority?: SendPriority;
}

export interface PersonTarget {
  platform: Platform;
  userId: string;
  tenantId?: string;
}

/** What a platform can show and do; the contract suite checks the flags against the methods. */
export interface AdapterCapabilities {
  /** Buttons and drop-downs a person can click (else: numbered choices, answered by typing). */
  buttons: boolean;
  /** Text inputs with a submit button (else: the next typed message is the answer). */
  forms: boolean;
  /** Replies in the thread of a channel post (else: the thread part follows as its own post). */
  threads: boolean;
  /** Answers only the actor sees in a shared conversation (sendEphemeral). */
  ephemeral: boolean;
  /** Pictures such as the results chart (else: the bars stay as text). */
  files: boolean;
  /** Editing a sent message, e.g. stamping a clicked card with the choice (confirmChoice, replaceCard, updateMessage). */
  messageUpdates: boolean;
  /** A home surface of its own (publishHome). */
  home: boolean;
}

export interface ChannelAdapter {
  readonly platform: Platform;
  readonly capabilities: AdapterCapabilities;
  sendToPerson(target: PersonTarget, msg: Message, options?: SendOptions): Promise<SentMessageRef>;
  postToChannel(channelId: string, msg: Message, options?: { threadOf?: SentMessageRef } & SendOptions): Promise<SentMessageRef>;
  updateMessage(ref: SentMessageRef, msg: Message): Promise<void>;
  /** Sends into a conversation known only from a stored reference (reminders, replies). */
  sendProactive(conversation: ConversationRef, msg: Message, options?: SendOptions): Promise<SentMessageRef>;
  sendEphemeral?(conversation: ConversationRef, userId: string, msg: Message): Promise<void>;
  /** Shows the person's home surface (Slack App Home); platforms without one omit it. */
  publishHome?(userId: string, msg: Message): Promise<void>;
  /**
   * After a click or a form was acted on: the card shows what was done (the controls that
   * were used become "✓ <event.label>") and has no live controls left.
   */
  confirmChoice?(event: CardEvent): Promise<void>;
  /**
   * After a click or a form was acted on: the card is redrawn as `msg` (a decision's
   * settings changed in place). False when the card cannot be found to redraw.
   */
  replaceCard?(event: CardEvent, msg: Message): Promise<boolean>;
  /** The platform user id for an e-mail address, if the platform can look one up. */
  findUserByEmail?(email: string): Promise<string | undefined>;
}

/** The narrow port adapters push neutral events through; the core never reaches into an adapter. */
export interface InboundSink {
  receive(event: InboundEvent): Promise<void>;
}
