// Reflection prompts: when a person marks a preparation done that has reflection questions
// ("Vad är kontroversiellt?"), kohort asks them one at a time in the direct message. Each
// answer (at most 2,000 characters) is stored, and its owner chooses whether it may be
// quoted anonymously in the group's summary — not quoted unless they say so.
import { actions, button, header, message, text, type Block, type Message } from '../../ui/model.js';
import type { Context } from '../context.js';

export const MAX_REFLECTION = 2000;
export const REFLECTION_ACTIONS = { skip: 'reflection.skip', quote: 'reflection.quote' } as const;
export const REFLECTION_FORM = 'reflection.answer';

const questionKey = (index: number) => `q${index + 1}`;

/** Asks question `index` of the preparation's reflection questions, if there is one. */
export async function askReflection(ctx: Context, preparationId: string, index: number): Promise<void> {
  const questions = await ctx.services.reflections.questions(preparationId);
  if (questions[index] === undefined) {
    if (index > 0) await ctx.reply(message(text(ctx.t('reflections.thanks'))));
    return;
  }
  const title = index === 0 ? ((await ctx.services.reminders.preparation(preparationId))?.title ?? '') : '';
  await ctx.reply(questionMessage(ctx.t, { preparationId, title, questions }, index));
}

/** One question as a message; the first one opens with the preparation's title and an intro. */
export function questionMessage(t: Context['t'], prep: { preparationId: string; title: string; questions: string[] }, index: number): Message {
  const { preparationId, questions } = prep;
  const blocks: Block[] = [];
  if (index === 0) blocks.push(header(t('reflections.title', { title: prep.title })), text(t('reflections.intro', { count: questions.length })));
  blocks.push(
    text(t('reflections.question', { number: index + 1, total: questions.length, question: questions[index]! })),
    { type: 'input', formId: `${REFLECTION_FORM}:${preparationId}|${index}`, inputId: 'answer', label: t('reflections.answer_label'), multiline: true, maxLength: MAX_REFLECTION, submitLabel: t('reflections.send'), cancelLabel: t('common.cancel') },
    actions(button(t('reflections.skip'), REFLECTION_ACTIONS.skip, `${preparationId}|${index}`)),
  );
  return message(...blocks);
}

/** Forms and buttons carry "<preparation>|<index>"; the preparation must be in the person's program. */
async function target(ctx: Context, id: string): Promise<{ preparationId: string; index: number } | undefined> {
  const [preparationId = '', raw = ''] = id.split('|');
  const index = Number(raw);
  const prep = await ctx.services.reminders.preparation(preparationId);
  const questions = prep ? await ctx.services.reflections.questions(preparationId) : [];
  if (!prep || prep.programId !== ctx.person?.programId || !Number.isInteger(index) || index < 0 || index >= questions.length) {
    await ctx.reply(message(text(ctx.t('common.errors.old_button'))));
    return undefined;
  }
  return { preparationId, index };
}

export async function answerReflection(ctx: Context, values: Record<string, string>, id: string): Promise<void> {
  const found = await target(ctx, id);
  if (!found) return;
  const answer = (values.answer ?? '').trim();
  if (!answer) return ctx.reply(message(text(ctx.t('reflections.empty'))));
  if ([...answer].length > MAX_REFLECTION) return ctx.reply(message(text(ctx.t('reflections.too_long', { length: [...answer].length, max: MAX_REFLECTION }))));
  const reflectionId = await ctx.services.reflections.save({ participantId: ctx.person!.participantId, preparationId: found.preparationId, questionKey: questionKey(found.index), answer, at: ctx.now });
  await ctx.reply(
    message(
      text(ctx.t('reflections.saved')),
      actions(button(ctx.t('reflections.quote_yes'), REFLECTION_ACTIONS.quote, `${reflectionId}|yes`), button(ctx.t('reflections.quote_no'), REFLECTION_ACTIONS.quote, `${reflectionId}|no`)),
    ),
  );
  await askReflection(ctx, found.preparationId, found.index + 1);
}

export async function skipReflection(ctx: Context, value: string): Promise<void> {
  const found = await target(ctx, value);
  if (found) await askReflection(ctx, found.preparationId, found.index + 1);
}

export async function quoteChoice(ctx: Context, value: string): Promise<void> {
  const [id = '', choice = ''] = value.split('|');
  const reflection = await ctx.services.reflections.byId(id);
  if (!reflection || reflection.participantId !== ctx.person?.participantId || (choice !== 'yes' && choice !== 'no')) {
    return ctx.reply(message(text(ctx.t('common.errors.old_button'))));
  }
  await ctx.services.reflections.setQuoteAllowed(reflection.id, choice === 'yes');
  await ctx.reply(message(text(ctx.t(choice === 'yes' ? 'reflections.quote_set_yes' : 'reflections.quote_set_no'))));
}
