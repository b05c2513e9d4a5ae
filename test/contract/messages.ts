// The messages the contract sends. One holds every block type of the neutral model (the
// `satisfies` below makes tsc fail here when the model gains a block type, so the contract
// cannot silently fall behind); the other is far past every platform's limits, so each
// renderer has to cut, split or trim before the platform would refuse it.
import type { Block, Message } from '../../src/ui/model.js';
import { actions, button, divider, fields, header, text } from '../../src/ui/model.js';

export const EVERY_BLOCK = {
  header: 'Contract header',
  text: 'Contract paragraph every platform shows',
  muted: 'A quiet aside',
  afterDivider: 'After the divider',
} as const;

const ONE_OF_EACH = {
  header: { type: 'header', text: EVERY_BLOCK.header },
  text: { type: 'text', text: EVERY_BLOCK.text },
  fields: {
    type: 'fields',
    fields: [
      { label: 'Module', value: 'Two of five' },
      { label: 'Due', value: 'Friday' },
    ],
  },
  links: { type: 'links', links: [{ label: 'Programme page', url: 'https://example.org/programme' }] },
  actions: {
    type: 'actions',
    elements: [
      button('Yes', 'contract.answer', 'yes', 'primary'),
      button('No', 'contract.answer', 'no', 'danger'),
      {
        type: 'select',
        placeholder: 'Pick one',
        actionId: 'contract.pick',
        options: [
          { label: 'One', value: '1' },
          { label: 'Two', value: '2' },
          { label: 'Three', value: '3' },
        ],
        initial: '2',
      },
    ],
  },
  input: {
    type: 'input',
    formId: 'contract.form',
    inputId: 'reflection',
    label: 'Your reflection',
    placeholder: 'Write here',
    multiline: true,
    maxLength: 500,
    submitLabel: 'Send',
    cancelLabel: 'Cancel',
  },
  image: { type: 'image', url: 'https://example.org/picture.png', alt: 'A picture' },
  chart: {
    type: 'chart',
    title: 'Maturity',
    bars: [
      { label: 'Planning', value: 3.5, max: 5, display: '3,5' },
      { label: 'Sharing', value: 2, max: 5 },
    ],
  },
  divider: { type: 'divider' },
} satisfies { [K in Block['type']]: Extract<Block, { type: K }> };

export const BLOCK_TYPES = Object.keys(ONE_OF_EACH) as Block['type'][];

export function everyBlockMessage(): Message {
  // A muted text and a paragraph after the divider: a divider only shows between two things.
  return { blocks: [...Object.values(ONE_OF_EACH).filter((b) => b.type !== 'divider'), text(EVERY_BLOCK.muted, 'muted'), divider(), text(EVERY_BLOCK.afterDivider)] };
}

export const LARGE_HEADER = 'Large message header';
export const LARGE_BLOCKS = 80;

/** `prefix` followed by words up to exactly `length` characters (words, so splitters can cut at spaces). */
export function long(prefix: string, length: number): string {
  return `${prefix} ${'lorem ipsum dolor sit amet '.repeat(Math.ceil(length / 27))}`.slice(0, length);
}

/**
 * 80 blocks (Slack takes 50), 5,000-character paragraphs (Slack: 3,000 a section), 15
 * fields, 30 buttons with 120-character labels and 2,500-character values, a select with
 * 150 options (Slack and Teams: 100), a 300-character action id, an input allowing 10,000.
 */
export function largeMessage(): Message {
  const options = Array.from({ length: 150 }, (_, i) => ({ label: long(`Option ${i}`, 120), value: long(`value-${i}`, 300) }));
  const cycle: (() => Block)[] = [
    () => text(long('Paragraph', 5000)),
    () => text(long('Aside', 5000), 'muted'),
    () => fields(Array.from({ length: 15 }, (_, i) => ({ label: long(`Label ${i}`, 300), value: long(`Value ${i}`, 3000) }))),
    () => ({ type: 'links', links: Array.from({ length: 30 }, (_, i) => ({ label: long(`Link ${i}`, 200), url: `https://example.org/${'path/'.repeat(60)}${i}` })) }),
    () =>
      actions(...Array.from({ length: 30 }, (_, i) => button(long(`Button ${i}`, 120), `contract.${'long-action-id-'.repeat(20)}`, long(`button-value-${i}`, 2500))), {
        type: 'select',
        placeholder: long('Pick one of many', 300),
        actionId: 'contract.many',
        options,
      }),
    () => ({
      type: 'input',
      formId: 'contract.big',
      inputId: 'essay',
      label: long('Essay question', 3000),
      placeholder: long('Placeholder', 300),
      maxLength: 10_000,
      submitLabel: long('Submit', 100),
      cancelLabel: long('Cancel', 100),
    }),
    () => ({ type: 'image', url: 'https://example.org/big.png', alt: long('Alt text', 3000) }),
    () => ({ type: 'chart', title: long('Chart', 300), bars: Array.from({ length: 30 }, (_, i) => ({ label: long(`Bar ${i}`, 60), value: i % 6, max: 5 })) }),
    () => divider(),
  ];
  const blocks: Block[] = [header(long(LARGE_HEADER, 400))];
  for (let i = 0; blocks.length < LARGE_BLOCKS; i += 1) blocks.push(cycle[i % cycle.length]!());
  return { blocks };
}

/** 80 paragraphs of 600 characters: each fits anywhere, together they fill any size budget to its edge. */
export function manyBlocksMessage(): Message {
  return { blocks: [header(LARGE_HEADER), ...Array.from({ length: LARGE_BLOCKS - 1 }, (_, i) => text(long(`Paragraph ${i}`, 600)))] };
}
