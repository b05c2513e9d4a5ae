// The ChannelAdapter for Teams: what the core sends goes out through botbuilder's
// CloudAdapter as proactive activities (continueConversationAsync from a stored
// reference, createConversationAsync when only the person is known), paced per
// conversation. Every connector request waits for its turn in the tenant's budget
// (connector-http.ts: people's answers first, at a rate learned from Teams' answers);
// 429 and 5xx answers are retried by the Bot Framework client's own pipeline (Retry-After
// honoured, exponential backoff); 403 and 404 become permanent DeliveryErrors so the core
// can mark the person unreachable.
import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { AdapterCapabilities, ChannelAdapter, PersonTarget, SendOptions, SendPriority, SentMessageRef } from '../../src/core/adapter.js';
import type { Clock } from '../../src/core/clock.js';
import { DeliveryError } from '../../src/core/errors.js';
import type { CardEvent, ConversationRef } from '../../src/core/events.js';
import { setBounded } from '../../src/core/bounded-map.js';
import { Pacer } from '../../src/core/pacer.js';
import type { Message } from '../../src/ui/model.js';
import { inConnectorScope, type ConnectorScope } from './connector-http.js';
import { TEAMS_LIMITS } from './limits.js';
import { teamsDeliveryError } from './errors.js';
import type { TeamsReference } from './parse.js';
import { CARD_CONTENT_TYPE, renderCard, summaryOf, withChoiceShown, type AdaptiveCard, type UsedControl } from './render.js';

/** Where a used card came from, as the parser records it. */
interface CardOrigin {
  replyToId?: string;
  used: UsedControl;
}

const MAX_REMEMBERED = 2000;

export interface TeamsAdapterOptions {
  /** The bot's Microsoft app id; empty when running unauthenticated (Emulator). */
  appId: string;
  /** Where to open new 1:1 chats when no conversation is known yet. */
  serviceUrl: string;
  /** Tenant for new 1:1 chats when the person's own is not known. */
  tenantId?: string;
  clock: Clock;
}

/** The budget key of requests whose tenant is not known (the app's own when configured). */
export const UNKNOWN_TENANT = 'default';

export class TeamsChannelAdapter implements ChannelAdapter {
  readonly platform = 'teams' as const;
  /** No ephemeral messages and no home surface: a private answer goes to the person's 1:1 chat. */
  readonly capabilities: AdapterCapabilities = { buttons: true, forms: true, threads: true, ephemeral: false, files: true, messageUpdates: true, home: false };
  private readonly pacer: Pacer;
  /**
   * Each card's latest state, by activity id: what kohort sent, updated or returned as the
   * answer to a click. The one place a card is remembered, so a second click on the same
   * card starts from what the person sees (the first choice stamped), not from the original.
   */
  private readonly cards = new Map<string, AdaptiveCard>();
  /** Personal chats seen, by user: a private answer goes there. */
  private readonly personalChats = new Map<string, TeamsReference>();
  /** Updated cards waiting to be returned as the answer to an Action.Execute invoke. */
  private readonly invokeCards = new Map<string, AdaptiveCard>();

  constructor(
    private readonly cloud: CloudAdapter,
    private readonly options: TeamsAdapterOptions,
  ) {
    this.pacer = new Pacer(options.clock, TEAMS_LIMITS.minIntervalMs);
  }

  /** Called for every inbound activity: the freshest reference of a personal chat wins. */
  rememberPersonalChat(userId: string, reference: TeamsReference): void {
    if (reference.conversation.conversationType && reference.conversation.conversationType !== 'personal') return;
    setBounded(this.personalChats, userId, reference, MAX_REMEMBERED);
  }

  async sendProactive(conversation: ConversationRef, msg: Message, options?: SendOptions): Promise<SentMessageRef> {
    return this.send(conversation.reference as TeamsReference, msg, options?.priority);
  }

