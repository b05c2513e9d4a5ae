// Messages for a platform without buttons or forms: every button and drop-down option
// becomes a numbered line ("2. Snooza till i morgon") answered by typing the number or
// the words, and a form becomes its question, answered by the next typed message. Pure:
// the caller remembers what was offered and words the hints in the reader's language.
import { text, type Block, type Message } from './model.js';

/** What a reply offered: its choices, numbered from 1 in the order shown, and its open question. */
export interface OfferedPrompt {
  choices: { actionId: string; value: string; label: string }[];
  form?: { formId: string; inputId: string };
  /** The message that showed the choices, where the platform said which (to show the choice made on it). */
  messageId?: string;
}

/** Marks a block as part of the offer: a platform that edits messages drops it once a choice is made. */
const offered = (block: Block): Block => ({ ...block, offer: true }) as Block;

export interface TextOnly {
  /** The platform has no buttons: turn them into numbered choices. */
  buttons: boolean;
  /** The platform has no forms: the next typed message answers. */
  forms: boolean;
}

export interface TypedHints {
  /** "Svara med en siffra (1–4) eller med orden." */
  choose(count: number): string;
  /** "Skriv ditt svar som ett vanligt meddelande." */
  answer: string;
}

/**
 * The messages of one reply as a plain-text platform shows them. Choices are numbered
 * straight through the reply, so every number on screen means one thing; of several open
 * questions only the first takes a typed answer (the one the reply leads with).
 */
export function asTypedChoices(messages: readonly Message[], textOnly: TextOnly, hints: TypedHints): { messages: Message[]; prompt: OfferedPrompt | undefined } {
  const prompt: OfferedPrompt = { choices: [] };
  let lastWithChoices = -1;
  let formAt = -1;
  const shown = messages.map((msg, index) => {
    const blocks: Block[] = [];
    for (const block of msg.blocks) {
      if (block.type === 'actions' && textOnly.buttons) {
        const lines = block.elements.flatMap((e) =>
          e.type === 'button' ? [{ actionId: e.actionId, value: e.value, label: e.label }] : e.options.map((o) => ({ actionId: e.actionId, value: o.value, label: o.label })),
        );
        if (lines.length === 0) continue;
        const first = prompt.choices.length + 1;
        prompt.choices.push(...lines);
        lastWithChoices = index;
        // A label that already starts with its number ("4 Stämmer ganska bra") is not numbered twice.
        blocks.push(offered(text(lines.map((line, i) => (line.label.startsWith(`${first + i} `) ? line.label : `${first + i}. ${line.label}`)).join('\n'))));
      } else if (block.type === 'input' && textOnly.forms) {
        if (!prompt.form) {
          prompt.form = { formId: block.formId, inputId: block.inputId };
          formAt = index;
        }
        blocks.push(offered(text(`✎ ${block.label}`)));
      } else {
        blocks.push(block);
      }
    }
    return { blocks };
  });
  if (prompt.choices.length === 0 && !prompt.form) return { messages: [...messages], prompt: undefined };
  if (formAt >= 0) shown[formAt]!.blocks.push(offered(text(hints.answer, 'muted')));
  if (lastWithChoices >= 0) shown[lastWithChoices]!.blocks.push(offered(text(hints.choose(prompt.choices.length), 'muted')));
  return { messages: shown, prompt };
}
