// Payload fields every action shares: ids as the database makes them.
import { z } from 'zod';

/** A row id (a UUID of any version): anything else in a button is forged or broken. */
export const rowId = z.guid();