  async sendToPerson(target: PersonTarget, msg: Message, options?: SendOptions): Promise<SentMessageRef> {
    const known = this.personalChats.get(target.userId);
    if (known) return this.send(known, msg, options?.priority);
    return this.openPersonalChat(target, msg, options?.priority);
  }

  async postToChannel(channelId: string, msg: Message, options?: { threadOf?: SentMessageRef } & SendOptions): Promise<SentMessageRef> {
    const id = options?.threadOf ? `${channelId};messageid=${options.threadOf.messageId}` : channelId;
    return this.send(
      {
        serviceUrl: this.options.serviceUrl,
        channelId: 'msteams',
        conversation: { id, conversationType: 'channel', isGroup: true, tenantId: this.options.tenantId },
        bot: { id: this.options.appId },
        tenantId: this.options.tenantId,
      },
      msg,
      options?.priority,
    );
  }

  async updateMessage(ref: SentMessageRef, msg: Message): Promise<void> {
    const reference = this.referenceFor(ref.conversationKey);
    const card = renderCard(msg);
    await this.withContext(reference, (ctx) => ctx.updateActivity({ id: ref.messageId, type: 'message', summary: summaryOf(msg), attachments: [{ contentType: CARD_CONTENT_TYPE, content: card }] }));
    this.remember(ref.messageId, card);
  }

  private remember(activityId: string, card: AdaptiveCard): void {
    setBounded(this.cards, activityId, card, MAX_REMEMBERED);
  }

  async confirmChoice(event: CardEvent): Promise<void> {
    const origin = event.origin as CardOrigin | undefined;
    if (!origin || !event.label) return;
    const original = origin.replyToId ? this.cards.get(origin.replyToId) : undefined;
    // Unless the card was not known (sent before a restart): then the bare choice shown is no state to build the next click on.
    await this.redraw(event, withChoiceShown(original, origin.used, event.label), original !== undefined);
  }

  async replaceCard(event: CardEvent, msg: Message): Promise<boolean> {
    return this.redraw(event, renderCard(msg), true);
  }

  /** The used card drawn anew: as the answer to an Action.Execute invoke, else by updating the message it was. */
  private async redraw(event: CardEvent, card: AdaptiveCard, isState: boolean): Promise<boolean> {
    const { replyToId } = (event.origin as CardOrigin | undefined) ?? {};
    if (this.invokeEvents.has(event.eventId)) {
      // Action.Execute: the updated card is the answer to the invoke itself, and from now on the card's state.
      this.invokeCards.set(event.eventId, card);
      if (isState && replyToId) this.remember(replyToId, card);
      return true;
    }
    if (!replyToId) return false;
    const reference = event.conversation.reference as TeamsReference;
    await this.withContext(reference, (ctx) => ctx.updateActivity({ id: replyToId, type: 'message', attachments: [{ contentType: CARD_CONTENT_TYPE, content: card }] }));
    if (isState) this.remember(replyToId, card);
    return true;
  }

  /** Events that arrived as Action.Execute invokes; their card update is returned, not sent. */
  private readonly invokeEvents = new Set<string>();

  expectInvokeAnswer(eventId: string): void {
    this.invokeEvents.add(eventId);
  }

  /** The updated card for an invoke's answer, if the core showed a choice; forgets the invoke. */
  takeInvokeCard(eventId: string): AdaptiveCard | undefined {
    const card = this.invokeCards.get(eventId);
    this.invokeCards.delete(eventId);
    this.invokeEvents.delete(eventId);
    return card;
  }

  private async send(reference: TeamsReference, msg: Message, priority: SendPriority = 'interactive'): Promise<SentMessageRef> {
    const card = renderCard(msg);
    const activity = { type: 'message', summary: summaryOf(msg), attachments: [{ contentType: CARD_CONTENT_TYPE, content: card }] };
    let id = '';
    await this.pacer.run(
      reference.conversation.id,
      (urgent) =>
        this.withContext(
          reference,
          async (ctx) => {
            id = (await ctx.sendActivity(activity))?.id ?? '';
          },
          priority,
          urgent,
        ),
      priority === 'interactive',
    );
    if (id) this.remember(id, card);
    return { platform: 'teams', conversationKey: reference.conversation.id, messageId: id };
  }

