// Typed errors with a stable code: callers branch on `code`, never on message text.
export type ErrorCode =
  | 'config_invalid'
  | 'program_invalid'
  | 'questionnaire_invalid'
  | 'not_authorised'
  | 'not_found'
  | 'bad_input'
  | 'data_dir_locked'
  | 'port_unavailable'
  | 'migration_modified'
  | 'migration_failed'
  | 'migration_failed_before'
  | 'database_upgrade_failed'
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
 * Why a platform refused a message, in words every platform shares. Adapters classify
 * their own codes into these; the core decides on the kind alone and keeps the platform's
 * code only for logs and the audit log.
 * - unreachable: the person or channel exists but cannot be reached until someone acts
 *   (account deactivated, channel archived, a bot);
 * - forbidden: kohort may not post there (not in the channel, app not installed for them);
 * - not_found: the person, conversation, channel or message does not exist (any more);
 * - rejected: the platform refused this message itself (too big, malformed);
 * - unauthorized: the platform refused kohort's own credentials or permissions (a revoked
 *   token, a missing scope): nobody's fault but the installation's, tried again later;
 * - rate_limited: still throttled after waiting as long as the platform asked;
 * - transient: the platform or the network failed; trying again later may work.
 */
export const DELIVERY_FAILURES = ['unreachable', 'forbidden', 'not_found', 'rejected', 'unauthorized', 'rate_limited', 'transient'] as const;
export type DeliveryFailure = (typeof DELIVERY_FAILURES)[number];

const PERMANENT: ReadonlySet<DeliveryFailure> = new Set(['unreachable', 'forbidden', 'not_found', 'rejected']);

export const isPermanent = (kind: DeliveryFailure): boolean => PERMANENT.has(kind);

/** A message the platform refused: the neutral kind, and the platform's own code for the record. */
export class DeliveryError extends KohortError {
  readonly kind: DeliveryFailure;
  /** The platform's code ("not_in_channel", "http_403"): logged and audited, never branched on. */
  readonly platformCode: string;
  readonly permanent: boolean;

  constructor(kind: DeliveryFailure, platformCode: string, message: string, options?: { cause?: unknown }) {
    super('delivery_failed', message, options);
    this.name = 'DeliveryError';
    this.kind = kind;
    this.platformCode = platformCode;
    this.permanent = isPermanent(kind);
  }
}

/**
 * A platform's own error codes read as kohort's kinds, by one table per platform. A code the
 * table does not list (a 5xx, a network error) may pass if tried again.
 */
export function platformFailures(kinds: Readonly<Record<string, DeliveryFailure>>) {
  const kindOf = (code: string): DeliveryFailure => kinds[code] ?? 'transient';
  return {
    kindOf,
    error: (code: string, message: string, options?: { cause?: unknown }): DeliveryError => new DeliveryError(kindOf(code), code, message, options),
  };
}
