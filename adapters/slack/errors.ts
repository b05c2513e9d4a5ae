// Slack's refusals in kohort's neutral kinds. Slack's own code stays on the error for
// logs and the audit log; the core decides on the kind alone.
import { platformFailures, type DeliveryFailure } from '../../src/core/errors.js';

const KINDS: Record<string, DeliveryFailure> = {
  // The person or channel exists but cannot be reached until someone acts.
  account_inactive: 'unreachable',
  user_disabled: 'unreachable',
  cannot_dm_bot: 'unreachable',
  is_archived: 'unreachable',
  // kohort may not post there.
  not_in_channel: 'forbidden',
  restricted_action: 'forbidden',
  // kohort's own token or installation is refused: nobody's fault but the installation's.
  no_permission: 'unauthorized',
  missing_scope: 'unauthorized',
  invalid_auth: 'unauthorized',
  not_authed: 'unauthorized',
  token_revoked: 'unauthorized',
  token_expired: 'unauthorized',
  ekm_access_denied: 'unauthorized',
  // Gone, or never there.
  channel_not_found: 'not_found',
  user_not_found: 'not_found',
  users_not_found: 'not_found',
  message_not_found: 'not_found',
  // This message or request itself was refused.
  invalid_blocks: 'rejected',
  msg_too_long: 'rejected',
  cant_update_message: 'rejected',
  edit_window_closed: 'rejected',
  expired_trigger_id: 'rejected',
  response_url_invalid: 'rejected',
  response_url_expired: 'rejected',
  upload_url_invalid: 'rejected',
  ratelimited: 'rate_limited',
};

const failures = platformFailures(KINDS);

/** The kind of a Slack error code; anything unknown (a 5xx, a network error) may pass if tried again. */
export const slackFailureKind = failures.kindOf;
export const slackDeliveryError = failures.error;