  /** A 1:1 chat opened by kohort, for a person it has never talked to (createConversationAsync). */
  private async openPersonalChat(target: PersonTarget, msg: Message, priority: SendPriority = 'interactive'): Promise<SentMessageRef> {
    const tenantId = target.tenantId ?? this.options.tenantId;
    let opened: TeamsReference | undefined;
    await this.call({ priority, tenant: tenantId ?? UNKNOWN_TENANT }, (capture) =>
      this.cloud.createConversationAsync(
        this.options.appId,
        'msteams',
        this.options.serviceUrl,
        'https://api.botframework.com',
        {
          isGroup: false,
          bot: { id: this.options.appId, name: 'kohort' },
          members: [{ id: target.userId, name: '' }],
          tenantId,
          channelData: { tenant: { id: tenantId } },
          activity: undefined as never,
        },
        capture(async (ctx) => {
          opened = {
            serviceUrl: ctx.activity.serviceUrl,
            channelId: 'msteams',
            conversation: { id: ctx.activity.conversation.id, conversationType: 'personal', tenantId },
            bot: { id: this.options.appId },
            user: { id: target.userId },
            tenantId,
          };
        }),
      ),
    );
    if (!opened) throw new DeliveryError('transient', 'conversation_not_created', 'Teams did not open a chat');
    setBounded(this.personalChats, target.userId, opened, MAX_REMEMBERED);
    return this.send(opened, msg, priority);
  }

  private referenceFor(conversationKey: string): TeamsReference {
    const personal = [...this.personalChats.values()].find((r) => r.conversation.id === conversationKey);
    return personal ?? { serviceUrl: this.options.serviceUrl, channelId: 'msteams', conversation: { id: conversationKey }, bot: { id: this.options.appId } };
  }

  /** A proactive turn in `reference`'s conversation; its requests count against that tenant's budget at `priority`. */
  private async withContext(reference: TeamsReference, logic: (ctx: TurnContext) => Promise<unknown>, priority: SendPriority = 'interactive', urgent?: AbortSignal): Promise<void> {
    const conversation = { ...reference.conversation, isGroup: reference.conversation.isGroup ?? false, conversationType: reference.conversation.conversationType ?? 'personal', name: '' };
    await this.call({ priority, tenant: this.tenantOf(reference), urgent }, (capture) =>
      this.cloud.continueConversationAsync(this.options.appId, { ...reference, conversation } as never, capture(logic)),
    );
  }

  /**
   * Runs a proactive turn and turns Bot Framework refusals into DeliveryErrors (the client
   * already retried 429 and 5xx). Errors inside the turn would otherwise end in the
   * adapter's onTurnError and never reach the caller, so `capture` carries them out.
   */
  /** Whose budget a conversation's requests count against. */
  tenantOf(reference: Pick<TeamsReference, 'tenantId' | 'conversation'>): string {
    return reference.tenantId ?? reference.conversation.tenantId ?? this.options.tenantId ?? UNKNOWN_TENANT;
  }

  private async call(scope: ConnectorScope, work: (capture: (logic: (ctx: TurnContext) => Promise<unknown>) => (ctx: TurnContext) => Promise<void>) => Promise<void>): Promise<void> {
    let failure: unknown;
    const capture = (logic: (ctx: TurnContext) => Promise<unknown>) => async (ctx: TurnContext) => {
      try {
        await logic(ctx);
      } catch (error) {
        failure = error;
      }
    };
    try {
      await inConnectorScope(scope, () => work(capture));
      if (failure) throw failure;
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      throw teamsDeliveryError(status, error);
    }
  }
}
