// A person talking to kohort in tests: messages, clicks and forms through the real router
// (db tests), and the controls a test finds in a message kohort sent, as a person would.
import type { InboundEvent } from '../../src/core/events.js';
import type { Button, Message } from '../../src/ui/model.js';
import { messageFrom, type RecordingAdapter } from './recording-adapter.js';

/** The button labelled `label` ("Klar"), or starting with it and a space ("4 Stämmer ganska bra"). */
export function buttonOf(msg: Message, label: string): Button {
  for (const block of msg.blocks) {
    if (block.type !== 'actions') continue;
    const found = block.elements.find((e): e is Button => e.type === 'button' && (e.label === label || e.label.startsWith(`${label} `)));
    if (found) return found;
  }
  throw new Error(`no button "${label}" in ${JSON.stringify(msg.blocks.map((b) => b.type))}`);
}

/** The form id of the message's input block. */
export function formOf(msg: Message): string {
  const input = msg.blocks.find((b) => b.type === 'input');
  if (!input || input.type !== 'input') throw new Error('no form in the message');
  return input.formId;
}

interface Wiring {
  route(event: InboundEvent): Promise<void>;
  adapter: RecordingAdapter;
}

/** `wiring` is read on every call, so a test may swap it (a restart). Each call answers the last text sent. */
export function routerChat(wiring: () => Wiring) {
  const run = async (event: InboundEvent) => {
    await wiring().route(event);
    return wiring().adapter.lastText();
  };
  const act = (userId: string, actionId: string, value: string) => run({ ...messageFrom(userId, ''), type: 'action', actionId, value } as InboundEvent);
  return {
    last: (): Message => wiring().adapter.sent.at(-1)!.message,
    say: (userId: string, text: string) => run(messageFrom(userId, text)),
    act,
    press: (userId: string, button: Button) => act(userId, button.actionId, button.value),
    submit: (userId: string, formId: string, values: Record<string, string>) => run({ ...messageFrom(userId, ''), type: 'form', formId, values } as InboundEvent),
  };
}
