// The one port every platform adapter implements. Optional capabilities are optional
// methods; the core falls back (e.g. an ephemeral reply becomes a direct message).
import type { Message } from '../ui/model.js';
import type { ActionEvent, ConversationRef, InboundEvent, Platform } from './events.js';

/** What a send returns: enough to update the message later. */
export interface SentMessageRef {
  platform: Platform;
  conversationKey: string;
  messageId: string;
}

export interface PersonTarget {
  platform: Platform;
  userId: string;
  tenantId?: string;
}

export interface ChannelAdapter {
  readonly platform: Platform;
  sendToPerson(target: PersonTarget, msg: Message): Promise<SentMessageRef>;
  postToChannel(channelId: string, msg: Message, options?: { threadOf?: SentMessageRef }): Promise<SentMessageRef>;
  updateMessage(ref: SentMessageRef, msg: Message): Promise<void>;
  /** Sends into a conversation known only from a stored reference (reminders, replies). */
  sendProactive(conversation: ConversationRef, msg: Message): Promise<SentMessageRef>;
  sendEphemeral?(conversation: ConversationRef, userId: string, msg: Message): Promise<void>;
  /** Shows the person's home surface (Slack App Home); platforms without one omit it. */
  publishHome?(userId: string, msg: Message): Promise<void>;
  /** After a choice was handled: replace the clicked controls with the chosen answer. */
  confirmChoice?(event: ActionEvent): Promise<void>;
  /** The platform user id for an e-mail address, if the platform can look one up. */
  findUserByEmail?(email: string): Promise<string | undefined>;
}

/** The narrow port adapters push neutral events through; the core never reaches into an adapter. */
export interface InboundSink {
  receive(event: InboundEvent): Promise<void>;
}
