// The durable outbox: every message kohort plans to send is a row with a unique
// idempotency key. Claiming is one UPDATE over rows picked with FOR UPDATE SKIP LOCKED,
// so replicas on one PostgreSQL never take the same row; PGlite runs the same SQL.
import type { Prisma } from '../database.js';

export type OutboxStatus = 'pending' | 'claimed' | 'sent' | 'failed' | 'skipped' | 'cancelled';

export interface PlannedMessage {
  idempotencyKey: string;
  kind: string;
  cohortId?: string;
  participantId?: string;
  dueAt: Date;
  payload: Record<string, unknown>;
}

export interface ClaimedMessage extends PlannedMessage {
  id: string;
  attempts: number;
}

interface Row {
  id: string;
  idempotencyKey: string;
  kind: string;
  cohortId: string | null;
  participantId: string | null;
  dueAt: Date;
  attempts: number;
  payload: Record<string, unknown>;
}

export function prismaOutbox(prisma: Prisma) {
  return {
    /**
     * Plans messages. A key seen before keeps its row: a pending one moves to the new time
     * and content (re-planning), anything already sent, failed or cancelled stays as it is.
     * Returns how many rows were new.
     */
    async plan(messages: PlannedMessage[]): Promise<number> {
      let created = 0;
      for (const m of messages) {
        const rows = await prisma.$queryRaw<{ inserted: boolean }[]>`
          INSERT INTO "OutboundMessage" ("id", "idempotencyKey", "kind", "cohortId", "participantId", "dueAt", "payload")
          VALUES (gen_random_uuid(), ${m.idempotencyKey}, ${m.kind}, ${m.cohortId ?? null}::uuid, ${m.participantId ?? null}::uuid, ${m.dueAt}, ${JSON.stringify(m.payload)}::jsonb)
          ON CONFLICT ("idempotencyKey") DO UPDATE SET "dueAt" = EXCLUDED."dueAt", "payload" = EXCLUDED."payload"
            WHERE "OutboundMessage"."status" = 'pending'
          RETURNING (xmax = 0) AS inserted`;
        if (rows[0]?.inserted) created += 1;
      }
      return created;
    },

    /** Takes up to `limit` due rows for `worker`; no other worker can take them meanwhile. */
    async claimDue(now: Date, limit: number, worker: string): Promise<ClaimedMessage[]> {
      const rows = await prisma.$queryRaw<Row[]>`
        UPDATE "OutboundMessage" SET "status" = 'claimed', "claimedAt" = ${now}, "claimedBy" = ${worker}, "attempts" = "attempts" + 1
        WHERE "id" IN (
          SELECT "id" FROM "OutboundMessage"
          WHERE "status" = 'pending' AND "dueAt" <= ${now}
          ORDER BY "dueAt"
          LIMIT ${limit}
          FOR UPDATE SKIP LOCKED)
        RETURNING "id", "idempotencyKey", "kind", "cohortId", "participantId", "dueAt", "attempts", "payload"`;
      // RETURNING does not keep the inner ORDER BY; senders want the earliest first.
      return rows
        .map((r) => ({ ...r, cohortId: r.cohortId ?? undefined, participantId: r.participantId ?? undefined }))
        .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
    },

    async markSent(id: string, at: Date, platformMessageId: string | undefined): Promise<void> {
      await prisma.outboundMessage.update({ where: { id }, data: { status: 'sent', sentAt: at, platformMessageId, lastError: null } });
    },

    /** A failure: tried again at `retryAt`, or kept as failed (with its reason) when permanent. */
    async markFailed(id: string, reason: string, retryAt: Date | undefined): Promise<void> {
      await prisma.outboundMessage.update({
        where: { id },
        data: retryAt ? { status: 'pending', dueAt: retryAt, lastError: reason, claimedAt: null, claimedBy: null } : { status: 'failed', lastError: reason },
      });
    },

    /** Rows due longer ago than `before` are not sent late any more: counted and skipped. */
    async skipOlderThan(before: Date): Promise<number> {
      return prisma.$executeRaw`
        UPDATE "OutboundMessage" SET "status" = 'skipped', "lastError" = 'too late after downtime'
        WHERE "status" = 'pending' AND "dueAt" < ${before}`;
    },

    /** Claims a worker did not finish (it stopped, or died before `staleBefore`) become pending again. */
    async releaseClaims(options: { worker?: string; staleBefore?: Date }): Promise<number> {
      if (options.worker) {
        return prisma.$executeRaw`UPDATE "OutboundMessage" SET "status" = 'pending', "claimedAt" = NULL, "claimedBy" = NULL WHERE "status" = 'claimed' AND "claimedBy" = ${options.worker}`;
      }
      return prisma.$executeRaw`UPDATE "OutboundMessage" SET "status" = 'pending', "claimedAt" = NULL, "claimedBy" = NULL WHERE "status" = 'claimed' AND "claimedAt" < ${options.staleBefore ?? new Date(0)}`;
    },

    async cancel(where: { idempotencyKeyPrefix: string }): Promise<number> {
      return prisma.$executeRaw`UPDATE "OutboundMessage" SET "status" = 'cancelled' WHERE "status" = 'pending' AND "idempotencyKey" LIKE ${`${where.idempotencyKeyPrefix}%`}`;
    },
  };
}

export type Outbox = ReturnType<typeof prismaOutbox>;
