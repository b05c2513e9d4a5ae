// Typed errors with a stable code: callers branch on `code`, never on message text.
export type ErrorCode =
  | 'config_invalid'
  | 'program_invalid'
  | 'questionnaire_invalid'
  | 'not_authorised'
  | 'not_found'
  | 'bad_input'
  | 'data_dir_locked'
  | 'migration_modified'
  | 'migration_failed'
  | 'migration_failed_before'
  | 'platform_failed'
  | 'delivery_failed'
  | 'internal';

export class KohortError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KohortError';
    this.code = code;
  }
}

export function isKohortError(error: unknown, code?: ErrorCode): error is KohortError {
  return error instanceof KohortError && (code === undefined || error.code === code);
}

/**
 * A message the platform refused (the bot is not in the channel, the account is gone…).
 * `reason` is the platform's own code; `permanent` says whether retrying can help.
 */
export class DeliveryError extends KohortError {
  readonly reason: string;
  readonly permanent: boolean;

  constructor(reason: string, permanent: boolean, message: string, options?: { cause?: unknown }) {
    super('delivery_failed', message, options);
    this.name = 'DeliveryError';
    this.reason = reason;
    this.permanent = permanent;
  }
}
