// Neutral UI model → Adaptive Card 1.5 for Teams. Pure, like the Block Kit renderer:
// text a person typed is escaped (cardText), buttons are Action.Execute (Universal
// Actions, so a click can refresh the card) with an Action.Submit fallback for clients
// without them, choices that would not fit side by side get a row each, and a card never
// grows past Teams' message size limit (fit.ts).
import { chartPng } from '../../src/ui/chart.js';
import type { Block, Interactive, Message } from '../../src/ui/model.js';
import { toPlainText } from '../../src/ui/plain-text.js';
import { fitBody } from './fit.js';
import { TEAMS_LIMITS as L } from './limits.js';
import { cardLink, cardText, escapeCardMarkdown } from './markdown.js';

export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
/** The Action.Execute verb of every kohort button; what was clicked travels in `data`. */
export const EXECUTE_VERB = 'kohort';

/** What a kohort button or form carries back to the bot. */
export type CardData =
  | {
      kohort: 'action';
      actionId: string;
      value: string;
      label: string;
      /** A drop-down's confirm button: the input that holds the choice, and each option's title by value. */
      choiceInput?: string;
      choices?: Record<string, string>;
    }
  /** `field`: the card input holding the answer, when it is not named `inputId`. */
  | { kohort: 'form'; formId: string; inputId: string; field?: string };

export type CardElement = Record<string, unknown>;

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: CardElement[];
  msteams: { width: 'Full' };
}

export function renderCard(msg: Message): AdaptiveCard {
  // The elements of each block, kept apart so that a card too big to fit keeps or leaves out whole blocks.
  const parts: CardElement[][] = [];
  const inputIds = new Set<string>();
  let separateNext = false;
  msg.blocks.forEach((block, index) => {
    if (block.type === 'divider') {
      separateNext = true;
      return;
    }
    const elements = renderBlock(block, index, inputIds);
    if (separateNext && elements[0]) elements[0] = { ...elements[0], separator: true, spacing: 'Medium' };
    separateNext = false;
    if (elements.length > 0) parts.push(elements);
  });
  return card(fitBody(card([]), parts, L.cardUtf16Bytes));
}

/** Notification and screen-reader text for the activity (`summary`), plain. */
export function summaryOf(msg: Message): string {
  const text = toPlainText(msg);
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}

