// What the maturity test looks like in a chat: one question per message with the scale as
// buttons, Skip, Back and Pause; a review before submitting; the results with a chart,
// the change since the last attempt and suggestions for the two weakest dimensions.
import type { Session } from '../../application/session.js';
import type { QuestionnaireFile } from '../../domain/questionnaire/schema.js';
import { change, score, weakest, type Score } from '../../domain/questionnaire/score.js';
import { answerLabel, type SessionState } from '../../domain/questionnaire/session.js';
import type { Attempt, Occasion } from '../../domain/questionnaire/store.js';
import type { Locale } from '../../i18n/i18n.js';
import { actions, header, message, text, type Block, type Interactive, type Message } from '../../ui/model.js';
import { formatScore } from '../shared/maturity-figures.js';
import { MATURITY_ANSWER, MATURITY_BACK, MATURITY_PAUSE, MATURITY_SKIP, MATURITY_SUBMIT, MATURITY_TEXT } from './controls.js';

function signed(value: number, locale: Locale): string {
  if (value === 0) return '±0';
  return `${value > 0 ? '▲ +' : '▼ −'}${formatScore(Math.abs(value), locale)}`;
}

export function questionCard(session: Session, q: QuestionnaireFile, attempt: Attempt, state: SessionState): Message {
  const { locale } = session;
  const question = q.questions[state.index]!;
  const dimension = q.dimensions.find((d) => d.key === question.dimension);
  const at = (value = '') => ({ attemptId: attempt.id, index: state.index, value });
  const blocks: Block[] = [
    header(session.t('maturity.progress', { number: state.index + 1, total: q.questions.length })),
    ...(dimension ? [text(dimension.title[locale], 'muted')] : []),
    text(question.text[locale]),
  ];
  const earlier = state.answers.get(question.key);
  if (earlier) blocks.push(text(earlier.kind === 'skip' ? session.t('maturity.earlier_skipped') : session.t('maturity.earlier', { answer: answerLabel(q, question, earlier, locale) ?? '' }), 'muted'));

  const controls: Interactive[] = [];
  if (question.type === 'scale') {
    (question.labels ?? q.scale.labels).forEach((label, i) => controls.push(MATURITY_ANSWER.button(`${i + 1} ${label[locale]}`, at(String(i + 1)))));
  } else if (question.type === 'choice') {
    for (const option of question.options ?? []) controls.push(MATURITY_ANSWER.button(option.label[locale], at(option.key)));
  } else {
    blocks.push(
      MATURITY_TEXT.input(
        {},
        { label: session.t('maturity.text_label'), multiline: true, maxLength: question.maxLength, submitLabel: session.t('maturity.text_submit'), cancelLabel: session.t('common.cancel') },
      ),
    );
  }
  if (controls.length > 0) blocks.push(actions(...controls));
  const steps: Interactive[] = [];
  if (question.skippable) steps.push(MATURITY_SKIP.button(session.t('maturity.button_skip'), at()));
  if (state.index > 0) steps.push(MATURITY_BACK.button(session.t('maturity.button_back'), at()));
  steps.push(MATURITY_PAUSE.button(session.t('maturity.button_pause'), at()));
  blocks.push(actions(...steps));
  blocks.push(text(session.t(question.type === 'text' ? 'maturity.hint_text' : 'maturity.hint_typed'), 'muted'));
  return message(...blocks);
}

export function reviewCard(session: Session, q: QuestionnaireFile, attempt: Attempt, state: SessionState): Message {
  const answered = q.questions.map((question) => state.answers.get(question.key)).filter((a) => a && a.kind !== 'skip').length;
  const at = { attemptId: attempt.id, index: state.index, value: '' };
  return message(
    header(session.t('maturity.review_title')),
    text(session.t('maturity.review_body', { answered, skipped: q.questions.length - answered, total: q.questions.length })),
    actions(
      MATURITY_SUBMIT.button(session.t('maturity.button_submit'), at, 'primary'),
      MATURITY_BACK.button(session.t('maturity.button_back'), at),
      MATURITY_PAUSE.button(session.t('maturity.button_pause'), at),
    ),
  );
}

/** `previous`: the attempt before this one, for the change per dimension. */
export function resultsCard(session: Session, q: QuestionnaireFile, occasions: Occasion[], current: Attempt, previous: Attempt | undefined): Message {
  const titleOf = (key: string) => occasions.find((o) => o.key === key)?.title ?? key;
  const { locale } = session;
  const now: Score = score(q, current.answers);
  const before = previous ? score(q, previous.answers) : undefined;
  const delta = before ? change(before, now) : undefined;
  const titleOfDimension = (key: string) => q.dimensions.find((x) => x.key === key)!.title[locale];
  const lines = now.dimensions.map((d) => {
    const title = titleOfDimension(d.key);
    if (d.mean === null) return `• ${session.t('maturity.result_none', { title, total: d.total })}`;
    const shift = delta?.get(d.key);
    const tail = shift === undefined || shift === null ? '' : `  ${signed(shift, locale)}`;
    return `• ${session.t('maturity.result_line', { title, mean: formatScore(d.mean, locale), answered: d.answered, total: d.total })}${tail}`;
  });
  const blocks: Block[] = [
    header(session.t('maturity.results_title', { occasion: titleOf(current.occasionKey) })),
    text(now.overall === null ? session.t('maturity.overall_none') : session.t('maturity.overall', { mean: formatScore(now.overall, locale) })),
  ];
  if (before && previous) blocks.push(text(session.t('maturity.compared', { occasion: titleOf(previous.occasionKey) }), 'muted'));
  blocks.push(text(lines.join('\n')));
  blocks.push({
    type: 'chart',
    title: session.t('maturity.chart_title'),
    bars: now.dimensions.map((d) => ({ label: titleOfDimension(d.key), value: d.mean ?? 0, max: 5, display: d.mean === null ? '–' : formatScore(d.mean, locale) })),
  });
  const weak = weakest(now);
  if (weak.length > 0) {
    const tips = weak.map((d) => {
      const dim = q.dimensions.find((x) => x.key === d.key)!;
      return `• ${dim.title[locale]}: ${dim.suggestion[locale]}`;
    });
    blocks.push(text(`${session.t('maturity.suggestions')}\n${tips.join('\n')}`));
  }
  blocks.push(text(session.t('maturity.private'), 'muted'));
  return message(...blocks);
}
