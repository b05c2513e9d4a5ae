// kohort on a platform without buttons or forms: what is sent there shows numbered
// choices and questions instead (ui/typed-choices.ts), what was offered is remembered per
// conversation, and a typed "2", the words of a choice, or the answer to an open question
// comes back as the click or the form it stands for. Features never know the difference.
import type { ChannelAdapter, SentMessageRef } from '../core/adapter.js';
import type { Clock } from '../core/clock.js';
import type { InboundEvent } from '../core/events.js';
import type { PromptStore } from '../domain/ports.js';
import type { Params } from '../i18n/i18n.js';
import type { Message } from '../ui/model.js';
import { asTypedChoices, type OfferedPrompt } from '../ui/typed-choices.js';

export interface Prepared {
  message: Message;
  /** Remembers what the message offered, once it was sent there. */
  sent(ref: SentMessageRef): Promise<void>;
}

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

  /** The message as the adapter can show it; `speaker` words the hints in the reader's language. */
  prepare(adapter: ChannelAdapter, msg: Message, speaker: { t(key: string, params?: Params): string }): Prepared {
    if (!TypedFallback.needed(adapter)) return { message: msg, sent: async () => undefined };
    const { message, prompt } = asTypedChoices(
      msg,
      { buttons: !adapter.capabilities.buttons, forms: !adapter.capabilities.forms },
      { choose: (count) => speaker.t('common.typed.choose', { count }), answer: speaker.t('common.typed.answer') },
    );
    return {
      message,
      // A message that offers nothing leaves the earlier offer standing ("Sparat!" after a card).
      sent: async (ref) => (prompt ? this.prompts.remember(ref.platform, ref.conversationKey, prompt, this.clock.now()) : undefined),
    };
  }

  /**
   * A typed message, read against what was last offered in its conversation: the choice it
   * names becomes that click, else an open question takes it as the answer — unless it is
   * a command. Anything else is returned as it came.
   */
  async resolve(event: InboundEvent, adapter: ChannelAdapter, isCommand: (text: string) => boolean): Promise<InboundEvent> {
    if (event.type !== 'message' || !TypedFallback.needed(adapter)) return event;
    const { platform, key } = event.conversation;
    const prompt = await this.prompts.latest(platform, key);
    if (!prompt) return event;
    const choice = chosen(prompt, event.text);
    const { text: _typed, type: _type, ...base } = event;
    if (choice) {
      // Used once, like a card that shows the choice made once clicked.
      await this.prompts.remember(platform, key, undefined, this.clock.now());
      return { ...base, type: 'action', actionId: choice.actionId, value: choice.value, label: choice.label };
    }
    if (prompt.form && !isCommand(event.text)) {
      await this.prompts.remember(platform, key, { choices: prompt.choices }, this.clock.now());
      return { ...base, type: 'form', formId: prompt.form.formId, values: { [prompt.form.inputId]: event.text } };
    }
    return event;
  }
}

/** The choice a typed text names: its number, or its words. */
function chosen(prompt: OfferedPrompt, typed: string): OfferedPrompt['choices'][number] | undefined {
  const text = normalise(typed).replace(/[.)]$/, '');
  if (/^\d{1,3}$/.test(text)) return prompt.choices[Number(text) - 1];
  return prompt.choices.find((c) => normalise(c.label) === text);
}
