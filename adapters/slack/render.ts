// Neutral UI model → Block Kit. Pure: no I/O, no SDK calls, so it is tested exhaustively
// against SLACK_LIMITS. Every user-visible string passes through escapeMrkdwn or goes into
// a plain_text object, so no text from a person can become markup or a mention.
import type { AnyBlock, Button, ContextBlock, HomeView, KnownBlock, ModalView, MrkdwnElement, PlainTextElement, StaticSelect } from '@slack/types';
import type { Block, InputBlock, Interactive, Message } from '../../src/ui/model.js';
import { toPlainText } from '../../src/ui/plain-text.js';
import { SLACK_LIMITS as L } from './limits.js';
import { escapeAndSplit, escapeAndTruncate, mrkdwnLink, truncate } from './mrkdwn.js';

// Every block, element and view below is typed with @slack/types (Slack's own Block Kit
// types), so tsc refuses a field Slack does not know or a value it does not take.
type ActionsElement = Button | StaticSelect;

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/** The action id of the button that opens a form in a modal; handled inside the adapter. */
export const FORM_OPEN_ACTION = 'kohort.form';
/** callback_id of kohort's form modals. */
export const FORM_CALLBACK_ID = 'kohort.form';

/**
 * Slack wants action ids unique within a message, but several buttons may share one
 * neutral action (every answer of a question). The position makes them unique and is
 * stripped again on the way in.
 */
