// A clicked card, shown with the choice made: the set of controls that held the clicked
// button or drop-down becomes "✓ <what was chosen>", so it cannot be answered twice.
// Platforms that keep the neutral message (the playground) use this; Slack and Teams do
// the same on their own rendered cards.
import { text, type Block, type Message } from './model.js';

export interface Choice {
  actionId: string;
  value: string;
}

const holds = (block: Block, choice: Choice) =>
  block.type === 'actions' && block.elements.some((e) => e.actionId === choice.actionId && (e.type === 'select' ? e.options.some((o) => o.value === choice.value) : e.value === choice.value));

/** What the person saw on the control they chose: the button's label or the picked option's. */
export function choiceLabel(msg: Message, choice: Choice): string | undefined {
  for (const block of msg.blocks) {
    if (block.type !== 'actions') continue;
    for (const e of block.elements) {
      if (e.actionId !== choice.actionId) continue;
      if (e.type === 'button' && e.value === choice.value) return e.label;
      if (e.type === 'select') {
        const option = e.options.find((o) => o.value === choice.value);
        if (option) return option.label;
      }
    }
  }
  return undefined;
}

/** The message with the chosen controls replaced; unchanged when the choice is not on it. */
export function withChoiceShown(msg: Message, choice: Choice, label = choiceLabel(msg, choice)): Message {
  if (label === undefined || !msg.blocks.some((b) => holds(b, choice))) return msg;
  return { blocks: msg.blocks.map((b) => (holds(b, choice) ? text(`✓ ${label}`) : b)) };
}
