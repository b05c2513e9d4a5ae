// Sends a reply's messages back where the event came from: privately where the platform
// asked for that and can (a slash command, a mention in a shared channel), else into the
// conversation.
import type { InboundEvent } from '../core/events.js';
import type { Reply } from '../application/reply.js';
import type { Session } from '../application/session.js';
import type { ChatContext } from './context.js';

export class Responder {
  constructor(
    private readonly chat: ChatContext,
    private readonly event: InboundEvent,
  ) {}

  /** `session` words what the platform needs added (typed choices on a plain-text platform). */
  async send(reply: Reply, session: Session): Promise<void> {
    const { conversation, actor, answerPrivately } = this.event;
    const adapter = this.chat.adapters.get(conversation.platform);
    if (!adapter) throw new Error(`no adapter for ${conversation.platform}`);
    for (const msg of reply.messages) {
      const prepared = this.chat.typed.prepare(adapter, msg, session);
      if (answerPrivately && adapter.sendEphemeral) {
        await adapter.sendEphemeral(conversation, actor.userId, prepared.message);
      } else {
        await prepared.sent(await adapter.sendProactive(conversation, prepared.message));
      }
    }
  }
}
