// Reflection answers: each one (at most 2,000 characters) is stored, and its owner chooses
// whether it may be quoted anonymously in the group's summary — not quoted unless they say
// so. Forms and buttons name the preparation and question; the preparation must be in the
// person's own program, and only the owner can change whether an answer is quoted.
import { z } from 'zod';
import { defineAction } from '../../application/interaction.js';
import type { Ports } from '../../application/ports.js';
import { answer, oldButton, refuse, say, inOrder, type Reply } from '../../application/reply.js';
import { memberOf, type Session } from '../../application/session.js';
import { LOCALES } from '../../i18n/i18n.js';
import { actions, message, text } from '../../ui/model.js';
import { rowId } from '../shared/ids.js';
import { askReflection, MAX_REFLECTION } from '../shared/reflection-prompt.js';

export const REFLECTION_QUOTE = defineAction('reflection.quote', { reflectionId: rowId, choice: z.enum(['yes', 'no']) });

export type AnswerPorts = Pick<Ports, 'reflections' | 'reminders'>;

const questionKey = (index: number) => `q${index + 1}`;

/** The preparation and question a form or button names, if they are the person's to answer. */
async function isOwnQuestion(session: Session, ports: AnswerPorts, preparationId: string, index: number): Promise<boolean> {
  const prep = await ports.reminders.preparation(preparationId, session.locale);
  const questions = prep ? await ports.reflections.questions(preparationId, session.locale) : [];
  return Boolean(prep && prep.programId === session.person?.programId && index < questions.length);
}

export async function answerQuestion(session: Session, ports: AnswerPorts, target: { preparationId: string; index: number }, raw: string): Promise<Reply> {
  if (!(await isOwnQuestion(session, ports, target.preparationId, target.index))) return oldButton(session);
  const written = raw.trim();
  if (!written) return refuse(session, 'reflections.empty');
  const length = [...written].length;
  // Never cut: the answer comes back whole, so the person can shorten it and send it again.
  if (length > MAX_REFLECTION) return { messages: [message(text(session.t('reflections.too_long', { length, max: MAX_REFLECTION })), text(written, 'muted'))], refused: true };
  const reflectionId = await ports.reflections.save({
    participantId: memberOf(session).participantId,
    preparationId: target.preparationId,
    questionKey: questionKey(target.index),
    answer: written,
    at: session.now,
  });
  const saved = answer(
    message(
      text(session.t('reflections.saved')),
      actions(REFLECTION_QUOTE.button(session.t('reflections.quote_yes'), { reflectionId, choice: 'yes' }), REFLECTION_QUOTE.button(session.t('reflections.quote_no'), { reflectionId, choice: 'no' })),
    ),
  );
  return inOrder(saved, await askReflection(session, ports, target.preparationId, target.index + 1));
}

export async function skipQuestion(session: Session, ports: AnswerPorts, target: { preparationId: string; index: number }): Promise<Reply> {
  if (!(await isOwnQuestion(session, ports, target.preparationId, target.index))) return oldButton(session);
  return askReflection(session, ports, target.preparationId, target.index + 1);
}

/** How long an asked question waits for a typed answer: after that, a message is just a message. */
const AWAITED_FOR_MS = 7 * 24 * 3600_000;

/** A typed reply while a reflection question waits: it is the answer (a command stays a command). */
export async function typedAnswer(session: Session, ports: AnswerPorts, typed: string, isCommand: boolean): Promise<Reply | undefined> {
  if (isCommand || !session.person) return undefined;
  const awaited = await ports.reflections.awaited(session.person.participantId);
  if (!awaited || session.now.getTime() - awaited.askedAt.getTime() > AWAITED_FOR_MS) return undefined;
  // "hoppa över", as the question invites, skips it (as in the maturity test); it is never saved as the answer.
  if (isSkipWord(session, typed)) return skipQuestion(session, ports, { preparationId: awaited.preparationId, index: awaited.index });
  return answerQuestion(session, ports, awaited, typed);
}

function isSkipWord(session: Session, typed: string): boolean {
  const said = typed
    .normalize('NFC')
    .trim()
    .toLowerCase()
    .replace(/[\s!.…]+$/u, '');
  return LOCALES.some((locale) => session.translator.words(locale, 'reflections.words.skip').includes(said));
}

export async function chooseQuote(session: Session, ports: AnswerPorts, reflectionId: string, choice: 'yes' | 'no'): Promise<Reply> {
  const reflection = await ports.reflections.byId(reflectionId);
  if (!reflection || reflection.participantId !== session.person?.participantId) return oldButton(session);
  await ports.reflections.setQuoteAllowed(reflection.id, choice === 'yes');
  return say(session, choice === 'yes' ? 'reflections.quote_set_yes' : 'reflections.quote_set_no');
}
