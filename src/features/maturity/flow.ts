// The maturity test as a conversation: `test` / `mognadstest` (or a button) starts or
// resumes it; buttons and typed replies move it one question at a time; every move is
// stored at once, so it resumes exactly where it stopped — after a restart, on another
// device or on the other platform. Individual answers are shown only to their owner.
import type { Ports } from '../../application/ports.js';
import { answer, oldButton, refuse, say, inOrder, type Reply } from '../../application/reply.js';
import { memberOf, type Session } from '../../application/session.js';
import { loadQuestionnaire } from '../../domain/questionnaire/load.js';
import type { QuestionnaireFile } from '../../domain/questionnaire/schema.js';
import { apply, controlWordIn, interpretTyped, reviewing, type ControlWords, type Input, type Problem } from '../../domain/questionnaire/session.js';
import type { Attempt, Occasion } from '../../domain/questionnaire/store.js';
import { wordsInAnyLocale, type Translator } from '../../i18n/i18n.js';
import { message, text } from '../../ui/model.js';
import { completePreparation, type CompletionPorts } from '../shared/completion.js';
import { when } from '../shared/wording.js';
import { questionCard, resultsCard, reviewCard } from './cards.js';

export type FlowPorts = Pick<Ports, 'maturity' | 'audit'> & CompletionPorts;

export const controlWords = (translator: Translator): ControlWords => ({
  skip: wordsInAnyLocale(translator, 'maturity.words.skip'),
  back: wordsInAnyLocale(translator, 'maturity.words.back'),
  submit: wordsInAnyLocale(translator, 'maturity.words.submit'),
});

/** The occasion open now, else the next to open, else the last that closed. */
function pickOccasion(occasions: Occasion[], now: Date): { occasion: Occasion; state: 'open' | 'upcoming' | 'closed' } | undefined {
  const open = occasions.find((o) => o.opensAt <= now && now < o.closesAt);
  if (open) return { occasion: open, state: 'open' };
  const upcoming = occasions.filter((o) => o.opensAt > now).sort((a, b) => a.opensAt.getTime() - b.opensAt.getTime())[0];
  if (upcoming) return { occasion: upcoming, state: 'upcoming' };
  const closed = occasions.filter((o) => o.closesAt <= now).sort((a, b) => b.closesAt.getTime() - a.closesAt.getTime())[0];
  return closed ? { occasion: closed, state: 'closed' } : undefined;
}

/** `test` / `mognadstest`: start, resume, or show the results already given. */
export async function startTest(session: Session, ports: FlowPorts): Promise<Reply> {
  const person = memberOf(session);
  const occasions = await ports.maturity.occasionsOf(person.programId);
  const picked = pickOccasion(occasions, session.now);
  if (!picked) return say(session, 'maturity.none');
  const { occasion } = picked;
  const q = loadQuestionnaire(occasion.questionnaire);
  const existing = await ports.maturity.attempt(person.participantId, occasion.questionnaireKey, occasion.key);
  if (existing?.status === 'submitted') return showResults(session, ports, q, occasions, existing);
  if (picked.state === 'upcoming') return say(session, 'maturity.opens_later', { occasion: occasion.title, opens: when(session, occasion.opensAt) });
  if (picked.state === 'closed') return say(session, 'maturity.closed', { occasion: occasion.title, closed: when(session, occasion.closesAt) });

  const attempt = existing ?? (await ports.maturity.start(person.participantId, occasion.questionnaireKey, occasion.key, session.now));
  if (attempt.status === 'paused') {
    const resumed = apply(q, attempt, { type: 'resume' });
    if (resumed.ok) await ports.maturity.save(attempt, resumed.state, undefined, session.now);
  }
  const live = { ...attempt, status: 'in_progress' as const };
  let opening: Reply;
  if (!existing) {
    await ports.audit.record({ at: session.now, actorId: person.participantId, action: 'maturity.started', subject: `${occasion.questionnaireKey}/${occasion.key}` });
    opening = answer(message(text(session.t('maturity.intro', { occasion: occasion.title, closes: when(session, occasion.closesAt) })), ...(q.intro ? [text(q.intro[session.locale])] : [])));
  } else {
    opening = say(session, 'maturity.welcome_back', { number: Math.min(live.index + 1, q.questions.length), total: q.questions.length });
  }
  return inOrder(opening, current(session, q, live));
}

function current(session: Session, q: QuestionnaireFile, attempt: Attempt): Reply {
  return answer(reviewing(q, attempt) ? reviewCard(session, q, attempt, attempt) : questionCard(session, q, attempt, attempt));
}

