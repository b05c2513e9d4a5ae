// Broadcasts as the core sees them: a draft a facilitator previews, points at an audience
// and confirms once; then one outbox row per recipient, and a report when all are settled.
import type { Platform } from '../../core/events.js';

export type BroadcastAudience = 'all' | 'channels' | 'group';
export type BroadcastStatus = 'draft' | 'sending' | 'cancelled';

export interface Broadcast {
  id: string;
  cohortId: string;
  /** Null once the facilitator who wrote it was erased. */
  createdById: string | null;
  contentKind: 'module' | 'text';
  moduleId: string | null;
  text: string | null;
  audience: BroadcastAudience | null;
  groupId: string | null;
  status: BroadcastStatus;
  createdAt: Date;
  confirmedAt: Date | null;
  reportedAt: Date | null;
}

/** One recipient's row: a person (direct message) or a channel. */
export interface Delivery {
  participantId: string | null;
  name: string | null;
  channel: { platform: Platform; channelId: string; name?: string | null } | null;
  status: 'pending' | 'claimed' | 'sent' | 'failed' | 'skipped' | 'cancelled';
  reason: string | null;
}

export interface BroadcastStore {
  createDraft(input: { cohortId: string; createdById: string; contentKind: 'module' | 'text'; moduleId?: string; text?: string; at: Date }): Promise<Broadcast>;
  byId(id: string): Promise<Broadcast | undefined>;
  /** Only while a draft; false otherwise. */
  setAudience(id: string, audience: BroadcastAudience, groupId: string | null): Promise<boolean>;
  /** Only while a draft; false otherwise. */
  cancel(id: string): Promise<boolean>;
  /** Draft (with an audience) → sending; true only for the one call that made the change. */
  confirm(id: string, at: Date): Promise<boolean>;
  /** True only for the one call that marks the report as sent. */
  markReported(id: string, at: Date): Promise<boolean>;
  /**
   * A scheduled broadcast called off before its time, whole or not at all: in one transaction
   * it goes sending → cancelled and every one of its outbox rows, each still pending and due
   * after `now`, is cancelled. When any row was claimed, sent or is due already (the outbox
   * may be sending it this moment), nothing changes: `gone_out`.
   */
  cancelScheduled(id: string, now: Date): Promise<{ ok: true; rows: number } | { ok: false; reason: 'not_sending' | 'gone_out' }>;
  /**
   * The most recent confirmed broadcast of the cohort that has gone out (a row of it was due
   * by `now` or was tried): not one scheduled for later, not a cancelled one.
   */
  latestSent(cohortId: string, now: Date): Promise<Broadcast | undefined>;
  /** The cohort's confirmed broadcasts (cancelled ones too), newest first, each with when its rows are (or were) due: later than confirmedAt when scheduled. */
  history(cohortId: string, limit: number): Promise<(Broadcast & { dueAt: Date | null })[]>;
  /** Participants (participant role) in the whole cohort or one group. */
  recipients(cohortId: string, groupId: string | null): Promise<string[]>;
  groups(cohortId: string): Promise<{ id: string; name: string; size: number }[]>;
  deliveries(id: string): Promise<Delivery[]>;
  /** How many of its rows are still to be sent (pending or being sent). */
  unsettled(id: string): Promise<number>;
}

export const broadcastKeyPrefix = (id: string) => `broadcast:${id}:`;