function card(body: CardElement[]): AdaptiveCard {
  return { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5', body, msteams: { width: 'Full' } };
}

function renderBlock(block: Exclude<Block, { type: 'divider' }>, index: number, inputIds: Set<string>): CardElement[] {
  switch (block.type) {
    case 'header':
      return block.text.trim() ? [textBlock(block.text, { size: 'Large', weight: 'Bolder' })] : [];
    case 'text':
      if (!block.text.trim()) return [];
      return [textBlock(block.text, block.tone === 'muted' ? { isSubtle: true, size: 'Small' } : {})];
    case 'fields':
      return [{ type: 'FactSet', facts: block.fields.map((f) => ({ title: escapeCardMarkdown(f.label), value: cardText(f.value) })) }];
    case 'links':
      return [{ type: 'TextBlock', wrap: true, text: block.links.map((l) => `- ${cardLink(l.url, l.label)}`).join('\n') }];
    case 'actions':
      return renderActions(block.elements, index, block.item);
    case 'input': {
      // Ids are unique in a card (Teams gathers inputs by id): a second form with the same
      // input is named apart, and its button says which field to read.
      const id = inputIds.has(block.inputId) ? `${block.inputId}-${index}` : block.inputId;
      inputIds.add(id);
      const data: CardData = { kohort: 'form', formId: block.formId, inputId: block.inputId, ...(id !== block.inputId ? { field: id } : {}) };
      return [
        {
          type: 'Input.Text',
          id,
          label: block.label,
          isMultiline: block.multiline ?? false,
          maxLength: Math.min(block.maxLength ?? L.inputMaxLength, L.inputMaxLength),
          ...(block.placeholder ? { placeholder: block.placeholder } : {}),
        },
        { type: 'ActionSet', actions: [executeAction(block.submitLabel, data, 'positive')] },
      ];
    }
    case 'image':
      if (!/^https:\/\/\S+$/i.test(block.url)) return [textBlock(block.alt)];
      return [{ type: 'Image', url: block.url, altText: block.alt }];
    case 'chart': {
      const lines = block.bars.map((b) => {
        const filled = b.max > 0 ? Math.round((Math.min(Math.max(b.value, 0), b.max) / b.max) * 10) : 0;
        const value = b.display ?? (Number.isInteger(b.value) ? String(b.value) : b.value.toFixed(1));
        return `${b.label}: ${'█'.repeat(filled)}${'░'.repeat(10 - filled)} ${value}/${b.max}`;
      });
      // The picture, with the bars as text for screen readers and clients that show no images.
      const picture = {
        type: 'Image',
        url: `data:image/png;base64,${chartPng(block).toString('base64')}`,
        altText: `${block.title}: ${block.bars.map((b) => `${b.label} ${b.display ?? b.value}`).join(', ')}`,
      };
      return [textBlock(block.title, { weight: 'Bolder' }), picture, textBlock(lines.join('\n'), { fontType: 'Monospace', isSubtle: true })];
    }
  }
}

/**
 * One actions block: drop-downs with their confirm button, then the buttons — side by side
 * when their titles fit a row on a phone, otherwise one per row, because Teams does not wrap
 * a button's title and would cut every one of them. The action sets of one block share an
 * id prefix (`actions-<block>-`), so a click replaces the whole block with the choice.
 */
function renderActions(elements: Interactive[], index: number, item = false): CardElement[] {
  const out: CardElement[] = [];
  const buttons: CardElement[] = [];
  let sets = 0;
  const actionSet = (actions: CardElement[]): CardElement => ({ type: 'ActionSet', id: `${item ? ITEM_SETS : 'actions-'}${index}-${sets++}`, actions });
  for (const element of elements) {
    if (element.type === 'button') {
      const style = element.style === 'primary' ? 'positive' : element.style === 'danger' ? 'destructive' : undefined;
      buttons.push(executeAction(element.label, { kohort: 'action', actionId: element.actionId, value: element.value, label: element.label }, style));
      continue;
    }
    if (element.options.length === 0) continue;
    // A short list reads best as buttons; a long one as a drop-down with one confirm button.
    if (element.options.length <= L.actionsPerSet) {
      for (const o of element.options) buttons.push(executeAction(o.label, { kohort: 'action', actionId: element.actionId, value: o.value, label: o.label }));
      continue;
    }
    const inputId = `choice-${index}-${element.actionId}`;
    const options = element.options.slice(0, L.choiceSetChoices);
    out.push({
      type: 'Input.ChoiceSet',
      id: inputId,
      style: 'compact',
      // The placeholder is the label too: Adaptive Cards asks a required input for one, for screen readers.
      label: element.placeholder,
      placeholder: element.placeholder,
      choices: options.map((o) => ({ title: o.label, value: o.value })),
      // Clients that validate inputs refuse the confirm button until an option is picked.
      isRequired: true,
      errorMessage: element.placeholder,
      ...(element.initial ? { value: element.initial } : {}),
    });
    const choices = Object.fromEntries(options.map((o) => [o.value, o.label]));
    out.push(actionSet([executeAction(element.placeholder, { kohort: 'action', actionId: element.actionId, value: '', label: '', choiceInput: inputId, choices })]));
  }
  const titles = buttons.map((b) => String(b.title));
  const perRow = titles.reduce((chars, title) => chars + title.length + 4, 0) <= L.buttonRowChars ? L.actionsPerSet : 1;
  for (let i = 0; i < buttons.length; i += perRow) out.push(actionSet(buttons.slice(i, i + perRow)));
  return out;
}

function executeAction(title: string, data: CardData, style?: string): CardElement {
  return {
    type: 'Action.Execute',
    title,
    verb: EXECUTE_VERB,
    data,
    ...(style ? { style } : {}),
    // Clients without Universal Actions send the same data as a message instead.
    fallback: { type: 'Action.Submit', title, data, ...(style ? { style } : {}) },
  };
}

function textBlock(text: string, extra: Record<string, unknown> = {}): CardElement {
  // However long, a paragraph is shown whole as long as the card fits; fitCard cuts it otherwise.
  return { type: 'TextBlock', text: cardText(text), wrap: true, ...extra };
}

/** What was used on a card: a button or drop-down option, or a form sent. */
export type UsedControl = { actionId: string; value: string } | { formId: string };

/** The id prefix of an item's own controls in a list (a deadline's Klar): using them closes only them (see src/ui/choice.ts). */
const ITEM_SETS = 'item-';

/**
 * The card after it was used, as src/ui/choice.ts describes for every platform: the
 * actions block that held the click (a block whose choices each have a row is several
 * sets, with its drop-down), or the form that was sent, becomes the choice made, and every
 * other control on the card goes — unless the click was on an item's own controls in a list.
 */
export function withChoiceShown(original: AdaptiveCard | undefined, used: UsedControl, label: string): AdaptiveCard {
  const chosen = { type: 'TextBlock', text: `✓ ${escapeCardMarkdown(label)}`, wrap: true, weight: 'Bolder' };
  if (!original) return card([chosen]);
  const actionsOf = (element: CardElement) => (element.type === 'ActionSet' ? (element.actions as { data?: CardData }[]) : []);
  const isUsed = (a: { data?: CardData }) =>
    'formId' in used
      ? a.data?.kohort === 'form' && a.data.formId === used.formId
      : a.data?.kohort === 'action' && a.data.actionId === used.actionId && (a.data.value === used.value || a.data.choiceInput !== undefined);
  // The block a set was drawn from (renderActions); a set without one stands alone.
  const blockOf = (element: CardElement): unknown => (element.type === 'ActionSet' && typeof element.id === 'string' ? element.id.replace(/-\d+$/, '') : element);
  const usedBlocks = new Set(original.body.filter((e) => actionsOf(e).some(isUsed)).map(blockOf));
  if (usedBlocks.size === 0) return original;
  const inUsedBlock = (element: CardElement) => element.type === 'ActionSet' && usedBlocks.has(blockOf(element));
  const onlyItself = [...usedBlocks].every((block) => typeof block === 'string' && block.startsWith(ITEM_SETS));
  // A drop-down's confirm button names its input, and a form's its field: those go with their buttons.
  const inputsOfUsed = new Set(
    original.body
      .filter(inUsedBlock)
      .flatMap((set) => actionsOf(set).map((a) => (a.data?.kohort === 'action' ? a.data.choiceInput : a.data?.kohort === 'form' ? (a.data.field ?? a.data.inputId) : undefined))),
  );
  const shown = new Set<unknown>();
  const body = original.body.flatMap((element) => {
    const isInput = String(element.type).startsWith('Input.');
    if (isInput && inputsOfUsed.has(element.id as string)) return [];
    if (!inUsedBlock(element)) return onlyItself || (!isInput && element.type !== 'ActionSet') ? [element] : [];
    // The block's first set becomes the choice; its other sets go.
    if (shown.has(blockOf(element))) return [];
    shown.add(blockOf(element));
    return [chosen];
  });
  return card(body);
}