async function showResults(session: Session, ports: FlowPorts, q: QuestionnaireFile, occasions: Occasion[], attempt: Attempt): Promise<Reply> {
  const all = await ports.maturity.submitted(attempt.participantId, attempt.questionnaireKey);
  const earlier = all.filter((a) => a.id !== attempt.id && a.submittedAt && attempt.submittedAt && a.submittedAt < attempt.submittedAt);
  return answer(resultsCard(session, q, occasions, attempt, earlier.at(-1)));
}

export type StepKind = 'answer' | 'skip' | 'back' | 'pause' | 'submit';

/** A step button: the attempt and question it was drawn for, and the chosen value. */
export async function stepButton(session: Session, ports: FlowPorts, kind: StepKind, payload: { attemptId: string; index: number; value: string }): Promise<Reply> {
  const attempt = await ports.maturity.byId(payload.attemptId);
  if (!attempt || attempt.participantId !== session.person?.participantId) return oldButton(session);
  const input: Input = kind === 'pause' ? { type: 'pause' } : kind === 'answer' ? { type: 'answer', index: payload.index, value: payload.value } : { type: kind, index: payload.index };
  return move(session, ports, attempt, input);
}

/** The free-text answer submitted from its form. */
export async function textAnswer(session: Session, ports: FlowPorts, typed: string): Promise<Reply> {
  const attempt = session.person ? await ports.maturity.active(session.person.participantId) : undefined;
  if (!attempt) return oldButton(session);
  return move(session, ports, attempt, { type: 'text', index: attempt.index, text: typed });
}

/** A typed reply while a test is going on; undefined when it is not about the test. */
export async function typedAnswer(session: Session, ports: FlowPorts, typed: string, isCommand: boolean): Promise<Reply | undefined> {
  if (!session.person) return undefined;
  // A command stays a command unless it is also one of the test's control words (below):
  // then there is no need to look for a test in progress (asked on every typed message).
  if (isCommand && !controlWordIn(typed, controlWords(session.translator))) return undefined;
  const attempt = await ports.maturity.active(session.person.participantId);
  if (!attempt) return undefined;
  const occasions = await ports.maturity.occasionsOf(session.person.programId);
  const occasion = occasions.find((o) => o.key === attempt.occasionKey);
  if (!occasion) return undefined;
  const input = interpretTyped(loadQuestionnaire(occasion.questionnaire), attempt, typed, controlWords(session.translator));
  if (!input) return undefined;
  // A command ("status", "hjälp") wins over a free-text answer; control words win over commands.
  const controlWord = input.type !== 'text' && input.type !== 'answer';
  if (isCommand && !controlWord) return undefined;
  return move(session, ports, attempt, input, occasions);
}

/** `known`: the occasions when the caller already read them (typed answers arrive on every message). */
async function move(session: Session, ports: FlowPorts, attempt: Attempt, input: Input, known?: Occasion[]): Promise<Reply> {
  const person = memberOf(session);
  const occasions = known ?? (await ports.maturity.occasionsOf(person.programId));
  const occasion = occasions.find((o) => o.key === attempt.occasionKey && o.questionnaireKey === attempt.questionnaireKey);
  if (!occasion) return oldButton(session);
  const q = loadQuestionnaire(occasion.questionnaire);
  if (attempt.status === 'submitted') return refuse(session, 'maturity.problem.submitted');
  if (session.now >= occasion.closesAt) return refuse(session, 'maturity.closed_answer', { occasion: occasion.title, closed: when(session, occasion.closesAt) });

  const step = apply(q, attempt, input);
  if (!step.ok) return explain(session, q, attempt, step.problem);
  const saved = await ports.maturity.save(attempt, step.state, step.answered, session.now);
  // Someone else (a double click, another device) moved it first: nothing changed here.
  if (!saved) return explain(session, q, attempt, 'stale');
  const next = { ...attempt, ...step.state };
  if (step.state.status === 'paused') return say(session, 'maturity.paused', { number: Math.min(next.index + 1, q.questions.length), total: q.questions.length });
  if (step.state.status === 'submitted') {
    await ports.audit.record({ at: session.now, actorId: person.participantId, action: 'maturity.submitted', subject: `${attempt.questionnaireKey}/${attempt.occasionKey}` });
    // Taking the test is the preparation "do the test" done: its reminders stop, progress and summaries count it.
    for (const prep of await ports.reminders.preparationsOfKind(person.programId, 'maturity_test', attempt.occasionKey)) {
      await completePreparation(ports, person, prep.id, 'maturity_test', session.now);
    }
    return showResults(session, ports, q, occasions, { ...next, submittedAt: session.now });
  }
  return current(session, q, next);
}

/** Why a step changed nothing: its card keeps its buttons. */
function explain(session: Session, q: QuestionnaireFile, attempt: Attempt, problem: Problem): Reply {
  const question = q.questions[attempt.index];
  return refuse(session, `maturity.problem.${problem}`, { max: question?.maxLength ?? 2000, number: Math.min(attempt.index + 1, q.questions.length) });
}
