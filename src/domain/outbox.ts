// The durable outbox as the core sees it: every message kohort plans to send is a row
// with a unique idempotency key and a due time in UTC. src/persistence implements it.

export type OutboxStatus = 'pending' | 'claimed' | 'sent' | 'failed' | 'skipped' | 'cancelled';

export type OutboundKind = 'reminder' | 'module_notice' | 'follow_up' | 'nudge' | 'summary' | 'broadcast' | 'reflection';

export interface PlannedMessage {
  idempotencyKey: string;
  kind: OutboundKind;
  cohortId?: string;
  participantId?: string;
  dueAt: Date;
  payload: Record<string, unknown>;
}

export interface ClaimedMessage extends PlannedMessage {
  id: string;
  attempts: number;
}

export interface PendingMessage {
  id: string;
  idempotencyKey: string;
  kind: OutboundKind;
  participantId: string | undefined;
  dueAt: Date;
  payload: Record<string, unknown>;
}

export interface UndeliveredMessage {
  participantId: string | undefined;
  kind: OutboundKind;
  dueAt: Date;
  reason: string;
}

export interface OutboxStore {
  /**
   * Plans messages. A key seen before keeps its row: a pending or cancelled one takes the
   * new time and content (re-planning), a sent, failed, skipped or claimed one stays as it
   * is, so nothing is ever sent twice. Returns how many rows were new.
   */
  plan(messages: PlannedMessage[]): Promise<number>;
  /** Takes up to `limit` due rows for `worker`; no other worker can take them meanwhile. */
  claimDue(now: Date, limit: number, worker: string): Promise<ClaimedMessage[]>;
  markSent(id: string, at: Date, platformMessageId: string | undefined, late: boolean): Promise<void>;
  /** A failure: tried again at `retryAt`, or kept as failed (with its reason) when permanent. */
  markFailed(id: string, reason: string, retryAt: Date | undefined): Promise<void>;
  /** Pending rows that no longer need sending (done, paused, no longer in the plan). */
  cancel(ids: string[], reason: string): Promise<number>;
  /** A claimed row the worker found nothing to send for (done meanwhile, paused). */
  markCancelled(id: string, reason: string): Promise<void>;
  /** Cancels the pending rows whose key starts with the prefix. */
  cancelByPrefix(prefix: string, reason: string): Promise<number>;
  /** Rows due longer ago than `before` are not sent late any more: counted and skipped. */
  skipOlderThan(before: Date): Promise<number>;
  /** Claims a worker did not finish (it stopped, or died before `staleBefore`) become pending again. */
  releaseClaims(options: { worker?: string; staleBefore?: Date }): Promise<number>;
  /** Pending rows of some kinds for these participants, earliest first. */
  pendingFor(participantIds: string[], kinds: OutboundKind[]): Promise<PendingMessage[]>;
  /** Messages kohort gave up on (permanent failures), newest first, for facilitators. */
  undelivered(cohortId: string, limit: number): Promise<UndeliveredMessage[]>;
}
