// The durable outbox as the core sees it: every message kohort plans to send is a row
// with a unique idempotency key and a due time in UTC. src/persistence implements it.
// What a row carries depends on its kind: one zod schema per kind, checked when a row is
// claimed, so a composer only ever sees a payload of its own kind's shape.
import { z } from 'zod';
import { DELIVERY_FAILURES } from '../core/errors.js';
import { PLATFORMS } from '../core/events.js';
import type { Message } from '../ui/model.js';

export const OUTBOX_STATUSES = ['pending', 'claimed', 'sent', 'failed', 'skipped', 'cancelled'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** Why a message was not delivered: a platform's refusal in neutral words, or kohort's own reason. */
export const DELIVERY_REASONS = [...DELIVERY_FAILURES, 'no_platform', 'platform_not_configured', 'internal_error'] as const;
export type DeliveryReason = (typeof DELIVERY_REASONS)[number];

/** Reasons after which a person cannot be reached on that platform until someone acts. */
export const LOSES_THE_PERSON: ReadonlySet<DeliveryReason> = new Set(['unreachable', 'forbidden', 'not_found']);

export const OUTBOUND_KINDS = ['reminder', 'module_notice', 'follow_up', 'nudge', 'summary', 'broadcast', 'reflection', 'notice'] as const;
export type OutboundKind = (typeof OUTBOUND_KINDS)[number];

const id = z.string().min(1).max(200);
/** A neutral message made ready when it was planned (a nudge, a summary's thread part). */
const readyMessage = z.custom<Message>((value) => typeof value === 'object' && value !== null && Array.isArray((value as { blocks?: unknown }).blocks), 'a message');
const channel = z.object({ id: id.optional(), platform: z.enum(PLATFORMS), channelId: z.string().min(1) });
const sentRef = z.object({ platform: z.enum(PLATFORMS), conversationKey: z.string(), messageId: z.string() });

export const OUTBOX_PAYLOADS = {
  reminder: z.object({ preparationId: id, step: z.string() }),
  module_notice: z.object({ moduleId: id }),
  follow_up: z.object({ commitmentId: id, nudge: z.boolean(), windowStart: z.iso.datetime() }),
  nudge: z.object({ message: readyMessage }),
  summary: z.union([
    z.object({ channel, moduleId: id }),
    // The thread part of a summary, planned once the first part was posted.
    z.object({ channel, threadOf: sentRef, message: readyMessage }),
  ]),
  broadcast: z.object({ broadcastId: id, channel: channel.optional() }),
  reflection: z.object({ preparationId: id }),
  /** A word from kohort itself to one person, named by its prompt (privacy.notices.<notice>). */
  notice: z.object({ notice: z.enum(['person_erased']) }),
} satisfies Record<OutboundKind, z.ZodType>;

export type OutboxPayload<K extends OutboundKind> = z.infer<(typeof OUTBOX_PAYLOADS)[K]>;

/** A message a feature plans: its payload has its kind's shape. */
export type PlannedMessage = {
  [K in OutboundKind]: { idempotencyKey: string; kind: K; cohortId?: string; participantId?: string; dueAt: Date; payload: OutboxPayload<K> };
}[OutboundKind];

/** What the store keeps: any JSON payload (the shape is checked on the way out, when claimed). */
export interface StoredMessage {
  idempotencyKey: string;
  kind: OutboundKind;
  cohortId?: string;
  participantId?: string;
  dueAt: Date;
  payload: object;
}

export interface ClaimedMessage extends StoredMessage {
  id: string;
  attempts: number;
}

/** A claimed row whose payload passed its kind's schema. */
export type OutboxRow<K extends OutboundKind = OutboundKind> = {
  [Kind in K]: Omit<ClaimedMessage, 'kind' | 'payload'> & { kind: Kind; payload: OutboxPayload<Kind> };
}[K];

/** The claimed row with its payload checked, or why it cannot be sent. */
export function parseClaimed(row: ClaimedMessage): { ok: true; row: OutboxRow } | { ok: false; problem: string } {
  const schema = OUTBOX_PAYLOADS[row.kind] as z.ZodType | undefined;
  if (!schema) return { ok: false, problem: `unknown kind ${row.kind}` };
  const parsed = schema.safeParse(row.payload);
  if (!parsed.success) return { ok: false, problem: `payload of a ${row.kind} row: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
  return { ok: true, row: { ...row, payload: parsed.data } as OutboxRow };
}

/** A pending row, its payload checked like a claimed one's (rows that fail the check are left out). */
export type PendingMessage = {
  [K in OutboundKind]: { id: string; idempotencyKey: string; kind: K; participantId: string | undefined; dueAt: Date; payload: OutboxPayload<K> };
}[OutboundKind];

/** The payload of a stored row, if it has its kind's shape. */
export function parsePayload<K extends OutboundKind>(kind: K, payload: unknown): OutboxPayload<K> | undefined {
  const parsed = (OUTBOX_PAYLOADS[kind] as z.ZodType).safeParse(payload);
  return parsed.success ? (parsed.data as OutboxPayload<K>) : undefined;
}

export interface UndeliveredMessage {
  participantId: string | undefined;
  kind: OutboundKind;
  dueAt: Date;
  reason: DeliveryReason;
}

/** What became of one claimed row (see OutboxStore.record). */
export type OutboxOutcome =
  | { id: string; status: 'sent'; at: Date; platformMessageId?: string; late: boolean }
  /** Nothing to send after all (done meanwhile, paused, gone): `reason` is for operators. */
  | { id: string; status: 'cancelled'; reason: string }
  | { id: string; status: 'failed'; reason: DeliveryReason; code?: string; retryAt?: Date };

export interface OutboxStore {
  /**
   * Plans messages. A key seen before keeps its row: a pending or cancelled one takes the
   * new time and content (re-planning), a sent, failed, skipped or claimed one stays as it
   * is, so nothing is ever sent twice. Returns how many rows were new.
   */
  plan(messages: StoredMessage[]): Promise<number>;
  /** Whether a tick has anything to do: a row due by `now`, or a claim older than `staleBefore` to give back. */
  hasWork(now: Date, staleBefore: Date): Promise<boolean>;
  /** Takes up to `limit` due rows for `worker`; no other worker can take them meanwhile. */
  claimDue(now: Date, limit: number, worker: string): Promise<ClaimedMessage[]>;
  /**
   * Writes what became of claimed rows, any mix of outcomes, in one statement: sent (with
   * the platform's message id and the late flag), cancelled (nothing to send after all),
   * or failed — tried again at `retryAt`, or kept as failed when permanent. A failure's
   * `reason` is neutral (a delivery failure kind, or kohort's own); `code` the platform's.
   */
  record(outcomes: readonly OutboxOutcome[]): Promise<void>;
  /** Pending rows that no longer need sending (done, paused, no longer in the plan). */
  cancel(ids: string[], reason: string): Promise<number>;
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
