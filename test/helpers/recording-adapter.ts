// A ChannelAdapter that records what the core sends, for use-case tests. It stands in
// for the delivery side only; the database, router and translator under test are real.
import type { AdapterCapabilities, ChannelAdapter, PersonTarget, SentMessageRef } from '../../src/core/adapter.js';
import type { ActionEvent, ConversationRef, InboundEvent, Platform } from '../../src/core/events.js';
import type { Message } from '../../src/ui/model.js';
import { toPlainText } from '../../src/ui/plain-text.js';

export class RecordingAdapter implements ChannelAdapter {
  readonly sent: { conversation: string; message: Message; threadOf?: string }[] = [];
  readonly ephemeral: { conversation: string; userId: string; message: Message }[] = [];
  readonly homes: { userId: string; message: Message }[] = [];
  /** Clicks the core asked to show as chosen on their card. */
  readonly confirmed: ActionEvent[] = [];
  /** When set, every send fails with this error (a platform refusing messages). */
  failWith?: Error;
  readonly capabilities: AdapterCapabilities;
  /** `textOnly`: a platform without buttons or forms (a plain-text chat). */
  constructor(
    readonly platform: Platform = 'local',
    options: { textOnly?: boolean } = {},
  ) {
    const rich = !options.textOnly;
    this.capabilities = { buttons: rich, forms: rich, threads: true, ephemeral: true, files: true, messageUpdates: rich, home: true };
  }

  async sendEphemeral(conversation: ConversationRef, userId: string, msg: Message): Promise<void> {
    if (this.failWith) throw this.failWith;
    this.ephemeral.push({ conversation: conversation.key, userId, message: msg });
  }
  async publishHome(userId: string, msg: Message): Promise<void> {
    this.homes.push({ userId, message: msg });
  }
  async confirmChoice(event: ActionEvent): Promise<void> {
    this.confirmed.push(event);
  }

  private record(conversation: string, msg: Message, threadOf?: string): SentMessageRef {
    if (this.failWith) throw this.failWith;
    this.sent.push({ conversation, message: msg, ...(threadOf ? { threadOf } : {}) });
    return { platform: this.platform, conversationKey: conversation, messageId: String(this.sent.length) };
  }
  async sendToPerson(target: PersonTarget, msg: Message) {
    return this.record(`dm:${target.userId}`, msg);
  }
  async postToChannel(channelId: string, msg: Message, options?: { threadOf?: SentMessageRef }) {
    return this.record(`channel:${channelId}`, msg, options?.threadOf?.messageId);
  }
  async updateMessage(): Promise<void> {}
  async sendProactive(conversation: ConversationRef, msg: Message) {
    return this.record(conversation.key, msg);
  }
  lastText(): string {
    const last = this.sent.at(-1);
    return last ? toPlainText(last.message) : '';
  }
}

let counter = 0;
export function messageFrom(userId: string, text: string, extra: Partial<InboundEvent> = {}): InboundEvent {
  counter += 1;
  return {
    type: 'message',
    text,
    eventId: `evt-${counter}-${Math.random().toString(36).slice(2)}`,
    actor: { platform: 'local', userId },
    conversation: { platform: 'local', key: `dm:${userId}`, kind: 'dm', reference: { conversation: `dm:${userId}` } },
    receivedAt: new Date(),
    ...extra,
  } as InboundEvent;
}
