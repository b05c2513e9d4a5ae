// A card after it was acted on: the controls that were used (the clicked button's or
// drop-down's set, or the form that was sent) become "✓ <what was chosen>", and every
// other control on the card goes with them — an answered question, a handled reminder or
// a sent form cannot be answered twice, and the history reads as what happened. Only an
// item's own controls in a list (each deadline's Klar) close alone. Platforms
// that keep the neutral message (the playground) use this; Slack and Teams do the same on
// their own rendered cards.
import { text, type Block, type Message } from './model.js';

/** A click on a button or a drop-down's option, or a form sent. */
export type Used = { actionId: string; value: string } | { formId: string };

const holds = (block: Block, used: Used): boolean => {
  if ('formId' in used) return block.type === 'input' && block.formId === used.formId;
  return block.type === 'actions' && block.elements.some((e) => e.actionId === used.actionId && (e.type === 'select' ? e.options.some((o) => o.value === used.value) : e.value === used.value));
};

const isControl = (block: Block) => block.type === 'actions' || block.type === 'input';

/** What the person saw on the control they chose: the button's label or the picked option's. */
export function choiceLabel(msg: Message, choice: { actionId: string; value: string }): string | undefined {
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

/** The card with what was done in place of its controls; unchanged when the control is not on it. */
export function withChoiceShown(msg: Message, used: Used, label = 'formId' in used ? undefined : choiceLabel(msg, used)): Message {
  if (label === undefined || !msg.blocks.some((b) => holds(b, used))) return msg;
  const clicked = msg.blocks.find((b) => holds(b, used))!;
  const onlyItself = clicked.type === 'actions' && clicked.item === true;
  const blocks: Block[] = [];
  for (const block of msg.blocks) {
    if (block === clicked) blocks.push(text(`✓ ${label}`));
    else if (onlyItself || !isControl(block)) blocks.push(block);
  }
  return { blocks };
}
