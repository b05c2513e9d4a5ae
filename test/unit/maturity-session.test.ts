// The maturity test's state machine and its scoring: answer, skip, back, pause, stale
// buttons (double click, old card), typed replies in both languages; means without skips,
// the change between attempts, the two weakest dimensions.
import { describe, expect, it } from 'vitest';
import { loadQuestionnaire } from '../../src/domain/questionnaire/load.js';
import { change, score, weakest } from '../../src/domain/questionnaire/score.js';
import { controlWords } from '../../src/features/maturity/flow.js';
import { loadTranslator } from '../../src/i18n/i18n.js';
import { apply, interpretTyped, type Answer, type Input, type SessionState } from '../../src/domain/questionnaire/session.js';

/** The typed control words as prompts/ holds them. */
const CONTROLS = controlWords(loadTranslator());

const bank = loadQuestionnaire('default');
const start: SessionState = { status: 'in_progress', index: 0, answers: new Map() };

function run(inputs: Input[], from = start): SessionState {
  return inputs.reduce((state, input) => {
    const step = apply(bank, state, input);
    if (!step.ok) throw new Error(`${input.type} refused: ${step.problem}`);
    return step.state;
  }, from);
}

describe('maturity test session', () => {
  it('answers, skips and goes back; back keeps the earlier answer until it is changed', () => {
    const state = run([
      { type: 'answer', index: 0, value: '4' },
      { type: 'skip', index: 1 },
      { type: 'back', index: 2 },
    ]);
    expect(state.index).toBe(1);
    expect(state.answers.get('ap-kartlagda')).toEqual({ kind: 'scale', value: 4 });
    expect(state.answers.get('ap-forbattra')).toEqual({ kind: 'skip' });
    const changed = run([{ type: 'answer', index: 1, value: '2' }], state);
    expect([changed.index, changed.answers.get('ap-forbattra')]).toEqual([2, { kind: 'scale', value: 2 }]);
  });

  it('refuses a stale button (double click or an old card) and changes nothing', () => {
    const once = run([{ type: 'answer', index: 0, value: '3' }]);
    expect(apply(bank, once, { type: 'answer', index: 0, value: '5' })).toEqual({ ok: false, problem: 'stale' });
    expect(apply(bank, once, { type: 'answer', index: 7, value: '5' })).toEqual({ ok: false, problem: 'stale' });
    expect(apply(bank, once, { type: 'answer', index: 1, value: '9' })).toEqual({ ok: false, problem: 'not_an_answer' });
  });

  it('pauses and resumes where it stopped; submits only from the review; nothing after submitting', () => {
    const paused = run([{ type: 'answer', index: 0, value: '1' }, { type: 'pause' }]);
    expect([paused.status, paused.index]).toEqual(['paused', 1]);
    expect(run([{ type: 'resume' }], paused)).toMatchObject({ status: 'in_progress', index: 1 });
    expect(apply(bank, paused, { type: 'submit', index: 1 })).toEqual({ ok: false, problem: 'stale' });
    const all: Input[] = bank.questions.map((q, i) => (q.type === 'text' ? { type: 'text', index: i, text: 'Mer tid' } : { type: 'answer', index: i, value: '3' }));
    const done = run([...all, { type: 'submit', index: bank.questions.length }]);
    expect(done.status).toBe('submitted');
    expect(apply(bank, done, { type: 'back', index: done.index })).toEqual({ ok: false, problem: 'submitted' });
  });

  it('refuses an empty or too long free-text answer', () => {
    const last = { ...start, index: bank.questions.length - 1 };
    expect(apply(bank, last, { type: 'text', index: last.index, text: '   ' })).toEqual({ ok: false, problem: 'empty' });
    expect(apply(bank, last, { type: 'text', index: last.index, text: 'x'.repeat(1001) })).toEqual({ ok: false, problem: 'too_long' });
    expect(apply(bank, last, { type: 'text', index: last.index, text: 'x'.repeat(1000) }).ok).toBe(true);
  });

  it('understands typed replies in Swedish and English', () => {
    expect(interpretTyped(bank, start, '4', CONTROLS)).toEqual({ type: 'answer', index: 0, value: '4' });
    expect(interpretTyped(bank, start, 'Stämmer delvis', CONTROLS)).toEqual({ type: 'answer', index: 0, value: '3' });
    expect(interpretTyped(bank, start, 'partly true.', CONTROLS)).toEqual({ type: 'answer', index: 0, value: '3' });
    expect(interpretTyped(bank, start, 'hoppa över', CONTROLS)).toEqual({ type: 'skip', index: 0 });
    expect(interpretTyped(bank, start, 'Skip', CONTROLS)).toEqual({ type: 'skip', index: 0 });
    expect(interpretTyped(bank, start, 'tillbaka', CONTROLS)).toEqual({ type: 'back', index: 0 });
    // "paus" means the reminders' pause in every state (issue 15.4): the test pauses with its button only.
    expect(interpretTyped(bank, start, 'pausa', CONTROLS)).toBeUndefined();
    expect(interpretTyped(bank, start, 'pause', CONTROLS)).toBeUndefined();
    expect(interpretTyped(bank, start, '6', CONTROLS)).toBeUndefined();
    expect(interpretTyped(bank, start, 'status', CONTROLS)).toBeUndefined();
    const last = { ...start, index: bank.questions.length - 1 };
    expect(interpretTyped(bank, last, 'Mer tid för lärande', CONTROLS)).toEqual({ type: 'text', index: last.index, text: 'Mer tid för lärande' });
  });
});

describe('maturity scoring', () => {
  const answers = (entries: [string, Answer][]) => new Map(entries);

  it('takes the mean of answered statements per dimension; skips are left out, never zero', () => {
    const result = score(
      bank,
      answers([
        ['ap-kartlagda', { kind: 'scale', value: 4 }],
        ['ap-forbattra', { kind: 'skip' }],
        ['ap-fran-anvandaren', { kind: 'scale', value: 5 }],
        ['le-riktning', { kind: 'scale', value: 2 }],
      ]),
    );
    expect(result.dimensions.find((d) => d.key === 'arbetsprocesser')).toEqual({ key: 'arbetsprocesser', mean: 4.5, answered: 2, total: 3 });
    expect(result.dimensions.find((d) => d.key === 'ledarskap')).toEqual({ key: 'ledarskap', mean: 2, answered: 1, total: 3 });
    expect(result.dimensions.find((d) => d.key === 'styrning')).toEqual({ key: 'styrning', mean: null, answered: 0, total: 2 });
    expect(result.overall).toBe(3.25);
    expect(weakest(result).map((d) => d.key)).toEqual(['ledarskap', 'arbetsprocesser']);
  });

  it('gives the change per dimension where both attempts have a mean', () => {
    const before = score(
      bank,
      answers([
        ['ap-kartlagda', { kind: 'scale', value: 2 }],
        ['le-riktning', { kind: 'scale', value: 3 }],
      ]),
    );
    const after = score(
      bank,
      answers([
        ['ap-kartlagda', { kind: 'scale', value: 4 }],
        ['st-agare', { kind: 'scale', value: 3 }],
      ]),
    );
    const delta = change(before, after);
    expect(delta.get('arbetsprocesser')).toBe(2);
    expect(delta.get('ledarskap')).toBeNull();
    expect(delta.get('styrning')).toBeNull();
  });
});
