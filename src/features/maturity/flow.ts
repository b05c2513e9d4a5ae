// The maturity test as a conversation: `test` / `mognadstest` (or a button) starts or
// resumes it; buttons and typed replies move it one question at a time; every move is
// stored at once, so it resumes exactly where it stopped — after a restart, on another
// device or on the other platform. Individual answers are shown only to their owner.
import { loadQuestionnaire } from '../../domain/questionnaire/load.js';
import type { QuestionnaireFile } from '../../domain/questionnaire/schema.js';
import { apply, interpretTyped, reviewing, type Input, type Problem } from '../../domain/questionnaire/session.js';
import type { Attempt, Occasion } from '../../domain/questionnaire/store.js';
import { formatMoment } from '../../i18n/format.js';
import { message, text } from '../../ui/model.js';
import type { Context } from '../context.js';
import { MATURITY_ACTIONS, questionCard, resultsCard, reviewCard } from './cards.js';


/** The occasion open now, else the next to open, else the last that closed. */
function pickOccasion(occasions: Occasion[], now: Date): { occasion: Occasion; state: 'open' | 'upcoming' | 'closed' } | undefined {
  const open = occasions.find((o) => o.opensAt <= now && now < o.closesAt);
  if (open) return { occasion: open, state: 'open' };
  const upcoming = occasions.filter((o) => o.opensAt > now).sort((a, b) => a.opensAt.getTime() - b.opensAt.getTime())[0];
  if (upcoming) return { occasion: upcoming, state: 'upcoming' };
  const closed = occasions.filter((o) => o.closesAt <= now).sort((a, b) => b.closesAt.getTime() - a.closesAt.getTime())[0];
  return closed ? { occasion: closed, state: 'closed' } : undefined;
}

const when = (ctx: Context, at: Date) => formatMoment(at, ctx.person?.timezone ?? 'Europe/Stockholm', ctx.locale);

/** `test` / `mognadstest`: start, resume, or show the results already given. */
export async function startTest(ctx: Context): Promise<void> {
  const person = ctx.person!;
  const occasions = await ctx.services.maturity.occasionsOf(person.programId);
  const picked = pickOccasion(occasions, ctx.now);
  if (!picked) return ctx.reply(message(text(ctx.t('maturity.none'))));
  const { occasion } = picked;
  const q = loadQuestionnaire(occasion.questionnaire);
  const existing = await ctx.services.maturity.attempt(person.participantId, occasion.questionnaireKey, occasion.key);
  if (existing?.status === 'submitted') return showResults(ctx, q, occasions, existing);
  if (picked.state === 'upcoming') return ctx.reply(message(text(ctx.t('maturity.opens_later', { occasion: occasion.title, opens: when(ctx, occasion.opensAt) }))));
  if (picked.state === 'closed') return ctx.reply(message(text(ctx.t('maturity.closed', { occasion: occasion.title, closed: when(ctx, occasion.closesAt) }))));

  const attempt = existing ?? (await ctx.services.maturity.start(person.participantId, occasion.questionnaireKey, occasion.key, ctx.now));
  if (attempt.status === 'paused') {
    const resumed = apply(q, attempt, { type: 'resume' });
    if (resumed.ok) await ctx.services.maturity.save(attempt, resumed.state, undefined, ctx.now);
  }
  const live = { ...attempt, status: 'in_progress' as const };
  if (!existing) {
    await ctx.services.audit.record({ at: ctx.now, actorId: person.participantId, action: 'maturity.started', subject: `${occasion.questionnaireKey}/${occasion.key}` });
    await ctx.reply(message(text(ctx.t('maturity.intro', { occasion: occasion.title, closes: when(ctx, occasion.closesAt) })), ...(q.intro ? [text(q.intro[ctx.locale])] : [])));
  } else {
    await ctx.reply(message(text(ctx.t('maturity.welcome_back', { number: Math.min(live.index + 1, q.questions.length), total: q.questions.length }))));
  }
  await showCurrent(ctx, q, live);
}

async function showCurrent(ctx: Context, q: QuestionnaireFile, attempt: Attempt): Promise<void> {
  await ctx.reply(reviewing(q, attempt) ? reviewCard(ctx, q, attempt, attempt) : questionCard(ctx, q, attempt, attempt));
}

