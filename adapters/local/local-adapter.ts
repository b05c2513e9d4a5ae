// The playground as a real ChannelAdapter: what the core sends lands in the transcript
// and reaches the browser over server-sent events, exactly as a proactive Slack or
// Teams message would reach a chat client. The transcript holds each message's latest
// state, so a clicked card is redrawn with the choice made.
import { randomUUID } from 'node:crypto';
import type { AdapterCapabilities, ChannelAdapter, PersonTarget, SentMessageRef } from '../../src/core/adapter.js';
import type { Clock } from '../../src/core/clock.js';
import { KohortError } from '../../src/core/errors.js';
import type { CardEvent, ConversationRef } from '../../src/core/events.js';
import { chartPng } from '../../src/ui/chart.js';
import { withChoiceShown } from '../../src/ui/choice.js';
import type { Message } from '../../src/ui/model.js';
import { channelKey, dmKey, type Transcript } from './transcript.js';

export { channelKey, dmKey } from './transcript.js';

export function dmReference(userId: string): ConversationRef {
  return { platform: 'local', key: dmKey(userId), kind: 'dm', reference: { conversation: dmKey(userId) } };
}

/** Charts travel as PNG pictures (data URIs) next to their bars, as a chat client would show them. */
function withChartPictures(msg: Message): Message {
  if (!msg.blocks.some((b) => b.type === 'chart')) return msg;
  return {
    blocks: msg.blocks.map((b) => (b.type === 'chart' ? { ...b, png: `data:image/png;base64,${chartPng(b).toString('base64')}` } : b)),
  };
}

export class LocalAdapter implements ChannelAdapter {
  readonly platform = 'local' as const;
  readonly capabilities: AdapterCapabilities;

  /** `textOnly`: behave like a plain-text chat (no buttons, no forms), to try kohort as it works on one. */
  constructor(
    private readonly transcript: Transcript,
    private readonly clock: Clock,
    options: { textOnly?: boolean } = {},
  ) {
    const rich = !options.textOnly;
    this.capabilities = { buttons: rich, forms: rich, threads: true, ephemeral: false, files: true, messageUpdates: true, home: false };
  }

  async sendToPerson(target: PersonTarget, msg: Message): Promise<SentMessageRef> {
    return this.append(dmKey(target.userId), msg);
  }

  async postToChannel(channelId: string, msg: Message, options?: { threadOf?: SentMessageRef }): Promise<SentMessageRef> {
    return this.append(channelKey(channelId), msg, options?.threadOf?.messageId);
  }

  async sendProactive(conversation: ConversationRef, msg: Message): Promise<SentMessageRef> {
    return this.append(conversation.key, msg);
  }

  async updateMessage(ref: SentMessageRef, msg: Message): Promise<void> {
    const existing = this.transcript.find(ref.conversationKey, ref.messageId);
    if (!existing) throw new KohortError('not_found', `no playground message ${ref.messageId}`);
    this.transcript.add({ ...existing, message: withChartPictures(msg), updatedAt: this.clock.now().toISOString() });
  }

  /** The used card, redrawn with the choice made (a click's label looked up on the card itself) and no live controls. */
  async confirmChoice(event: CardEvent): Promise<void> {
    const existing = this.cardOf(event);
    if (!existing?.message) return;
    const shown =
      event.type === 'action' ? withChoiceShown(existing.message, { actionId: event.actionId, value: event.value }) : withChoiceShown(existing.message, { formId: event.formId }, event.label);
    if (shown !== existing.message) this.transcript.add({ ...existing, message: shown, updatedAt: this.clock.now().toISOString() });
  }

  async replaceCard(event: CardEvent, msg: Message): Promise<boolean> {
    const existing = this.cardOf(event);
    if (!existing) return false;
    this.transcript.add({ ...existing, message: withChartPictures(msg), updatedAt: this.clock.now().toISOString() });
    return true;
  }

  private cardOf(event: CardEvent) {
    return event.messageId ? this.transcript.find(event.conversation.key, event.messageId) : undefined;
  }

  private append(conversation: string, msg: Message, threadOf?: string): SentMessageRef {
    const id = randomUUID();
    this.transcript.add({ id, conversation, from: 'bot', at: this.clock.now().toISOString(), message: withChartPictures(msg), ...(threadOf ? { threadOf } : {}) });
    return { platform: 'local', conversationKey: conversation, messageId: id };
  }
}
