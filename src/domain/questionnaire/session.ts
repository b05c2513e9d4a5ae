// The maturity test as a state machine, pure: where the person is (the index of the
// question asked; the number of questions means "reviewing before submitting"), what
// they answered, and what one input does to that. Buttons carry the index they were
// drawn for, so a double click or an old card is recognised as stale and changes nothing.
import type { Locale } from '../../i18n/i18n.js';
import type { Question, QuestionnaireFile } from './schema.js';

export type Answer = { kind: 'scale'; value: number } | { kind: 'choice'; option: string } | { kind: 'text'; text: string } | { kind: 'skip' };

export type SessionStatus = 'in_progress' | 'paused' | 'submitted';

export interface SessionState {
  status: SessionStatus;
  index: number;
  answers: ReadonlyMap<string, Answer>;
}

export type Input =
  | { type: 'answer'; index: number; value: string }
  | { type: 'text'; index: number; text: string }
  | { type: 'skip'; index: number }
  | { type: 'back'; index: number }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'submit'; index: number };

export type Problem = 'stale' | 'submitted' | 'not_skippable' | 'not_an_answer' | 'too_long' | 'empty';

export type Step = { ok: true; state: SessionState; answered?: { key: string; answer: Answer } } | { ok: false; problem: Problem };

export const DEFAULT_TEXT_MAX = 2000;

export function reviewing(q: QuestionnaireFile, state: SessionState): boolean {
  return state.index >= q.questions.length;
}

export function apply(q: QuestionnaireFile, state: SessionState, input: Input): Step {
  if (state.status === 'submitted') return { ok: false, problem: 'submitted' };
  if (input.type === 'pause') return { ok: true, state: { ...state, status: 'paused' } };
  if (input.type === 'resume') return { ok: true, state: { ...state, status: 'in_progress' } };
  if (input.index !== state.index) return { ok: false, problem: 'stale' };
  const live = { ...state, status: 'in_progress' as const };

  if (input.type === 'back') return { ok: true, state: { ...live, index: Math.max(0, state.index - 1) } };
  if (input.type === 'submit') {
    return reviewing(q, state) ? { ok: true, state: { ...live, status: 'submitted' } } : { ok: false, problem: 'stale' };
  }
  const question = q.questions[state.index];
  if (!question) return { ok: false, problem: 'stale' };

  let answer: Answer;
  if (input.type === 'skip') {
    if (!question.skippable) return { ok: false, problem: 'not_skippable' };
    answer = { kind: 'skip' };
  } else if (input.type === 'text') {
    if (question.type !== 'text') return { ok: false, problem: 'not_an_answer' };
    const text = input.text.trim();
    if (!text) return { ok: false, problem: 'empty' };
    if (text.length > (question.maxLength ?? DEFAULT_TEXT_MAX)) return { ok: false, problem: 'too_long' };
    answer = { kind: 'text', text };
  } else {
    const parsed = answerFromValue(question, input.value);
    if (!parsed) return { ok: false, problem: 'not_an_answer' };
    answer = parsed;
  }
  const answers = new Map(state.answers);
  answers.set(question.key, answer);
  return { ok: true, state: { ...live, answers, index: state.index + 1 }, answered: { key: question.key, answer } };
}

/** A button's value: "1"–"5" on a scale, an option key on a choice. */
function answerFromValue(question: Question, value: string): Answer | undefined {
  if (question.type === 'scale') {
    const n = Number(value);
    return Number.isInteger(n) && n >= 1 && n <= 5 ? { kind: 'scale', value: n } : undefined;
  }
  if (question.type === 'choice') return question.options?.some((o) => o.key === value) ? { kind: 'choice', option: value } : undefined;
  return undefined;
}

/**
 * The words that steer the test when typed ("hoppa över", "back"), in every language; kept
 * in prompts/. Pausing the test is its button only: a typed "paus" always means the
 * reminders' pause, whatever the person is in the middle of.
 */
export type ControlWords = Record<'skip' | 'back' | 'submit', readonly string[]>;

/** A typed reply as written (spacing tidied) and as compared (lower case, no closing "." or "!"). */
function tidied(typed: string): { text: string; lower: string } {
  const text = typed.normalize('NFC').trim().replace(/\s+/g, ' ');
  return { text, lower: text.toLowerCase().replace(/[.!]+$/, '') };
}

/** The control word `typed` is ("Hoppa över!", "back"), if it is one. */
export function controlWordIn(typed: string, controls: ControlWords): keyof ControlWords | undefined {
  const { lower } = tidied(typed);
  return (Object.keys(controls) as (keyof ControlWords)[]).find((type) => controls[type].includes(lower));
}

/**
 * What a typed reply means at this point of the test, or undefined when it is not about
 * the test (then it is treated as a command). "4", a step label in either language
 * ("stämmer delvis", "partly true"), an option's label, or a control word.
 */
export function interpretTyped(q: QuestionnaireFile, state: SessionState, typed: string, controls: ControlWords): Input | undefined {
  const { text, lower } = tidied(typed);
  const control = controlWordIn(typed, controls);
  if (control) return { type: control, index: state.index };
  const question = q.questions[state.index];
  if (!question) return undefined;
  if (question.type === 'scale') {
    if (/^[1-5]$/.test(lower)) return { type: 'answer', index: state.index, value: lower };
    const labels = question.labels ?? q.scale.labels;
    const step = labels.findIndex((l) => l.sv.toLowerCase() === lower || l.en.toLowerCase() === lower);
    return step >= 0 ? { type: 'answer', index: state.index, value: String(step + 1) } : undefined;
  }
  if (question.type === 'choice') {
    const option = question.options?.find((o) => o.label.sv.toLowerCase() === lower || o.label.en.toLowerCase() === lower || o.key === lower);
    return option ? { type: 'answer', index: state.index, value: option.key } : undefined;
  }
  return { type: 'text', index: state.index, text };
}

/** How an answer reads back to the person ("Stämmer delvis", "Hoppade över"). */
export function answerLabel(q: QuestionnaireFile, question: Question, answer: Answer, locale: Locale): string | undefined {
  switch (answer.kind) {
    case 'scale':
      return (question.labels ?? q.scale.labels)[answer.value - 1]?.[locale];
    case 'choice':
      return question.options?.find((o) => o.key === answer.option)?.label[locale];
    case 'text':
      return answer.text;
    case 'skip':
      return undefined;
  }
}
