// A preparation's reflection questions, asked one at a time in the direct message. Asked
// after Done (the reminders feature) and at a set time (the reflections feature, which also
// handles the answers), so the question, its form and its Skip button are defined here.
import { defineAction, defineForm } from '../../application/interaction.js';
import type { Ports } from '../../application/ports.js';
import { answer, type Reply } from '../../application/reply.js';
import type { Session } from '../../application/session.js';
import { actions, header, message, text, type Block, type Message } from '../../ui/model.js';
import { rowId, wholeNumber } from './ids.js';

export const MAX_REFLECTION = 2000;

const questionRef = { preparationId: rowId, index: wholeNumber(50) };
export const REFLECTION_ANSWER = defineForm('reflection.answer', 'answer', questionRef);
export const REFLECTION_SKIP = defineAction('reflection.skip', questionRef);

/** One question as a message; the first one opens with the preparation's title and an intro. */
export function reflectionQuestion(session: Pick<Session, 't'>, prep: { preparationId: string; title: string; questions: string[] }, index: number): Message {
  const { preparationId, questions } = prep;
  const blocks: Block[] = [];
  if (index === 0) blocks.push(header(session.t('reflections.title', { title: prep.title })), text(session.t('reflections.intro', { count: questions.length })));
  blocks.push(
    text(session.t('reflections.question', { number: index + 1, total: questions.length, question: questions[index]! })),
    REFLECTION_ANSWER.input(
      { preparationId, index },
      { label: session.t('reflections.answer_label'), multiline: true, maxLength: MAX_REFLECTION, submitLabel: session.t('reflections.send'), cancelLabel: session.t('common.cancel') },
    ),
    actions(REFLECTION_SKIP.button(session.t('reflections.skip'), { preparationId, index })),
  );
  return message(...blocks);
}

/**
 * Question `index` of the preparation's questions, remembered as the one a typed reply
 * answers; after the last one, thanks (none when it had none), and nothing is awaited.
 */
export async function askReflection(session: Session, ports: Pick<Ports, 'reflections' | 'reminders'>, preparationId: string, index: number): Promise<Reply> {
  const questions = await ports.reflections.questions(preparationId, session.locale);
  const person = session.person;
  if (questions[index] === undefined) {
    if (person && index > 0) await ports.reflections.setAwaited(person.participantId, undefined, session.now);
    return index > 0 ? answer(message(text(session.t('reflections.thanks')))) : answer();
  }
  if (person) await ports.reflections.setAwaited(person.participantId, { preparationId, index }, session.now);
  const title = index === 0 ? ((await ports.reminders.preparation(preparationId, session.locale))?.title ?? '') : '';
  return answer(reflectionQuestion(session, { preparationId, title, questions }, index));
}
