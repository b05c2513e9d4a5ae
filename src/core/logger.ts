// Structured logging through pino. Rule: at `info` and above, log ids and counts only —
// never names, e-mails, message text or answers (GDPR; see PRODUCT.md "Privacy").
// The redact list is a safety net for fields that should not be logged anyway.
import { pino, type Logger as PinoLogger, type LevelWithSilent } from 'pino';

export type Logger = PinoLogger;

export const REDACTED_FIELDS = [
  'text',
  'displayName',
  'name',
  'email',
  'answer',
  'values',
  '*.text',
  '*.email',
  // Secrets never belong in logs either, whichever library put them on an object.
  'token',
  '*.token',
  'headers.authorization',
  '*.headers.authorization',
];

export function createLogger(level: LevelWithSilent, destination?: NodeJS.WritableStream): Logger {
  return pino({ level, base: { app: 'kohort' }, redact: { paths: REDACTED_FIELDS, censor: '[personal]' } }, destination as pino.DestinationStream | undefined);
}
