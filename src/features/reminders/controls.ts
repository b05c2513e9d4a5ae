// The buttons on a reminder, a notice and the details card: Klar/Done (and Ångra/Undo),
// Snooza/Snooze (tomorrow morning or Monday) and Detaljer/Details.
import { z } from 'zod';
import { defineAction } from '../../application/interaction.js';
import { SNOOZE_OPTIONS } from '../../domain/reminders/snooze.js';
import { rowId } from '../shared/ids.js';

export const REMINDER_DONE = defineAction('reminder.done', { preparationId: rowId });
export const REMINDER_UNDO = defineAction('reminder.undo', { preparationId: rowId });
export const REMINDER_SNOOZE = defineAction('reminder.snooze', { preparationId: rowId, option: z.enum(SNOOZE_OPTIONS) });
export const REMINDER_DETAILS = defineAction('reminder.details', { preparationId: rowId });
