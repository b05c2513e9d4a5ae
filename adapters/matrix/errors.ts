// A homeserver's refusals in kohort's neutral kinds. The Matrix error code (or the HTTP
// status when there is none) stays on the error for logs and the audit log.
// https://spec.matrix.org/v1.16/client-server-api/#standard-error-response
import { platformFailures, type DeliveryFailure } from '../../src/core/errors.js';

const KINDS: Record<string, DeliveryFailure> = {
  // kohort may not post there (not in the room, or the room forbids it).
  M_FORBIDDEN: 'forbidden',
  // The bot's own token is refused: nobody's fault but the installation's.
  M_UNKNOWN_TOKEN: 'unauthorized',
  M_MISSING_TOKEN: 'unauthorized',
  M_USER_LOCKED: 'unauthorized',
  M_USER_SUSPENDED: 'unauthorized',
  // Gone, or never there.
  M_NOT_FOUND: 'not_found',
  M_UNRECOGNIZED: 'rejected',
  // This message itself was refused.
  M_TOO_LARGE: 'rejected',
  M_BAD_JSON: 'rejected',
  M_NOT_JSON: 'rejected',
  M_INVALID_PARAM: 'rejected',
  M_LIMIT_EXCEEDED: 'rate_limited',
  // The person cannot be reached until they (or an admin) act.
  KOHORT_PERSON_LEFT: 'unreachable',
  KOHORT_NOT_INVITABLE: 'unreachable',
};

const failures = platformFailures(KINDS);

/** The kind of a Matrix error code; anything unknown (a 5xx, a network error) may pass if tried again. */
export const matrixFailureKind = failures.kindOf;
export const matrixDeliveryError = failures.error;

/** What matrix-js-sdk's MatrixError (or a network failure) carries, read without importing the SDK. */
export interface HomeserverRefusal {
  code: string;
  status?: number;
  retryAfterMs?: number;
}

export function refusalOf(error: unknown): HomeserverRefusal {
  const e = error as { errcode?: string; httpStatus?: number; data?: { retry_after_ms?: unknown }; name?: string } | undefined;
  const retry = e?.data?.retry_after_ms;
  const retryAfterMs = typeof retry === 'number' && Number.isFinite(retry) && retry >= 0 ? retry : undefined;
  if (e?.errcode) return { code: e.errcode, status: e.httpStatus, retryAfterMs };
  if (typeof e?.httpStatus === 'number') return { code: e.httpStatus === 429 ? 'M_LIMIT_EXCEEDED' : `http_${e.httpStatus}`, status: e.httpStatus, retryAfterMs };
  return { code: 'request_failed' };
}
