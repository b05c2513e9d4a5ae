// What a chat entry (command, button, form) gives back: the messages to answer with, in
// order, and whether the click it answers was acted on. The chat surface sends them and
// stamps the clicked card with the choice only when it was acted on.
import { message, text, type Message } from '../ui/model.js';
import type { Params } from '../i18n/i18n.js';
import type { Session } from './session.js';

export interface Reply {
  messages: Message[];
  /**
   * The clicked card as it now stands (a decision with its new settings), drawn in its
   * place. Without it an acted-on card shows the choice made and loses its controls.
   */
  card?: Message;
  /** The click changed nothing (an old card, a stale step): the card keeps its buttons. */
  refused?: boolean;
  /** The person's home surface shows something that just changed. */
  refreshHome?: boolean;
  /** Messages were queued to go out now (a summary, a broadcast): the outbox is asked to look, after this answer. */
  wakeOutbox?: boolean;
}

export const answer = (...messages: Message[]): Reply => ({ messages });

/** The clicked card redrawn in place, and the messages after it. */
export const redraw = (card: Message, ...messages: Message[]): Reply => ({ card, messages });

/** One plain text, from the prompts. */
export const say = (session: Pick<Session, 't'>, key: string, params?: Params): Reply => answer(message(text(session.t(key, params))));

/** A refusal that explains itself: nothing changed. */
export const refuse = (session: Pick<Session, 't'>, key: string, params?: Params): Reply => ({ messages: [message(text(session.t(key, params)))], refused: true });

/** The button belongs to a message that no longer applies. */
export const oldButton = (session: Pick<Session, 't'>): Reply => refuse(session, 'common.errors.old_button');

/** Several replies, one after the other (the answer, then the next question). */
export function inOrder(first: Reply, ...rest: Reply[]): Reply {
  const all = [first, ...rest];
  return {
    messages: all.flatMap((r) => r.messages),
    ...(all.some((r) => r.card) ? { card: all.find((r) => r.card)!.card } : {}),
    // Whether the click was acted on is the first reply's to say.
    ...(first.refused ? { refused: true } : {}),
    ...(all.some((r) => r.refreshHome) ? { refreshHome: true } : {}),
    ...(all.some((r) => r.wakeOutbox) ? { wakeOutbox: true } : {}),
  };
}