async function showResults(ctx: Context, q: QuestionnaireFile, occasions: Occasion[], attempt: Attempt): Promise<void> {
  const all = await ctx.services.maturity.submitted(attempt.participantId, attempt.questionnaireKey);
  const earlier = all.filter((a) => a.id !== attempt.id && a.submittedAt && attempt.submittedAt && a.submittedAt < attempt.submittedAt);
  await ctx.reply(resultsCard(ctx, q, occasions, attempt, earlier.at(-1)));
}

/** A button on a question card: `<attempt>|<index>|<value>`. */
export async function maturityButton(ctx: Context, kind: keyof typeof MATURITY_ACTIONS, value: string): Promise<void> {
  const [attemptId = '', index = '', answer = ''] = value.split('|');
  const attempt = await ctx.services.maturity.byId(attemptId);
  if (!attempt || attempt.participantId !== ctx.person?.participantId) return ctx.reply(message(text(ctx.t('common.errors.old_button'))));
  const at = Number(index);
  const input: Input = kind === 'pause' ? { type: 'pause' } : kind === 'answer' ? { type: 'answer', index: at, value: answer } : { type: kind, index: at };
  await move(ctx, attempt, input);
}

/** The free-text answer submitted from its form. */
export async function maturityText(ctx: Context, values: Record<string, string>): Promise<void> {
  const attempt = ctx.person ? await ctx.services.maturity.active(ctx.person.participantId) : undefined;
  if (!attempt) return ctx.reply(message(text(ctx.t('common.errors.old_button'))));
  await move(ctx, attempt, { type: 'text', index: attempt.index, text: values.answer ?? '' });
}

/** A typed reply while a test is going on; false when it is not about the test. */
export async function maturityTyped(ctx: Context, typed: string, isCommand: boolean): Promise<boolean> {
  if (!ctx.person) return false;
  const attempt = await ctx.services.maturity.active(ctx.person.participantId);
  if (!attempt) return false;
  const occasions = await ctx.services.maturity.occasionsOf(ctx.person.programId);
  const occasion = occasions.find((o) => o.key === attempt.occasionKey);
  if (!occasion) return false;
  const input = interpretTyped(loadQuestionnaire(occasion.questionnaire), attempt, typed);
  if (!input) return false;
  // A command ("status", "hjälp") wins over a free-text answer; control words win over commands.
  const controlWord = input.type !== 'text' && input.type !== 'answer';
  if (isCommand && !controlWord) return false;
  await move(ctx, attempt, input, occasions);
  return true;
}

/** `occasions`: when the caller already read them (typed answers arrive on every message). */
async function move(ctx: Context, attempt: Attempt, input: Input, known?: Occasion[]): Promise<void> {
  const person = ctx.person!;
  const occasions = known ?? (await ctx.services.maturity.occasionsOf(person.programId));
  const occasion = occasions.find((o) => o.key === attempt.occasionKey && o.questionnaireKey === attempt.questionnaireKey);
  if (!occasion) return ctx.reply(message(text(ctx.t('common.errors.old_button'))));
  const q = loadQuestionnaire(occasion.questionnaire);
  if (attempt.status === 'submitted') return ctx.reply(message(text(ctx.t('maturity.problem.submitted'))));
  if (ctx.now >= occasion.closesAt) return ctx.reply(message(text(ctx.t('maturity.closed_answer', { occasion: occasion.title, closed: when(ctx, occasion.closesAt) }))));

  const step = apply(q, attempt, input);
  if (!step.ok) return explain(ctx, q, attempt, step.problem);
  const saved = await ctx.services.maturity.save(attempt, step.state, step.answered, ctx.now);
  // Someone else (a double click, another device) moved it first: nothing changed here.
  if (!saved) return explain(ctx, q, attempt, 'stale');
  const next = { ...attempt, ...step.state };
  if (step.state.status === 'paused') return ctx.reply(message(text(ctx.t('maturity.paused', { number: Math.min(next.index + 1, q.questions.length), total: q.questions.length }))));
  if (step.state.status === 'submitted') {
    await ctx.services.audit.record({ at: ctx.now, actorId: person.participantId, action: 'maturity.submitted', subject: `${attempt.questionnaireKey}/${attempt.occasionKey}` });
    return showResults(ctx, q, occasions, { ...next, submittedAt: ctx.now });
  }
  await showCurrent(ctx, q, next);
}

async function explain(ctx: Context, q: QuestionnaireFile, attempt: Attempt, problem: Problem): Promise<void> {
  const question = q.questions[attempt.index];
  await ctx.reply(message(text(ctx.t(`maturity.problem.${problem}`, { max: question?.maxLength ?? 2000, number: Math.min(attempt.index + 1, q.questions.length) }))));
}
