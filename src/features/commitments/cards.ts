// How a commitment looks in the chat: the capture card with its settings as buttons, the
// follow-up question with Klart/Delvis/Inte än/Släpp, and the details after a check-in.
import type { Commitment } from '../../domain/commitments/store.js';
import { formatDay } from '../../i18n/format.js';
import { actions, button, fields, header, message, text, type Block, type Interactive, type Message } from '../../ui/model.js';
import type { Context } from '../context.js';

export const COMMITMENT_ACTIONS = {
  suggestion: 'commitment.suggestion',
  scope: 'commitment.scope',
  visibility: 'commitment.visibility',
  edit: 'commitment.edit',
  withdraw: 'commitment.withdraw',
  checkIn: 'commitment.checkin',
  hours: 'commitment.hours',
  nudge: 'commitment.nudge',
} as const;

export const COMMITMENT_FORMS = { create: 'commitment.new', text: 'commitment.text', reason: 'commitment.reason', note: 'commitment.note' } as const;

export const HOUR_CHOICES = [0.5, 1, 2, 4, 8];

export function hoursText(ctx: Pick<Context, 'locale'>, hours: number): string {
  return new Intl.NumberFormat(ctx.locale === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: 1 }).format(hours);
}

export function captureCard(ctx: Context, suggestions: { key: string; text: string }[]): Message {
  const blocks: Block[] = [header(ctx.t('commitments.capture_title')), text(ctx.t('commitments.capture_intro'))];
  if (suggestions.length > 0) {
    blocks.push(actions({ type: 'select', placeholder: ctx.t('commitments.pick_suggestion'), actionId: COMMITMENT_ACTIONS.suggestion, options: suggestions.map((s) => ({ label: s.text, value: s.key })) }));
  }
  blocks.push({ type: 'input', formId: COMMITMENT_FORMS.create, inputId: 'text', label: ctx.t('commitments.own_words'), maxLength: 280, submitLabel: ctx.t('commitments.save'), cancelLabel: ctx.t('common.cancel') });
  return message(...blocks);
}

export function commitmentCard(ctx: Context, c: Commitment, extra: { teamName?: string; canBeTeam: boolean; moduleNumber?: number; moduleStarts?: Date }): Message {
  const facts = [
    { label: ctx.t('commitments.field_scope'), value: c.scope === 'team' ? ctx.t('commitments.scope_team', { team: extra.teamName ?? '' }) : ctx.t('commitments.scope_personal') },
    { label: ctx.t('commitments.field_visibility'), value: ctx.t(`commitments.visibility_${c.visibility}`) },
    { label: ctx.t('commitments.field_status'), value: ctx.t(`commitments.status.${c.status}`) },
  ];
  if (extra.moduleNumber !== undefined && extra.moduleStarts) {
    facts.push({ label: ctx.t('commitments.field_follow_up'), value: ctx.t('commitments.follow_up_at', { number: extra.moduleNumber, day: formatDay(extra.moduleStarts, ctx.person?.timezone ?? 'Europe/Stockholm', ctx.locale) }) });
  }
  if (c.reason) facts.push({ label: ctx.t('commitments.field_reason'), value: c.reason });
  const controls: Interactive[] = [];
  if (c.scope === 'personal' && extra.canBeTeam) controls.push(button(ctx.t('commitments.button_team'), COMMITMENT_ACTIONS.scope, `${c.id}|team`));
  if (c.scope === 'team') controls.push(button(ctx.t('commitments.button_personal'), COMMITMENT_ACTIONS.scope, `${c.id}|personal`));
  controls.push(
    c.visibility === 'counted'
      ? button(ctx.t('commitments.button_named'), COMMITMENT_ACTIONS.visibility, `${c.id}|named`)
      : button(ctx.t('commitments.button_counted'), COMMITMENT_ACTIONS.visibility, `${c.id}|counted`),
  );
  controls.push(button(ctx.t('commitments.button_edit'), COMMITMENT_ACTIONS.edit, c.id), button(ctx.t('commitments.button_withdraw'), COMMITMENT_ACTIONS.withdraw, c.id, 'danger'));
  return message(
    header(ctx.t('commitments.card_title')),
    text(`”${c.text}”`),
    fields(facts),
    actions(...controls),
    { type: 'input', formId: `${COMMITMENT_FORMS.reason}:${c.id}`, inputId: 'reason', label: ctx.t('commitments.reason_label'), maxLength: 500, submitLabel: ctx.t('commitments.save'), cancelLabel: ctx.t('common.cancel') },
  );
}

export function followUpCard(t: (key: string, params?: Record<string, string | number>) => string, c: Commitment, nudge: boolean): Message {
  const blocks: Block[] = [header(t('commitments.follow_up_title')), text(`”${c.text}”`)];
  if (c.scope === 'team') blocks.push(text(t('commitments.follow_up_team'), 'muted'));
  if (nudge) blocks.push(text(t('commitments.follow_up_nudge'), 'muted'));
  blocks.push(
    actions(
      button(t('commitments.check.done'), COMMITMENT_ACTIONS.checkIn, `${c.id}|done`, 'primary'),
      button(t('commitments.check.partly'), COMMITMENT_ACTIONS.checkIn, `${c.id}|partly`),
      button(t('commitments.check.not_yet'), COMMITMENT_ACTIONS.checkIn, `${c.id}|not_yet`),
      button(t('commitments.check.dropped'), COMMITMENT_ACTIONS.checkIn, `${c.id}|dropped`),
    ),
  );
  return message(...blocks);
}

export function afterCheckInCard(ctx: Context, checkInId: string, statusLabel: string): Message {
  return message(
    text(ctx.t('commitments.checked_in', { status: statusLabel })),
    text(ctx.t('commitments.hours_question')),
    actions(...HOUR_CHOICES.map((h) => button(ctx.t('commitments.hours_button', { hours: hoursText(ctx, h) }), COMMITMENT_ACTIONS.hours, `${checkInId}|${h}`))),
    { type: 'input', formId: `${COMMITMENT_FORMS.note}:${checkInId}`, inputId: 'note', label: ctx.t('commitments.note_label'), multiline: true, maxLength: 1000, submitLabel: ctx.t('commitments.save'), cancelLabel: ctx.t('common.cancel') },
  );
}
