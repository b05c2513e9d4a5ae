// What the outbox worker sends for a claimed row, by kind. Each feature builds its own
// messages at send time from the current state (an item done, a pause begun, a commitment
// withdrawn meanwhile means nothing is sent: the row is cancelled with that reason).
// Kinds planned with a ready message (nudges, broadcasts) carry it in the payload.
import type { ClaimedMessage } from '../domain/outbox.js';
import type { Message } from '../ui/model.js';
import { composeFollowUp } from './commitments/compose-follow-up.js';
import type { Services } from './context.js';
import { composeReminder } from './reminders/compose.js';
import { composeSummary } from './summaries/compose.js';
import { composeBroadcast } from './broadcasts/compose.js';
import { reportWhenDone } from './broadcasts/report.js';
import { composeScheduledReflection } from './reflections/scheduled.js';

/** `thread`: a second, longer part posted as a reply to the first (channel summaries). */
export type Composed = { message: Message; thread?: Message } | { skip: string };

/** Lookups shared by the rows of one batch (a thousand reminders often name one preparation). */
export type ComposeMemo = Map<string, Promise<unknown>>;

export function memoised<T>(memo: ComposeMemo | undefined, key: string, load: () => Promise<T>): Promise<T> {
  if (!memo) return load();
  const found = memo.get(key) as Promise<T> | undefined;
  if (found) return found;
  const loading = load();
  memo.set(key, loading);
  return loading;
}

export async function composeOutbound(services: Services, row: ClaimedMessage, now: Date, late: boolean, memo?: ComposeMemo): Promise<Composed> {
  switch (row.kind) {
    case 'reminder':
    case 'module_notice':
      return composeReminder(services, row, now, late, memo);
    case 'follow_up':
      return composeFollowUp(services, row, now);
    case 'reflection':
      return composeScheduledReflection(services, row, now);
    case 'broadcast':
      return composeBroadcast(services, row, memo);
    case 'summary':
      // A summary's thread part is planned with its message ready (see the worker).
      return row.payload.message ? ready(row) : composeSummary(services, row, now);
    default:
      return ready(row);
  }
}

function ready(row: ClaimedMessage): Composed {
  const msg = row.payload.message as Message | undefined;
  return msg ? { message: msg } : { skip: 'nothing to send' };
}

/** After rows are settled for good (sent, failed for good, cancelled): what follows, by kind. */
export async function afterSettled(services: Services, rows: ClaimedMessage[]): Promise<void> {
  const broadcasts = new Set(rows.flatMap((row) => (row.kind === 'broadcast' && typeof row.payload.broadcastId === 'string' ? [row.payload.broadcastId] : [])));
  for (const id of broadcasts) await reportWhenDone(services, id);
}
