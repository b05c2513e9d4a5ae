// How a commitment looks in the chat: the capture card with its settings as buttons, the
// follow-up question with Klart/Delvis/Inte än/Släpp, and the details after a check-in.
import type { Session } from '../../application/session.js';
import { MAX_NOTE, MAX_REASON, MAX_TEXT } from '../../domain/commitments/commitment.js';
import type { Commitment } from '../../domain/commitments/store.js';
import { actions, fields, header, message, text, type Block, type Interactive, type Message } from '../../ui/model.js';
import { hoursText } from '../shared/commitment-lines.js';
import { day } from '../shared/wording.js';
import {
  COMMITMENT_CHECK_IN,
  COMMITMENT_EDIT,
  COMMITMENT_HOURS,
  COMMITMENT_NEW,
  COMMITMENT_NOTE,
  COMMITMENT_REASON,
  COMMITMENT_SCOPE,
  COMMITMENT_SUGGESTION,
  COMMITMENT_TEXT,
  COMMITMENT_VISIBILITY,
  COMMITMENT_WITHDRAW,
} from './controls.js';

export const HOUR_CHOICES = [0.5, 1, 2, 4, 8];

export function captureCard(session: Session, suggestions: { key: string; text: string }[]): Message {
  const blocks: Block[] = [header(session.t('commitments.capture_title')), text(session.t('commitments.capture_intro'))];
  if (suggestions.length > 0) {
    blocks.push(
      actions(
        COMMITMENT_SUGGESTION.select(
          session.t('commitments.pick_suggestion'),
          suggestions.map((s) => COMMITMENT_SUGGESTION.option(s.text, { key: s.key })),
        ),
      ),
    );
  }
  blocks.push(COMMITMENT_NEW.input({}, { label: session.t('commitments.own_words'), maxLength: MAX_TEXT, submitLabel: session.t('commitments.save'), cancelLabel: session.t('common.cancel') }));
  return message(...blocks);
}

export function commitmentCard(session: Session, c: Commitment, extra: { teamName?: string; canBeTeam: boolean; moduleNumber?: number; moduleStarts?: Date }): Message {
  const facts = [
    { label: session.t('commitments.field_scope'), value: c.scope === 'team' ? session.t('commitments.scope_team', { team: extra.teamName ?? '' }) : session.t('commitments.scope_personal') },
    { label: session.t('commitments.field_visibility'), value: session.t(`commitments.visibility_${c.visibility}`) },
    { label: session.t('commitments.field_status'), value: session.t(`commitments.status.${c.status}`) },
  ];
  if (extra.moduleNumber !== undefined && extra.moduleStarts) {
    facts.push({ label: session.t('commitments.field_follow_up'), value: session.t('commitments.follow_up_at', { number: extra.moduleNumber, day: day(session, extra.moduleStarts) }) });
  }
  if (c.reason) facts.push({ label: session.t('commitments.field_reason'), value: c.reason });
  // Taken back: the card says so and offers nothing more (Ångra comes in the answer below it).
  if (c.status === 'withdrawn') return message(header(session.t('commitments.card_title')), text(`”${c.text}”`), fields(facts));
  const commitmentId = c.id;
  const controls: Interactive[] = [];
  if (c.scope === 'personal' && extra.canBeTeam) controls.push(COMMITMENT_SCOPE.button(session.t('commitments.button_team'), { commitmentId, scope: 'team' }));
  if (c.scope === 'team') controls.push(COMMITMENT_SCOPE.button(session.t('commitments.button_personal'), { commitmentId, scope: 'personal' }));
  controls.push(
    c.visibility === 'counted'
      ? COMMITMENT_VISIBILITY.button(session.t('commitments.button_named'), { commitmentId, visibility: 'named' })
      : COMMITMENT_VISIBILITY.button(session.t('commitments.button_counted'), { commitmentId, visibility: 'counted' }),
  );
  controls.push(COMMITMENT_EDIT.button(session.t('commitments.button_edit'), { commitmentId }), COMMITMENT_WITHDRAW.button(session.t('commitments.button_withdraw'), { commitmentId }, 'danger'));
  return message(
    header(session.t('commitments.card_title')),
    text(`”${c.text}”`),
    fields(facts),
    actions(...controls),
    COMMITMENT_REASON.input(
      { commitmentId },
      { label: session.t('commitments.reason_label'), maxLength: MAX_REASON, submitLabel: session.t('commitments.save'), cancelLabel: session.t('common.cancel') },
    ),
  );
}

export function editForm(session: Session, c: Commitment): Message {
  return message(
    COMMITMENT_TEXT.input(
      { commitmentId: c.id },
      { label: session.t('commitments.edit_label', { text: c.text.slice(0, 60) }), maxLength: MAX_TEXT, submitLabel: session.t('commitments.save'), cancelLabel: session.t('common.cancel') },
    ),
  );
}

export function followUpCard(session: Session, c: Commitment, nudge: boolean): Message {
  const blocks: Block[] = [header(session.t('commitments.follow_up_title')), text(`”${c.text}”`)];
  if (c.scope === 'team') blocks.push(text(session.t('commitments.follow_up_team'), 'muted'));
  if (nudge) blocks.push(text(session.t('commitments.follow_up_nudge'), 'muted'));
  const commitmentId = c.id;
  blocks.push(
    actions(
      COMMITMENT_CHECK_IN.button(session.t('commitments.check.done'), { commitmentId, status: 'done' }, 'primary'),
      COMMITMENT_CHECK_IN.button(session.t('commitments.check.partly'), { commitmentId, status: 'partly' }),
      COMMITMENT_CHECK_IN.button(session.t('commitments.check.not_yet'), { commitmentId, status: 'not_yet' }),
      COMMITMENT_CHECK_IN.button(session.t('commitments.check.dropped'), { commitmentId, status: 'dropped' }),
    ),
  );
  return message(...blocks);
}

export function afterCheckInCard(session: Session, checkInId: string, statusLabel: string): Message {
  return message(
    text(session.t('commitments.checked_in', { status: statusLabel })),
    text(session.t('commitments.hours_question')),
    actions(...HOUR_CHOICES.map((hours) => COMMITMENT_HOURS.button(session.t('commitments.hours_button', { hours: hoursText(session, hours) }), { checkInId, hours }))),
    COMMITMENT_NOTE.input(
      { checkInId },
      { label: session.t('commitments.note_label'), multiline: true, maxLength: MAX_NOTE, submitLabel: session.t('commitments.save'), cancelLabel: session.t('common.cancel') },
    ),
  );
}
