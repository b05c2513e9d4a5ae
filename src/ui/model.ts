// The neutral message model. Features build these; adapters render them (Block Kit,
// Adaptive Cards, the playground). All text here is plain text: renderers escape it
// for their own markup, so user input can never inject formatting or mentions.

export interface Button {
  type: 'button';
  label: string;
  actionId: string;
  value: string;
  style?: 'primary' | 'danger';
}

export interface SelectOption {
  label: string;
  value: string;
}

export interface Select {
  type: 'select';
  placeholder: string;
  actionId: string;
  options: SelectOption[];
  initial?: string;
}

export type Interactive = Button | Select;

export type Block =
  | { type: 'header'; text: string }
  /** `offer`: numbered choices or their hint on a platform without buttons (typed-choices.ts): gone once a choice is made. */
  | { type: 'text'; text: string; tone?: 'normal' | 'muted'; offer?: true }
  | { type: 'fields'; fields: { label: string; value: string }[] }
  | { type: 'links'; links: { label: string; url: string }[] }
  /** `item`: the controls of one item in a list (a deadline's Klar): using them closes only them, not the card. */
  | { type: 'actions'; elements: Interactive[]; item?: true }
  | {
      type: 'input';
      formId: string;
      inputId: string;
      label: string;
      placeholder?: string;
      multiline?: boolean;
      maxLength?: number;
      submitLabel: string;
      /** Platforms that show the form in a dialog (Slack modals) need a close button. */
      cancelLabel: string;
    }
  | { type: 'image'; url: string; alt: string }
  | { type: 'chart'; title: string; bars: { label: string; value: number; max: number; /** The value as the reader writes it, e.g. 3,5 in Swedish. */ display?: string }[]; png?: string }
  | { type: 'divider' };

export type InputBlock = Extract<Block, { type: 'input' }>;

export interface Message {
  blocks: Block[];
}

export const message = (...blocks: Block[]): Message => ({ blocks });
export const header = (text: string): Block => ({ type: 'header', text });
export const text = (value: string, tone?: 'normal' | 'muted'): Block => ({ type: 'text', text: value, tone });
export const fields = (entries: { label: string; value: string }[]): Block => ({ type: 'fields', fields: entries });
export const actions = (...elements: Interactive[]): Block => ({ type: 'actions', elements });
export const itemActions = (...elements: Interactive[]): Block => ({ type: 'actions', elements, item: true });
export const divider = (): Block => ({ type: 'divider' });
export const button = (label: string, actionId: string, value: string, style?: Button['style']): Button => ({
  type: 'button',
  label,
  actionId,
  value,
  style,
});
