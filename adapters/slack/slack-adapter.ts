// The ChannelAdapter for Slack: what the core sends becomes Web API calls, and what
// Slack delivers (already verified and parsed) is completed with the person's profile
// and handed to the core. Modals open here, within Slack's three-second trigger window,
// without a round trip through the core.
import type { AdapterCapabilities, ChannelAdapter, InboundSink, PersonTarget, SendOptions, SentMessageRef } from '../../src/core/adapter.js';
import type { Clock } from '../../src/core/clock.js';
import { DeliveryError } from '../../src/core/errors.js';
import { setBounded } from '../../src/core/bounded-map.js';
import type { CardEvent, ConversationRef, InboundEvent } from '../../src/core/events.js';
import type { Logger } from '../../src/core/logger.js';
import { chartPng } from '../../src/ui/chart.js';
import type { Message } from '../../src/ui/model.js';
import type { SlackDirectory } from './directory.js';
import type { ActionOrigin, SlackInbound } from './parse.js';
import { renderFormModal, renderHome, renderMessage, withChoiceShown } from './render.js';
import type { SlackApi, SlackSend } from './slack-api.js';

/** Slack accepts up to five answers through one response_url within thirty minutes. */
const RESPONSE_URL_TTL_MS = 30 * 60_000;
const RESPONSE_URL_USES = 5;
/** Open forms remembered with the message they were opened from (a modal is sent within minutes). */
const MAX_OPEN_FORMS = 1000;

interface StoredResponseUrl {
  url: string;
  expiresAt: number;
  usesLeft: number;
}

export class SlackAdapter implements ChannelAdapter {
  readonly platform = 'slack' as const;
  readonly capabilities: AdapterCapabilities = { buttons: true, forms: true, threads: true, ephemeral: true, files: true, messageUpdates: true, home: true };
  private readonly responseUrls = new Map<string, StoredResponseUrl>();
  /** The message each open modal was opened from, by the view's id: sent, its form is shown as sent there. */
  private readonly openForms = new Map<string, ActionOrigin>();

