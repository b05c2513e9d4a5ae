// The test's controls. Every step button names the attempt and the question it was drawn
// for, so a stale click (a double click, an old card) is recognised and changes nothing.
import { z } from 'zod';
import { defineAction, defineForm } from '../../application/interaction.js';
import { rowId, wholeNumber } from '../shared/ids.js';

const step = { attemptId: rowId, index: wholeNumber(1000), value: z.string().max(100) };

export const MATURITY_ANSWER = defineAction('maturity.answer', step);
export const MATURITY_SKIP = defineAction('maturity.skip', step);
export const MATURITY_BACK = defineAction('maturity.back', step);
export const MATURITY_PAUSE = defineAction('maturity.pause', step);
export const MATURITY_SUBMIT = defineAction('maturity.submit', step);

/** The free-text answer (the attempt's current question is the one answered). */
export const MATURITY_TEXT = defineForm('maturity.text', 'answer', {});
