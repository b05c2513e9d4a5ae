// A broadcast's controls: the module menu, writing one's own, the audience, confirm, cancel.
import { z } from 'zod';
import { defineAction, defineForm } from '../../application/interaction.js';
import { rowId, wholeNumber } from '../shared/ids.js';

export const BROADCAST_MODULE = defineAction('broadcast.module', { module: wholeNumber(99) });
export const BROADCAST_WRITE = defineAction('broadcast.write', { start: z.literal('new') });
export const BROADCAST_AUDIENCE = defineAction('broadcast.audience', { broadcastId: rowId, audience: z.union([z.enum(['all', 'channels']), z.string().regex(/^group:[0-9a-f-]{36}$/i)]) });
export const BROADCAST_CONFIRM = defineAction('broadcast.confirm', { broadcastId: rowId });
export const BROADCAST_CANCEL = defineAction('broadcast.cancel', { broadcastId: rowId });

export const BROADCAST_TEXT = defineForm('broadcast.text', 'text', {});

/** Fits one Slack section and one Teams text block with room to spare. */
export const MAX_BROADCAST_TEXT = 2500;
