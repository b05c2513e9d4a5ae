// kohort on a platform without buttons or forms: what is sent there shows numbered
// choices and questions instead (ui/typed-choices.ts), what a reply offered in a direct
// conversation is remembered, and a typed "2", the words of a choice, or the answer to an
// open question comes back as the click or the form it stands for. Features never know.
import type { ChannelAdapter, SentMessageRef } from '../core/adapter.js';
import type { Clock } from '../core/clock.js';
import type { ActionEvent, InboundEvent } from '../core/events.js';
import type { PromptStore } from '../domain/ports.js';
import type { Params } from '../i18n/i18n.js';
import type { Message } from '../ui/model.js';
import { asTypedChoices, type OfferedPrompt } from '../ui/typed-choices.js';

/** An offer older than this is not answered by a typed number any more: the person has moved on. */
const OFFER_LIFETIME_MS = 24 * 3600_000;

export interface Prepared {
  messages: Message[];
  /** Remembers what the reply offered, once a message of it (`msg`, one of `messages`) was sent to the person. */
  sent(ref: SentMessageRef, msg: Message): Promise<void>;
}

/** What a typed message in a direct conversation stands for, against what was last offered there. */
export type TypedReading = { kind: 'choice'; event: ActionEvent } | { kind: 'answer'; event: InboundEvent; remaining: OfferedPrompt } | undefined;

const normalise = (text: string) => text.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();

export class TypedFallback {
  constructor(
    private readonly prompts: PromptStore,
    private readonly clock: Clock,
  ) {}

  /** Whether the adapter needs this at all: a platform with buttons and forms does not. */
  static needed(adapter: ChannelAdapter): boolean {
    return !adapter.capabilities.buttons || !adapter.capabilities.forms;
  }

  /**
   * One reply's messages as the adapter can show them; `speaker` words the hints in the
   * reader's language. Only what goes to one person's direct conversation is remembered
   * (`remember`): in a shared one, anyone's next message could otherwise answer for them.
   */
  prepareReply(adapter: ChannelAdapter, messages: readonly Message[], speaker: { t(key: string, params?: Params): string }, remember = true): Prepared {
    if (!TypedFallback.needed(adapter)) return { messages: [...messages], sent: async () => undefined };
    const { messages: shown, prompt: offer } = asTypedChoices(
      messages,
      { buttons: !adapter.capabilities.buttons, forms: !adapter.capabilities.forms },
      { choose: (count) => speaker.t('common.typed.choose', { count }), answer: speaker.t('common.typed.answer') },
    );
    // The last message with numbered choices is the one a choice is shown on afterwards.
    const offering = shown.findLast((m) => m.blocks.some((b) => b.type === 'text' && b.offer && b.tone === 'muted'));
    let prompt = offer;
    return {
      messages: shown,
      // A reply that offers nothing leaves the earlier offer standing ("Sparat!" after a card),
      // and an open question stays open until answered or replaced by another question.
      sent: async (ref, msg) => {
        if (!prompt || !remember) return;
        if (msg === offering) prompt = { ...prompt, messageId: ref.messageId };
        const earlier = prompt.form ? undefined : (await this.prompts.latest(ref.platform, ref.conversationKey))?.prompt.form;
        await this.prompts.remember(ref.platform, ref.conversationKey, earlier ? { ...prompt, form: earlier } : prompt, this.clock.now());
      },
    };
  }

  /**
   * A typed message in a direct conversation, read against what was last offered there:
   * the choice it names (by number or words), or an answer to the open question. The
   * caller decides whether an answer is one (a command or a feature's own word wins).
   */
  async read(event: InboundEvent, adapter: ChannelAdapter): Promise<TypedReading> {
    if (event.type !== 'message' || event.conversation.kind !== 'dm' || !TypedFallback.needed(adapter)) return undefined;
    const { platform, key } = event.conversation;
    const offer = await this.prompts.latest(platform, key);
    if (!offer || this.clock.now().getTime() - offer.at.getTime() > OFFER_LIFETIME_MS) return undefined;
    const { prompt } = offer;
    // A reaction picks from the offer of the message it was put on, and only from that one.
    if (event.onMessage !== undefined && event.onMessage !== prompt.messageId) return undefined;
    const { text: _typed, type: _type, onMessage: _on, ...base } = event;
    const choice = chosen(prompt, event.text);
    if (choice)
      return { kind: 'choice', event: { ...base, type: 'action', actionId: choice.actionId, value: choice.value, label: choice.label, ...(prompt.messageId ? { messageId: prompt.messageId } : {}) } };
    if (!prompt.form || event.onMessage !== undefined) return undefined;
    return {
      kind: 'answer',
      event: { ...base, type: 'form', formId: prompt.form.formId, values: { [prompt.form.inputId]: event.text }, ...(prompt.messageId ? { messageId: prompt.messageId } : {}) },
      remaining: { choices: prompt.choices },
    };
  }

  /** What was offered is used up (a choice made, an answer given), like a card once clicked. */
  async used(event: InboundEvent, remaining: OfferedPrompt | undefined): Promise<void> {
    await this.prompts.remember(event.conversation.platform, event.conversation.key, remaining && remaining.choices.length > 0 ? remaining : undefined, this.clock.now());
  }
}

/** The choice a typed text names: its number, or its words. */
function chosen(prompt: OfferedPrompt, typed: string): OfferedPrompt['choices'][number] | undefined {
  const text = normalise(typed).replace(/[.)]$/, '');
  if (/^\d{1,3}$/.test(text)) return prompt.choices[Number(text) - 1];
  return prompt.choices.find((c) => normalise(c.label) === text);
}
