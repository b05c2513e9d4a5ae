// The playground as a real ChannelAdapter: what the core sends lands in the transcript
// and reaches the browser over server-sent events, exactly as a proactive Slack or
// Teams message would reach a chat client.
import { randomUUID } from 'node:crypto';
import type { ChannelAdapter, PersonTarget, SentMessageRef } from '../../src/core/adapter.js';
import type { Clock } from '../../src/core/clock.js';
import type { ConversationRef } from '../../src/core/events.js';
import { KohortError } from '../../src/core/errors.js';
import { chartPng } from '../../src/ui/chart.js';
import type { Message } from '../../src/ui/model.js';
import type { Transcript } from './transcript.js';

export const dmKey = (userId: string) => `dm:${userId}`;
export const channelKey = (channelId: string) => `channel:${channelId}`;

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

  constructor(
    private readonly transcript: Transcript,
    private readonly clock: Clock,
  ) {}

  async sendToPerson(target: PersonTarget, msg: Message): Promise<SentMessageRef> {
    return this.append(dmKey(target.userId), msg);
  }

  async postToChannel(channelId: string, msg: Message, options?: { threadOf?: SentMessageRef }): Promise<SentMessageRef> {
    return this.append(channelKey(channelId), msg, options?.threadOf?.messageId);
  }

  async sendProactive(conversation: ConversationRef, msg: Message): Promise<SentMessageRef> {
    return this.append(conversation.key, msg);
  }

  async sendEphemeral(conversation: ConversationRef, _userId: string, msg: Message): Promise<void> {
    await this.append(conversation.key, msg);
  }

  async updateMessage(ref: SentMessageRef, msg: Message): Promise<void> {
    const existing = this.transcript.find(ref.conversationKey, ref.messageId);
    if (!existing) throw new KohortError('not_found', `no playground message ${ref.messageId}`);
    this.transcript.add({ ...existing, message: msg, updatedAt: this.clock.now().toISOString() });
  }

  private append(conversation: string, msg: Message, threadOf?: string): SentMessageRef {
    const id = randomUUID();
    this.transcript.add({ id, conversation, from: 'bot', at: this.clock.now().toISOString(), message: withChartPictures(msg), ...(threadOf ? { threadOf } : {}) });
    return { platform: 'local', conversationKey: conversation, messageId: id };
  }
}
