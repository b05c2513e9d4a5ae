// Payload fields every action shares, as strict as the values kohort itself writes: a
// button value is text a person's client sends back, so anything else is forged or broken.
import { z } from 'zod';

/** A row id (a UUID of any version). */
export const rowId = z.guid();

/** A whole number as kohort writes it ("0", "12"): no "", "1e1" or "-0". */
export const wholeNumber = (max: number) =>
  z
    .string()
    .regex(/^\d{1,4}$/)
    .transform(Number)
    .pipe(z.number().max(max));

/** Hours in halves as kohort writes them ("2", "0.5"). */
export const halfHours = (max: number) =>
  z
    .string()
    .regex(/^\d{1,2}(\.5)?$/)
    .transform(Number)
    .pipe(z.number().max(max));