export const encodeActionId = (actionId: string, position: number) => truncate(actionId, L.actionId - 8) + `#${position}`;
export const decodeActionId = (actionId: string) => actionId.replace(/#\d+$/, '');

export function renderMessage(msg: Message): SlackMessage {
  return {
    text: fallbackText(msg),
    blocks: fitBlockCount(
      msg.blocks.flatMap((b, i) => renderBlock(b, i)),
      L.blocksPerMessage,
    ),
  };
}

/** App Home view: same rendering, the larger block budget of a view. */
export function renderHome(msg: Message): HomeView {
  return {
    type: 'home',
    blocks: fitBlockCount(
      msg.blocks.flatMap((b, i) => renderBlock(b, i)),
      L.blocksPerView,
    ),
  };
}

/** The block id of an item's own controls in a list: using them closes only them (see src/ui/choice.ts). */
const ITEM_BLOCK = 'kohort-item-';

export function fallbackText(msg: Message): string {
  return escapeAndTruncate(toPlainText(msg), L.fallbackText);
}

function renderBlock(block: Block, index: number): KnownBlock[] {
  switch (block.type) {
    case 'header':
      return block.text.trim() ? [{ type: 'header', text: plain(truncate(block.text, L.headerText)) }] : [];
    case 'text':
      // Slack rejects empty text objects; an empty paragraph simply is not shown.
      if (!block.text.trim()) return [];
      if (block.tone === 'muted') {
        return escapeAndSplit(block.text, L.contextText).map((piece) => ({ type: 'context', elements: [mrkdwn(piece)] }));
      }
      return escapeAndSplit(block.text, L.sectionText).map((piece) => ({ type: 'section', text: mrkdwn(piece) }));
    case 'fields':
      return chunk(block.fields, L.fieldsPerSection).map((group) => ({
        type: 'section',
        fields: group.map((f) => mrkdwn(fieldText(f.label, f.value))),
      }));
    case 'links':
      return groupLines(
        block.links.map((l) => {
          const line = `• ${mrkdwnLink(l.url, l.label)}`;
          return line.length <= L.sectionText ? line : `• ${escapeAndTruncate(l.label, L.sectionText - 2)}`;
        }),
        L.sectionText,
      ).map((text) => ({ type: 'section', text: mrkdwn(text) }));
    case 'actions':
      // A select without options cannot be shown (Slack rejects it), so it is left out.
      return chunk(
        block.elements.filter((e) => e.type === 'button' || e.options.length > 0),
        L.actionsElements,
      ).map((group, g) => ({
        type: 'actions',
        ...(block.item ? { block_id: `${ITEM_BLOCK}${index}-${g}` } : {}),
        elements: group.map((element, i) => renderInteractive(element, g * L.actionsElements + i)),
      }));
    case 'input':
      return [
        {
          type: 'section',
          text: mrkdwn(escapeAndTruncate(block.label, L.sectionText)),
          accessory: {
            type: 'button',
            text: plain(truncate(`✎ ${block.submitLabel}`, L.buttonText)),
            action_id: encodeActionId(FORM_OPEN_ACTION, 0),
            value: encodeForm(block),
          },
        },
      ];
    case 'image':
      if (!/^https:\/\/\S+$/i.test(block.url) || block.url.length > L.imageUrl) {
        return [{ type: 'section', text: mrkdwn(escapeAndTruncate(block.alt, L.sectionText)) }];
      }
      return [{ type: 'image', image_url: block.url, alt_text: truncate(block.alt || '-', L.imageAltText) }];
    case 'chart':
      return [{ type: 'section', text: mrkdwn(chartText(block.title, block.bars)) }];
    case 'divider':
      return [{ type: 'divider' }];
  }
}

function renderInteractive(element: Interactive, position: number): ActionsElement {
  const actionId = encodeActionId(element.actionId, position);
  if (element.type === 'button') {
    return {
      type: 'button',
      text: plain(truncate(element.label || '–', L.buttonText)),
      action_id: actionId,
      // A value Slack cannot carry is a programming error; cut rather than lose the message.
      value: element.value.slice(0, L.buttonValue),
      ...(element.style ? { style: element.style } : {}),
    };
  }
  const options = element.options.slice(0, L.selectOptions).map((o) => ({
    text: plain(truncate(o.label || '–', L.optionText)),
    value: o.value.slice(0, L.optionValue),
  }));
  const initial = options.find((o) => o.value === element.initial);
  return {
    type: 'static_select',
    placeholder: plain(truncate(element.placeholder, L.selectPlaceholder)),
    action_id: actionId,
    options,
    ...(initial ? { initial_option: initial } : {}),
  };
}

/** More blocks than Slack accepts: keep the first ones and say visibly that more was cut. */
function fitBlockCount(blocks: KnownBlock[], max: number): KnownBlock[] {
  if (blocks.length <= max) return blocks;
  return [...blocks.slice(0, max - 1), { type: 'context', elements: [mrkdwn(`… (+${blocks.length - max + 1})`)] }];
}

function fieldText(label: string, value: string): string {
  const head = `*${escapeAndTruncate(label, 200)}*\n`;
  return head + escapeAndTruncate(value, L.fieldText - head.length);
}

/** Bars as text: Slack has no chart block, and monospace keeps the bars aligned. */
function chartText(title: string, bars: { label: string; value: number; max: number; display?: string }[]): string {
  const width = 10;
  const labelWidth = Math.min(24, Math.max(0, ...bars.map((b) => b.label.length)));
  const lines = bars.map((b) => {
    const filled = b.max > 0 ? Math.round((Math.min(Math.max(b.value, 0), b.max) / b.max) * width) : 0;
    const value = b.display ?? (Number.isInteger(b.value) ? String(b.value) : b.value.toFixed(1));
    return `${truncate(b.label, labelWidth).padEnd(labelWidth)} ${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${value}/${b.max}`;
  });
  const body = escapeAndTruncate(lines.join('\n'), L.sectionText - 200);
  return `*${escapeAndTruncate(title, 150)}*\n\`\`\`${body}\`\`\``;
}

// --- forms: a button in the message, a modal on click -------------------------------

/** What the form button carries, so the modal opens without a database round trip. */
export type FormSpec = Omit<InputBlock, 'type'>;

function encodeForm(block: InputBlock): string {
  const spec = {
    f: block.formId,
    i: block.inputId,
    l: truncate(block.label, 500),
    p: block.placeholder ? truncate(block.placeholder, L.inputPlaceholder) : undefined,
    m: block.multiline ? 1 : undefined,
    x: block.maxLength,
    s: truncate(block.submitLabel, L.viewSubmit),
    c: truncate(block.cancelLabel, L.viewClose),
  };
  return JSON.stringify(spec);
}

export function decodeForm(value: string): FormSpec | undefined {
  try {
    const raw = JSON.parse(value) as Record<string, unknown>;
    if (typeof raw.f !== 'string' || typeof raw.i !== 'string' || typeof raw.l !== 'string' || typeof raw.s !== 'string') return undefined;
    return {
      formId: raw.f,
      inputId: raw.i,
      label: raw.l,
      placeholder: typeof raw.p === 'string' ? raw.p : undefined,
      multiline: raw.m === 1,
      maxLength: typeof raw.x === 'number' ? raw.x : undefined,
      submitLabel: raw.s,
      cancelLabel: typeof raw.c === 'string' ? raw.c : '×',
    };
  } catch {
    return undefined;
  }
}

/** Where the form was opened from, carried through the modal in private_metadata. */
export interface FormOrigin {
  formId: string;
  inputId: string;
  channel: string;
  kind: 'dm' | 'channel';
}

export function renderFormModal(spec: FormSpec, origin: FormOrigin): ModalView {
  return {
    type: 'modal',
    callback_id: FORM_CALLBACK_ID,
    private_metadata: JSON.stringify(origin).slice(0, L.privateMetadata),
    title: plain(truncate(spec.submitLabel, L.viewTitle)),
    submit: plain(truncate(spec.submitLabel, L.viewSubmit)),
    close: plain(truncate(spec.cancelLabel, L.viewClose)),
    blocks: [
      {
        type: 'input',
        block_id: spec.inputId.slice(0, L.blockId),
        label: plain(truncate(spec.label, L.inputLabel)),
        element: {
          type: 'plain_text_input',
          action_id: 'value',
          multiline: spec.multiline ?? false,
          max_length: Math.min(spec.maxLength ?? L.inputMaxLength, L.inputMaxLength),
          ...(spec.placeholder ? { placeholder: plain(truncate(spec.placeholder, L.inputPlaceholder)) } : {}),
        },
      },
    ],
  };
}

export function decodeFormOrigin(metadata: string | undefined): FormOrigin | undefined {
  if (!metadata) return undefined;
  try {
    const raw = JSON.parse(metadata) as Record<string, unknown>;
    if (typeof raw.formId !== 'string' || typeof raw.inputId !== 'string' || typeof raw.channel !== 'string') return undefined;
    return { formId: raw.formId, inputId: raw.inputId, channel: raw.channel, kind: raw.kind === 'channel' ? 'channel' : 'dm' };
  } catch {
    return undefined;
  }
}

// --- after a click or a form: what was done replaces the controls ------------------

/**
 * The used message with the block that held the control (a button set, a drop-down, a
 * form's button) replaced by a line saying what was done, and every other control gone
 * (unless it was an item's own controls in a list);
 * Slack's own apps and Polly do the same, so an answer cannot be given twice and the
 * history reads naturally.
 */
export function withChoiceShown(blocks: AnyBlock[], blockId: string, label: string): AnyBlock[] {
  const onlyItself = blockId.startsWith(ITEM_BLOCK);
  const shown: AnyBlock[] = [];
  for (const block of blocks) {
    if (block.block_id === blockId) {
      const chosen: ContextBlock = { type: 'context', block_id: blockId, elements: [mrkdwn(`✓ ${escapeAndTruncate(label, L.contextText - 2)}`)] };
      shown.push(chosen);
    } else if (onlyItself || (block.type !== 'actions' && !isFormButton(block))) shown.push(block);
  }
  return shown;
}

/** A form renders as a section with a button that opens it. */
const isFormButton = (block: AnyBlock) => {
  const accessory = block.type === 'section' ? (block as { accessory?: { action_id?: string } }).accessory : undefined;
  return accessory?.action_id !== undefined && decodeActionId(accessory.action_id) === FORM_OPEN_ACTION;
};

// --- small helpers -----------------------------------------------------------------

function plain(text: string): PlainTextElement {
  return { type: 'plain_text', text, emoji: true };
}

function mrkdwn(text: string): MrkdwnElement {
  return { type: 'mrkdwn', text };
}

/** Joins lines into as few texts as fit `max` each. */
function groupLines(lines: string[], max: number): string[] {
  const texts: string[] = [];
  for (const line of lines) {
    const last = texts.at(-1);
    if (last !== undefined && last.length + 1 + line.length <= max) texts[texts.length - 1] = `${last}\n${line}`;
    else texts.push(line);
  }
  return texts;
}

function chunk<T>(items: T[], size: number): T[][] {
  const groups: T[][] = [];
  for (let i = 0; i < items.length; i += size) groups.push(items.slice(i, i + size));
  return groups;
}
