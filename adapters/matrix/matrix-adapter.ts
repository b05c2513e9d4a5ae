// The ChannelAdapter for Matrix: what the core sends becomes room events. Matrix has no
// buttons or forms — the core's typed fallback numbers choices before they get here — but
// it has threads, edits (`m.replace`) and pictures (`m.image`). Sends into one room keep
// their order (a pacer per room) and take turns in one budget for the bot's account, people's
// answers first; M_LIMIT_EXCEEDED is waited out for as long as `retry_after_ms` says.
import type { AdapterCapabilities, ChannelAdapter, PersonTarget, SendOptions, SendPriority, SentMessageRef } from '../../src/core/adapter.js';
import { setBounded } from '../../src/core/bounded-map.js';
import type { Clock } from '../../src/core/clock.js';
import { DeliveryError } from '../../src/core/errors.js';
import type { CardEvent, ConversationRef } from '../../src/core/events.js';
import type { Logger } from '../../src/core/logger.js';
import { Pacer } from '../../src/core/pacer.js';
import type { SendBudget } from '../../src/core/send-budget.js';
import { chartPng } from '../../src/ui/chart.js';
import { text, type Block, type Message } from '../../src/ui/model.js';
import { DirectRooms } from './direct-rooms.js';
import { matrixDeliveryError, refusalOf } from './errors.js';
import type { Homeserver } from './homeserver.js';
import type { MatrixReference } from './parse.js';
import { inThread, renderEdit, renderText } from './render.js';

/** A refusal for the rate is waited out this many times before the send fails as rate limited. */
const MAX_RATE_LIMIT_RETRIES = 3;
/** Without `retry_after_ms` a refusal for the rate waits this long. */
const DEFAULT_RETRY_AFTER_MS = 1000;
/** Sent messages remembered to stamp a choice on (a choice is typed within minutes). */
const MAX_REMEMBERED = 2000;

export class MatrixAdapter implements ChannelAdapter {
  readonly platform = 'matrix' as const;
  readonly capabilities: AdapterCapabilities = { buttons: false, forms: false, threads: true, ephemeral: false, files: true, messageUpdates: true, home: false };
  private readonly pacer: Pacer;
  private readonly sent = new Map<string, Message>();
  readonly directRooms: DirectRooms;

  constructor(
    private readonly homeserver: Homeserver,
    private readonly budget: SendBudget,
    clock: Clock,
    private readonly logger: Logger,
  ) {
    this.pacer = new Pacer(clock, 0);
    this.directRooms = new DirectRooms(homeserver, logger);
  }

  // --- outbound --------------------------------------------------------------------

  async sendToPerson(target: PersonTarget, msg: Message, options?: SendOptions): Promise<SentMessageRef> {
    return this.post(await this.directRooms.roomFor(target.userId), msg, options?.priority);
  }

  async postToChannel(channelId: string, msg: Message, options?: { threadOf?: SentMessageRef } & SendOptions): Promise<SentMessageRef> {
    return this.post(channelId, msg, options?.priority, options?.threadOf?.messageId);
  }

  async sendProactive(conversation: ConversationRef, msg: Message, options?: SendOptions): Promise<SentMessageRef> {
    const reference = conversation.reference as MatrixReference | undefined;
    const roomId = reference?.roomId ?? conversation.key;
    // A person who left their direct room is not followed into a new one: they are unreachable until they write again.
    if (reference?.userId) this.directRooms.assertStillThere(roomId, reference.userId);
    return this.post(roomId, msg, options?.priority);
  }

  async updateMessage(ref: SentMessageRef, msg: Message): Promise<void> {
    await this.send(ref.conversationKey, 'm.room.message', renderEdit(ref.messageId, msg), 'interactive');
    setBounded(this.sent, ref.messageId, msg, MAX_REMEMBERED);
  }

  /** The offering message loses its numbered choices and shows the one made. */
  async confirmChoice(event: CardEvent): Promise<void> {
    const shown = event.messageId ? this.sent.get(event.messageId) : undefined;
    if (!shown || !event.messageId || !event.label) return;
    const blocks: Block[] = [...shown.blocks.filter((b) => !(b.type === 'text' && b.offer)), text(`✓ ${event.label}`, 'muted')];
    await this.updateMessage({ platform: 'matrix', conversationKey: event.conversation.key, messageId: event.messageId }, { blocks });
  }

  async replaceCard(event: CardEvent, msg: Message): Promise<boolean> {
    if (!event.messageId || !this.sent.has(event.messageId)) return false;
    await this.updateMessage({ platform: 'matrix', conversationKey: event.conversation.key, messageId: event.messageId }, msg);
    return true;
  }

  /** The message as one `m.text` event (in `threadOf`'s thread), each chart after it as an `m.image`. */
  private async post(roomId: string, msg: Message, priority: SendPriority = 'interactive', threadOf?: string): Promise<SentMessageRef> {
    const content = renderText(msg);
    const messageId = await this.send(roomId, 'm.room.message', threadOf ? inThread(content, threadOf) : content, priority);
    setBounded(this.sent, messageId, msg, MAX_REMEMBERED);
    for (const block of msg.blocks) {
      if (block.type !== 'chart') continue;
      try {
        await this.sendChart(roomId, block, priority, threadOf);
      } catch (error) {
        // The bars stand as text in the message; a picture that did not arrive takes nothing from it.
        this.logger.warn({ reason: error instanceof DeliveryError ? error.platformCode : 'unknown' }, 'chart not uploaded; the text bars stand');
      }
    }
    return { platform: 'matrix', conversationKey: roomId, messageId };
  }

  private async sendChart(roomId: string, chart: Extract<Block, { type: 'chart' }>, priority: SendPriority, threadOf?: string): Promise<void> {
    const png = chartPng(chart);
    const url = await this.homeserver.upload(png, { contentType: 'image/png', name: 'kohort-chart.png' }).catch((error: unknown) => {
      const refusal = refusalOf(error);
      throw matrixDeliveryError(refusal.code, `upload: ${refusal.code}`, { cause: error });
    });
    const image = { msgtype: 'm.image', body: chart.title, filename: 'kohort-chart.png', url, info: { mimetype: 'image/png', size: png.byteLength }, 'm.mentions': {} };
    await this.send(roomId, 'm.room.message', threadOf ? inThread(image, threadOf) : image, priority);
  }

  /** One event into a room, in the room's order and the account's budget; refusals become DeliveryErrors. */
  private send(roomId: string, eventType: string, content: object, priority: SendPriority): Promise<string> {
    return this.pacer.run(
      roomId,
      async (urgent) => {
        for (let retry = 0; ; retry += 1) {
          const permit = await this.budget.acquire(priority, urgent);
          try {
            const eventId = await this.homeserver.send(roomId, eventType, content);
            permit.accepted();
            return eventId;
          } catch (error) {
            const refusal = refusalOf(error);
            if (refusal.code !== 'M_LIMIT_EXCEEDED') {
              permit.failed();
              throw matrixDeliveryError(refusal.code, `send: ${refusal.code}`, { cause: error });
            }
            const waitMs = refusal.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS;
            this.logger.warn({ retryAfterMs: waitMs }, 'matrix rate limit: waiting');
            // The refusal holds the account's budget (every replica's) until the wait is over;
            // the retry then waits for its turn like any send.
            await permit.refused(waitMs);
            if (retry >= MAX_RATE_LIMIT_RETRIES) throw matrixDeliveryError('M_LIMIT_EXCEEDED', 'send: still rate limited', { cause: error });
          }
        }
      },
      priority === 'interactive',
    );
  }
}
