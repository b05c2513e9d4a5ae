// The erasure confirmation: the button carries whose erasure it confirms, so a card that
// reaches anyone else (forwarded, shared screen) erases no one.
import { defineAction } from '../../application/interaction.js';
import { rowId } from '../shared/ids.js';

export const FORGET_CONFIRM = defineAction('privacy.forget', { participantId: rowId });
export const FORGET_CANCEL = defineAction('privacy.keep', { participantId: rowId });