  constructor(
    private readonly api: SlackApi,
    private readonly directory: SlackDirectory,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  // --- outbound --------------------------------------------------------------------

  async sendToPerson(target: PersonTarget, msg: Message, options?: SendOptions): Promise<SentMessageRef> {
    return this.post(await this.directory.dmChannel(target.userId), msg, undefined, { priority: options?.priority, team: target.tenantId });
  }

  async postToChannel(channelId: string, msg: Message, options?: { threadOf?: SentMessageRef } & SendOptions): Promise<SentMessageRef> {
    return this.post(channelId, msg, options?.threadOf?.messageId, { priority: options?.priority });
  }

  async sendProactive(conversation: ConversationRef, msg: Message, options?: SendOptions): Promise<SentMessageRef> {
    return this.post(channelOf(conversation), msg, undefined, { priority: options?.priority, team: teamOf(conversation) });
  }

  async updateMessage(ref: SentMessageRef, msg: Message): Promise<void> {
    await this.api.call('chat.update', { channel: ref.conversationKey, ts: ref.messageId, ...renderMessage(msg) }, ref.conversationKey);
  }

  /**
   * A private answer in a shared conversation: through the request's response_url when
   * there is one (works even where the bot is not a member), else chat.postEphemeral,
   * else — if the bot cannot post there at all — a direct message.
   */
  async sendEphemeral(conversation: ConversationRef, userId: string, msg: Message): Promise<void> {
    const rendered = renderMessage(msg);
    const responseUrl = this.takeResponseUrl(conversation.key, userId);
    if (responseUrl) {
      await this.api.respond(responseUrl, { response_type: 'ephemeral', replace_original: false, ...rendered });
      return;
    }
    const channel = channelOf(conversation);
    try {
      await this.api.call('chat.postEphemeral', { channel, user: userId, ...rendered }, channel, { team: teamOf(conversation) });
    } catch (error) {
      if (!(error instanceof DeliveryError) || !['not_in_channel', 'channel_not_found'].includes(error.platformCode)) throw error;
      await this.sendToPerson({ platform: 'slack', userId }, msg);
    }
  }

  async publishHome(userId: string, msg: Message): Promise<void> {
    await this.api.call('views.publish', { user_id: userId, view: renderHome(msg) });
  }

  async confirmChoice(event: CardEvent): Promise<void> {
    const origin = this.cardOrigin(event);
    // Home tab buttons are redrawn with the home itself; without the message there is nothing to edit.
    if (!origin?.blockId || !origin.blocks || !event.label) return;
    await this.redraw(origin, withChoiceShown(origin.blocks, origin.blockId, event.label), origin.text ?? event.label);
  }

  async replaceCard(event: CardEvent, msg: Message): Promise<boolean> {
    const origin = this.cardOrigin(event);
    if (!origin) return false;
    const rendered = renderMessage(msg);
    return this.redraw(origin, rendered.blocks, rendered.text);
  }

  /** The message a click came from, or the one a sent form was opened from. */
  private cardOrigin(event: CardEvent): ActionOrigin | undefined {
    let origin: ActionOrigin | undefined;
    if (event.type === 'action') origin = event.origin as ActionOrigin | undefined;
    else {
      const viewId = (event.origin as { viewId?: string } | undefined)?.viewId;
      origin = viewId ? this.openForms.get(viewId) : undefined;
      if (viewId) this.openForms.delete(viewId);
    }
    return origin && !origin.inView ? origin : undefined;
  }

  private async redraw(origin: ActionOrigin, blocks: unknown[], text: string): Promise<boolean> {
    if (origin.ephemeral) {
      // Ephemeral messages cannot be edited with chat.update, only replaced through response_url.
      if (!origin.responseUrl) return false;
      await this.api.respond(origin.responseUrl, { replace_original: true, text, blocks });
      return true;
    }
    if (!origin.channel || !origin.messageTs) return false;
    await this.api.call('chat.update', { channel: origin.channel, ts: origin.messageTs, text, blocks }, origin.channel);
    return true;
  }

  async findUserByEmail(email: string): Promise<string | undefined> {
    return this.directory.userByEmail(email);
  }

  // --- inbound ---------------------------------------------------------------------

  /** Completes a parsed request and hands it to the core. Runs after Slack was acknowledged. */
  async handle(parsed: SlackInbound, sink: InboundSink): Promise<void> {
    if (parsed.kind === 'ignored') {
      this.logger.debug({ reason: parsed.reason }, 'slack request ignored');
      return;
    }
    if (parsed.kind === 'open_form') {
      const origin = { formId: parsed.spec.formId, inputId: parsed.spec.inputId, channel: parsed.channel ?? '', kind: parsed.channelKind };
      const opened = await this.api.call<{ view?: { id?: string } }>('views.open', { trigger_id: parsed.triggerId, view: renderFormModal(parsed.spec, origin) });
      if (opened.view?.id) setBounded(this.openForms, opened.view.id, parsed.origin, MAX_OPEN_FORMS);
      return;
    }
    const event = await this.complete(parsed.event, parsed.needsDmChannel === true);
    if (!event) return;
    if (parsed.responseUrl) this.storeResponseUrl(event.conversation.key, event.actor.userId, parsed.responseUrl);
    await sink.receive(event);
  }

  private async complete(event: InboundEvent, needsDmChannel: boolean): Promise<InboundEvent | undefined> {
    const profile = await this.directory.profile(event.actor.userId);
    // Other apps' bots may talk in kohort's channels; kohort only answers people.
    if (profile.isBot) return undefined;
    const actor = { ...event.actor, displayName: profile.displayName, email: profile.email, locale: profile.locale };
    if (!needsDmChannel) return { ...event, actor };
    const channel = await this.directory.dmChannel(event.actor.userId);
    const team = event.actor.tenantId;
    return { ...event, actor, conversation: { platform: 'slack', key: channel, kind: 'dm', reference: { channel, team } } };
  }

  private async post(channel: string, msg: Message, threadTs: string | undefined, send: SlackSend): Promise<SentMessageRef> {
    const rendered = renderMessage(msg);
    const result = await this.api.call<{ ts?: string; channel?: string }>(
      'chat.postMessage',
      { channel, ...rendered, ...(threadTs ? { thread_ts: threadTs } : {}), unfurl_links: false, unfurl_media: false },
      channel,
      send,
    );
    const ref: SentMessageRef = { platform: 'slack', conversationKey: result.channel ?? channel, messageId: result.ts ?? '' };
    await this.attachCharts(ref.conversationKey, msg);
    return ref;
  }

  /**
   * Slack has no chart block: the message carries the bars as text, and each chart follows
   * as a PNG. The message is already delivered, so a failed upload is logged, not thrown.
   */
  private async attachCharts(channel: string, msg: Message): Promise<void> {
    for (const block of msg.blocks) {
      if (block.type !== 'chart') continue;
      try {
        await this.api.uploadFile(channel, {
          filename: 'kohort-chart.png',
          bytes: chartPng(block),
          title: block.title,
          altText: `${block.title}: ${block.bars.map((b) => `${b.label} ${b.display ?? b.value}`).join(', ')}`,
        });
      } catch (error) {
        this.logger.warn({ reason: error instanceof DeliveryError ? error.platformCode : 'unknown' }, 'chart not uploaded; the text bars stand');
      }
    }
  }

  private storeResponseUrl(conversationKey: string, userId: string, url: string): void {
    const now = this.clock.now().getTime();
    for (const [key, stored] of this.responseUrls) if (stored.expiresAt <= now) this.responseUrls.delete(key);
    this.responseUrls.set(`${conversationKey}:${userId}`, { url, expiresAt: now + RESPONSE_URL_TTL_MS, usesLeft: RESPONSE_URL_USES });
  }

  private takeResponseUrl(conversationKey: string, userId: string): string | undefined {
    const key = `${conversationKey}:${userId}`;
    const stored = this.responseUrls.get(key);
    if (!stored || stored.expiresAt <= this.clock.now().getTime()) return undefined;
    stored.usesLeft -= 1;
    if (stored.usesLeft <= 0) this.responseUrls.delete(key);
    return stored.url;
  }
}

/** The workspace a stored conversation belongs to: its posting budget is that workspace's. */
function teamOf(conversation: ConversationRef): string | undefined {
  const reference = conversation.reference as { team?: unknown } | null;
  return typeof reference?.team === 'string' && reference.team ? reference.team : undefined;
}

function channelOf(conversation: ConversationRef): string {
  const reference = conversation.reference as { channel?: unknown } | null;
  return typeof reference?.channel === 'string' ? reference.channel : conversation.key;
}
