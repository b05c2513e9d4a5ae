// The Bot Framework connector's refusals in kohort's neutral kinds (its client has already
// retried 429 and 5xx). The HTTP status stays on the error for logs and the audit log.
import { DeliveryError } from '../../src/core/errors.js';

export function teamsDeliveryError(status: number | undefined, cause: unknown): DeliveryError {
  const options = { cause };
  // A malformed activity or refused credentials: trying the same again cannot help.
  if (status === 400) return new DeliveryError('rejected', 'bad_request', 'Teams: the connector refused the activity as malformed', options);
  if (status === 401) return new DeliveryError('unauthorized', 'unauthorized', 'Teams: the connector refused kohort’s credentials', options);
  if (status === 403) return new DeliveryError('forbidden', 'forbidden', 'Teams: the bot is not in this conversation or the app is not installed', options);
  if (status === 404) return new DeliveryError('not_found', 'conversation_not_found', 'Teams: conversation not found', options);
  if (status === 413) return new DeliveryError('rejected', 'message_too_big', 'Teams: message too big', options);
  if (status === 429) return new DeliveryError('rate_limited', 'ratelimited', 'Teams: still rate limited after retries', options);
  return new DeliveryError('transient', status ? `http_${status}` : 'request_failed', `Teams: ${(cause as Error)?.message ?? 'request failed'}`, options);
}
