// A message for a platform without buttons or forms: every button and drop-down option
// becomes a numbered line ("2. Snooza till i morgon") answered by typing the number or
// the words, and a form becomes its question, answered by the next typed message. Pure:
// the caller remembers what was offered and words the hints in the reader's language.
import { text, type Block, type Message } from './model.js';

/** What a message offered: its choices, numbered from 1 in the order shown, and its form. */
export interface OfferedPrompt {
  choices: { actionId: string; value: string; label: string }[];
  form?: { formId: string; inputId: string };
}

export interface TextOnly {
  /** The platform has no buttons: turn them into numbered choices. */
  buttons: boolean;
  /** The platform has no forms: the next typed message answers. */
  forms: boolean;
}

export interface TypedHints {
  /** "Svara med en siffra (1–4)." */
  choose(count: number): string;
  /** "Skriv ditt svar som ett vanligt meddelande." */
  answer: string;
}

export function asTypedChoices(msg: Message, textOnly: TextOnly, hints: TypedHints): { message: Message; prompt: OfferedPrompt | undefined } {
  const prompt: OfferedPrompt = { choices: [] };
  const blocks: Block[] = [];
  for (const block of msg.blocks) {
    if (block.type === 'actions' && textOnly.buttons) {
      const lines = block.elements.flatMap((e) =>
        e.type === 'button' ? [{ actionId: e.actionId, value: e.value, label: e.label }] : e.options.map((o) => ({ actionId: e.actionId, value: o.value, label: o.label })),
      );
      if (lines.length === 0) continue;
      const first = prompt.choices.length + 1;
      prompt.choices.push(...lines);
      // A label that already starts with its number ("4 Stämmer ganska bra") is not numbered twice.
      blocks.push(text(lines.map((line, i) => (line.label.startsWith(`${first + i} `) ? line.label : `${first + i}. ${line.label}`)).join('\n')));
    } else if (block.type === 'input' && textOnly.forms) {
      // One form a message is all a typed reply can answer; a later one in the same message wins.
      prompt.form = { formId: block.formId, inputId: block.inputId };
      blocks.push(text(`✎ ${block.label}`));
    } else {
      blocks.push(block);
    }
  }
  if (prompt.choices.length === 0 && !prompt.form) return { message: msg, prompt: undefined };
  if (prompt.choices.length > 0) blocks.push(text(hints.choose(prompt.choices.length), 'muted'));
  if (prompt.form) blocks.push(text(hints.answer, 'muted'));
  return { message: { blocks }, prompt };
}
