// The interaction protocol: one definition of an action (a button or a drop-down) or a
// form, with its payload schema, both draws the control and parses what comes back. A
// payload travels as its fields in declaration order, each URI-encoded and joined with
// "|" — short enough for every platform's limits, and the same wire format the cards
// already in people's chats carry, so a reminder sent last month still works.
import { z } from 'zod';
import type { Button, InputBlock, Select, SelectOption } from '../ui/model.js';
import type { CommandId } from './commands.js';

type Shape = Record<string, z.ZodType<string | number | boolean>>;
type PayloadOf<S extends Shape> = { [K in keyof S]: z.infer<S[K]> };

export interface Codec<T> {
  encode(payload: T): string;
  decode(value: string): T | undefined;
}

/**
 * Between fields on the wire. encodeURIComponent always escapes it (as %7C), so no field
 * contains one and cutting at it gives back exactly the fields that were written.
 */
const FIELD_SEPARATOR = '|';

/** The one place a payload is written and read: features only ever see typed payloads. */
function codec<S extends Shape>(shape: S): Codec<PayloadOf<S>> {
  const keys = Object.keys(shape);
  const schema = z.object(shape);
  return {
    encode: (payload) => keys.map((key) => encodeURIComponent(String(payload[key]))).join(FIELD_SEPARATOR),
    decode(value) {
      const parts = keys.length === 0 ? [] : value.split(FIELD_SEPARATOR);
      if (parts.length !== keys.length) return undefined;
      try {
        const raw = Object.fromEntries(keys.map((key, i) => [key, decodeURIComponent(parts[i]!)]));
        const parsed = schema.safeParse(raw);
        return parsed.success ? (parsed.data as PayloadOf<S>) : undefined;
      } catch {
        return undefined; // malformed %-escape: a forged or broken value
      }
    },
  };
}

export interface ActionDef<T> extends Codec<T> {
  readonly id: string;
  button(label: string, payload: T, style?: Button['style']): Button;
  option(label: string, payload: T): SelectOption;
  select(placeholder: string, options: SelectOption[], initial?: T): Select;
}

/** An action and its payload; fields are strings in the payload, so use z.coerce for numbers. */
export function defineAction<S extends Shape>(id: string, shape: S): ActionDef<PayloadOf<S>> {
  const { encode, decode } = codec(shape);
  return {
    id,
    encode,
    decode,
    button: (label, payload, style) => ({ type: 'button', label, actionId: id, value: encode(payload), ...(style ? { style } : {}) }),
    option: (label, payload) => ({ label, value: encode(payload) }),
    select: (placeholder, options, initial) => ({ type: 'select', placeholder, actionId: id, options, ...(initial ? { initial: encode(initial) } : {}) }),
  };
}

export interface FormDef<K> {
  readonly id: string;
  readonly inputId: string;
  /** The input block, its form id carrying the key (e.g. which commitment is edited). */
  input(key: K, props: Omit<InputBlock, 'type' | 'formId' | 'inputId'>): InputBlock;
  /** The key from a submitted form id, or undefined when it is not this form's or is broken. */
  decode(formId: string): K | undefined;
}

/** A form with one typed input; `key` names what it is about ("<id>:<key>" on the wire). */
export function defineForm<S extends Shape>(id: string, inputId: string, key: S): FormDef<PayloadOf<S>> {
  const keyCodec = codec(key);
  const keyless = Object.keys(key).length === 0;
  return {
    id,
    inputId,
    input: (payload, props) => ({ type: 'input', formId: keyless ? id : `${id}:${keyCodec.encode(payload)}`, inputId, ...props }),
    decode(formId) {
      const [name, ...rest] = formId.split(':');
      if (name !== id) return undefined;
      return keyCodec.decode(rest.join(':'));
    },
  };
}

/** The form name of a submitted form id: what the router looks the form up by. */
export const formName = (formId: string): string => formId.split(':')[0] ?? '';

/** The one action that runs a command, named by its id (never by a word in some language). */
export const COMMAND_ACTION = defineAction('command', { command: z.string().min(1).max(40) });

export function commandButton(label: string, command: CommandId, style?: Button['style']): Button {
  return COMMAND_ACTION.button(label, { command }, style);
}
