// What the maturity test looks like in a chat: one question per message with the scale as
// buttons, Skip, Back and Pause; a review before submitting; the results with a chart,
// the change since the last attempt and suggestions for the two weakest dimensions.
import type { QuestionnaireFile } from '../../domain/questionnaire/schema.js';
import { change, score, weakest, type Score } from '../../domain/questionnaire/score.js';
import { answerLabel, type SessionState } from '../../domain/questionnaire/session.js';
import type { Attempt, Occasion } from '../../domain/questionnaire/store.js';
import type { Locale } from '../../i18n/i18n.js';
import { actions, button, header, message, text, type Block, type InputBlock, type Interactive, type Message } from '../../ui/model.js';
import type { Context } from '../context.js';

export const MATURITY_ACTIONS = {
  answer: 'maturity.answer',
  skip: 'maturity.skip',
  back: 'maturity.back',
  pause: 'maturity.pause',
  submit: 'maturity.submit',
} as const;
export const MATURITY_TEXT_FORM = 'maturity.text';

/** A button value names the attempt and the question it was drawn for, so stale clicks are known. */
export const buttonValue = (attempt: Attempt, index: number, value = '') => `${attempt.id}|${index}|${value}`;

export function formatScore(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
}

function signed(value: number, locale: Locale): string {
  if (value === 0) return '±0';
  return `${value > 0 ? '▲ +' : '▼ −'}${formatScore(Math.abs(value), locale)}`;
}

export function questionCard(ctx: Context, q: QuestionnaireFile, attempt: Attempt, state: SessionState): Message {
  const locale = ctx.locale;
  const question = q.questions[state.index]!;
  const dimension = q.dimensions.find((d) => d.key === question.dimension);
  const blocks: Block[] = [
    header(ctx.t('maturity.progress', { number: state.index + 1, total: q.questions.length })),
    ...(dimension ? [text(dimension.title[locale], 'muted')] : []),
    text(question.text[locale]),
  ];
  const earlier = state.answers.get(question.key);
  if (earlier) blocks.push(text(earlier.kind === 'skip' ? ctx.t('maturity.earlier_skipped') : ctx.t('maturity.earlier', { answer: answerLabel(q, question, earlier, locale) ?? '' }), 'muted'));

  const controls: Interactive[] = [];
  if (question.type === 'scale') {
    (question.labels ?? q.scale.labels).forEach((label, i) => controls.push(button(`${i + 1} ${label[locale]}`, MATURITY_ACTIONS.answer, buttonValue(attempt, state.index, String(i + 1)))));
  } else if (question.type === 'choice') {
    for (const option of question.options ?? []) controls.push(button(option.label[locale], MATURITY_ACTIONS.answer, buttonValue(attempt, state.index, option.key)));
  } else {
    const input: InputBlock = {
      type: 'input',
      formId: MATURITY_TEXT_FORM,
      inputId: 'answer',
      label: ctx.t('maturity.text_label'),
      multiline: true,
      maxLength: question.maxLength,
      submitLabel: ctx.t('maturity.text_submit'),
      cancelLabel: ctx.t('common.cancel'),
    };
    blocks.push(input);
  }
  if (controls.length > 0) blocks.push(actions(...controls));
  const steps: Interactive[] = [];
  if (question.skippable) steps.push(button(ctx.t('maturity.button_skip'), MATURITY_ACTIONS.skip, buttonValue(attempt, state.index)));
  if (state.index > 0) steps.push(button(ctx.t('maturity.button_back'), MATURITY_ACTIONS.back, buttonValue(attempt, state.index)));
  steps.push(button(ctx.t('maturity.button_pause'), MATURITY_ACTIONS.pause, buttonValue(attempt, state.index)));
  blocks.push(actions(...steps));
  blocks.push(text(ctx.t(question.type === 'text' ? 'maturity.hint_text' : 'maturity.hint_typed'), 'muted'));
  return message(...blocks);
}

export function reviewCard(ctx: Context, q: QuestionnaireFile, attempt: Attempt, state: SessionState): Message {
  const counted = q.questions.map((question) => state.answers.get(question.key));
  const answered = counted.filter((a) => a && a.kind !== 'skip').length;
  return message(
    header(ctx.t('maturity.review_title')),
    text(ctx.t('maturity.review_body', { answered, skipped: q.questions.length - answered, total: q.questions.length })),
    actions(
      button(ctx.t('maturity.button_submit'), MATURITY_ACTIONS.submit, buttonValue(attempt, state.index), 'primary'),
      button(ctx.t('maturity.button_back'), MATURITY_ACTIONS.back, buttonValue(attempt, state.index)),
      button(ctx.t('maturity.button_pause'), MATURITY_ACTIONS.pause, buttonValue(attempt, state.index)),
    ),
  );
}

/** `previous`: the attempt before this one, for the change per dimension. */
export function resultsCard(ctx: Context, q: QuestionnaireFile, occasions: Occasion[], current: Attempt, previous: Attempt | undefined): Message {
  const titleOf = (key: string) => occasions.find((o) => o.key === key)?.title ?? key;
  const locale = ctx.locale;
  const now: Score = score(q, current.answers);
  const before = previous ? score(q, previous.answers) : undefined;
  const delta = before ? change(before, now) : undefined;
  const lines = now.dimensions.map((d) => {
    const title = q.dimensions.find((x) => x.key === d.key)!.title[locale];
    if (d.mean === null) return `• ${ctx.t('maturity.result_none', { title, total: d.total })}`;
    const shift = delta?.get(d.key);
    const tail = shift === undefined || shift === null ? '' : `  ${signed(shift, locale)}`;
    return `• ${ctx.t('maturity.result_line', { title, mean: formatScore(d.mean, locale), answered: d.answered, total: d.total })}${tail}`;
  });
  const blocks: Block[] = [
    header(ctx.t('maturity.results_title', { occasion: titleOf(current.occasionKey) })),
    text(now.overall === null ? ctx.t('maturity.overall_none') : ctx.t('maturity.overall', { mean: formatScore(now.overall, locale) })),
  ];
  if (before && previous) blocks.push(text(ctx.t('maturity.compared', { occasion: titleOf(previous.occasionKey) }), 'muted'));
  blocks.push(text(lines.join('\n')));
  blocks.push({
    type: 'chart',
    title: ctx.t('maturity.chart_title'),
    bars: now.dimensions.map((d) => ({ label: q.dimensions.find((x) => x.key === d.key)!.title[locale], value: d.mean ?? 0, max: 5, display: d.mean === null ? '–' : formatScore(d.mean, locale) })),
  });
  const weak = weakest(now);
  if (weak.length > 0) {
    const tips = weak.map((d) => {
      const dim = q.dimensions.find((x) => x.key === d.key)!;
      return `• ${dim.title[locale]}: ${dim.suggestion[locale]}`;
    });
    blocks.push(text(`${ctx.t('maturity.suggestions')}\n${tips.join('\n')}`));
  }
  blocks.push(text(ctx.t('maturity.private'), 'muted'));
  return message(...blocks);
}
