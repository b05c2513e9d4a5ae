// A commitment's controls: from a suggestion, its settings, editing, withdrawing and its undo, the
// follow-up's Klart/Delvis/Inte än/Släpp, hours and note, and a team lead's nudge.
import { z } from 'zod';
import { defineAction, defineForm } from '../../application/interaction.js';
import { CHECK_IN_STATUSES, MAX_HOURS } from '../../domain/commitments/commitment.js';
import { halfHours, rowId } from '../shared/ids.js';

const commitment = { commitmentId: rowId };

export const COMMITMENT_SUGGESTION = defineAction('commitment.suggestion', { key: z.string().min(1).max(100) });
export const COMMITMENT_SCOPE = defineAction('commitment.scope', { ...commitment, scope: z.enum(['team', 'personal']) });
export const COMMITMENT_VISIBILITY = defineAction('commitment.visibility', { ...commitment, visibility: z.enum(['named', 'counted']) });
export const COMMITMENT_EDIT = defineAction('commitment.edit', commitment);
export const COMMITMENT_WITHDRAW = defineAction('commitment.withdraw', commitment);
export const COMMITMENT_RESTORE = defineAction('commitment.restore', commitment);
export const COMMITMENT_CHECK_IN = defineAction('commitment.checkin', { ...commitment, status: z.enum(CHECK_IN_STATUSES) });
export const COMMITMENT_HOURS = defineAction('commitment.hours', { checkInId: rowId, hours: halfHours(MAX_HOURS) });
export const COMMITMENT_NUDGE = defineAction('commitment.nudge', { teamId: rowId, who: z.union([rowId, z.literal('all')]) });

export const COMMITMENT_NEW = defineForm('commitment.new', 'text', {});
export const COMMITMENT_TEXT = defineForm('commitment.text', 'text', commitment);
export const COMMITMENT_REASON = defineForm('commitment.reason', 'reason', commitment);
export const COMMITMENT_NOTE = defineForm('commitment.note', 'note', { checkInId: rowId });
