// Sends a reply's messages back where the event came from, as the platform can show them:
// a private answer (a slash command, a mention in a shared channel) ephemerally where the
// platform has ephemeral messages, else in the person's direct conversation; everything
// else into the conversation.
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
    // One reply is one offer on a plain-text platform: its choices are numbered straight through.
    // Remembered only for one person's direct conversation (a private answer goes to theirs).
    const prepared = this.chat.typed.prepareReply(adapter, reply.messages, session, conversation.kind === 'dm' || Boolean(answerPrivately));
    for (const msg of prepared.messages) {
      if (answerPrivately && adapter.capabilities.ephemeral && adapter.sendEphemeral) {
        await adapter.sendEphemeral(conversation, actor.userId, msg);
      } else if (answerPrivately) {
        await prepared.sent(await adapter.sendToPerson({ platform: actor.platform, userId: actor.userId, ...(actor.tenantId ? { tenantId: actor.tenantId } : {}) }, msg), msg);
      } else {
        await prepared.sent(await adapter.sendProactive(conversation, msg), msg);
      }
    }
  }
}
