// The durable outbox on PostgreSQL/PGlite. Planning is one INSERT … ON CONFLICT per chunk;
// claiming is one UPDATE over rows picked with FOR UPDATE SKIP LOCKED, so replicas on one
// PostgreSQL never take the same row. PGlite runs the same SQL.
import { parsePayload, type ClaimedMessage, type OutboundKind, type OutboxStore, type PendingMessage, type StoredMessage } from '../../domain/outbox.js';
import type { Prisma } from '../database.js';

/** Rows per planning statement: large enough to be fast, small enough for one parameter. */
const PLAN_CHUNK = 1000;

interface Row {
  id: string;
  idempotencyKey: string;
  kind: OutboundKind;
  cohortId: string | null;
  participantId: string | null;
  dueAt: Date;
  attempts: number;
  payload: object;
}

export function prismaOutbox(prisma: Prisma): OutboxStore {
  return {
    async plan(messages: StoredMessage[]): Promise<number> {
      let created = 0;
      for (let start = 0; start < messages.length; start += PLAN_CHUNK) {
        const chunk = messages.slice(start, start + PLAN_CHUNK).map((m) => ({
          key: m.idempotencyKey,
          kind: m.kind,
          cohort: m.cohortId ?? null,
          participant: m.participantId ?? null,
          due: m.dueAt.toISOString(),
          payload: m.payload,
        }));
        // Only rows that would change are rewritten: re-planning an unchanged program is cheap.
        const rows = await prisma.$queryRaw<{ inserted: boolean }[]>`
          INSERT INTO "OutboundMessage" ("id", "idempotencyKey", "kind", "cohortId", "participantId", "dueAt", "payload")
          SELECT gen_random_uuid(), x.key, x.kind::"OutboundKind", x.cohort, x.participant, x.due, x.payload
          FROM jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) AS x(key text, kind text, cohort uuid, participant uuid, due timestamptz, payload jsonb)
          ON CONFLICT ("idempotencyKey") DO UPDATE
            SET "dueAt" = EXCLUDED."dueAt", "payload" = EXCLUDED."payload", "status" = 'pending', "lastError" = NULL, "failure" = NULL
            WHERE "OutboundMessage"."status" IN ('pending', 'cancelled')
              AND ("OutboundMessage"."status" = 'cancelled' OR "OutboundMessage"."dueAt" <> EXCLUDED."dueAt" OR "OutboundMessage"."payload" <> EXCLUDED."payload")
          RETURNING (xmax = 0) AS inserted`;
        created += rows.filter((r) => r.inserted).length;
      }
      return created;
    },

    async hasWork(now, staleBefore): Promise<boolean> {
      // Two EXISTS probes on the (status, dueAt) index, one round trip. Rows just sent
      // leave dead index entries behind until a vacuum (PGlite never runs autovacuum); a
      // plain index scan, as EXISTS gets, marks them dead as it passes, so the next idle
      // tick skips them, where the bitmap scans of claimDue and releaseClaims would read
      // every dead row's page on every tick.
      const rows = await prisma.$queryRaw<{ work: boolean }[]>`
        SELECT EXISTS (SELECT 1 FROM "OutboundMessage" WHERE "status" = 'pending' AND "dueAt" <= ${now})
            OR EXISTS (SELECT 1 FROM "OutboundMessage" WHERE "status" = 'claimed' AND "claimedAt" < ${staleBefore}) AS "work"`;
      return rows[0]?.work === true;
    },

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
      return rows.map((r) => ({ ...r, cohortId: r.cohortId ?? undefined, participantId: r.participantId ?? undefined })).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
    },

    async record(outcomes): Promise<void> {
      if (outcomes.length === 0) return;
      const rows = outcomes.map((o) => {
        if (o.status === 'sent') return { id: o.id, status: 'sent', at: o.at, messageId: o.platformMessageId ?? null, late: o.late, lastError: null, failure: null, retryAt: null };
        if (o.status === 'cancelled') return { id: o.id, status: 'cancelled', at: null, messageId: null, late: null, lastError: o.reason, failure: null, retryAt: null };
        // The neutral reason for people, the platform's code (when there is one) for operators.
        return { id: o.id, status: o.retryAt ? 'pending' : 'failed', at: null, messageId: null, late: null, lastError: o.code ?? o.reason, failure: o.reason, retryAt: o.retryAt ?? null };
      });
      // One statement for any mix of outcomes. A sent row keeps its claim (who sent it);
      // a row to try again or a cancelled one gives it up; a retry moves to its new time.
      await prisma.$executeRaw`
        UPDATE "OutboundMessage" AS o SET
          "status" = x.status::"OutboxStatus",
          "sentAt" = CASE WHEN x.status = 'sent' THEN x.at ELSE o."sentAt" END,
          "platformMessageId" = CASE WHEN x.status = 'sent' THEN COALESCE(x."messageId", o."platformMessageId") ELSE o."platformMessageId" END,
          "late" = COALESCE(x.late, o."late"),
          "lastError" = x."lastError",
          "failure" = x.failure::"DeliveryFailure",
          "dueAt" = COALESCE(x."retryAt", o."dueAt"),
          "claimedAt" = CASE WHEN x.status IN ('pending', 'cancelled') THEN NULL ELSE o."claimedAt" END,
          "claimedBy" = CASE WHEN x.status IN ('pending', 'cancelled') THEN NULL ELSE o."claimedBy" END
        FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
          AS x(id uuid, status text, at timestamptz, "messageId" text, late boolean, "lastError" text, failure text, "retryAt" timestamptz)
        WHERE o."id" = x.id`;
    },

    async cancel(ids, reason): Promise<number> {
      if (ids.length === 0) return 0;
      return prisma.$executeRaw`
        UPDATE "OutboundMessage" SET "status" = 'cancelled', "lastError" = ${reason}, "failure" = NULL
        WHERE "id" = ANY(${ids}::uuid[]) AND "status" = 'pending'`;
    },

    async cancelByPrefix(prefix, reason): Promise<number> {
      const pattern = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      return prisma.$executeRaw`UPDATE "OutboundMessage" SET "status" = 'cancelled', "lastError" = ${reason}, "failure" = NULL WHERE "status" = 'pending' AND "idempotencyKey" LIKE ${pattern}`;
    },

    async skipOlderThan(before): Promise<number> {
      return prisma.$executeRaw`
        UPDATE "OutboundMessage" SET "status" = 'skipped', "lastError" = 'too late after downtime', "failure" = NULL
        WHERE "status" = 'pending' AND "dueAt" < ${before}`;
    },

    async releaseClaims(options): Promise<number> {
      if (options.worker) {
        return prisma.$executeRaw`UPDATE "OutboundMessage" SET "status" = 'pending', "claimedAt" = NULL, "claimedBy" = NULL WHERE "status" = 'claimed' AND "claimedBy" = ${options.worker}`;
      }
      return prisma.$executeRaw`UPDATE "OutboundMessage" SET "status" = 'pending', "claimedAt" = NULL, "claimedBy" = NULL WHERE "status" = 'claimed' AND "claimedAt" < ${options.staleBefore ?? new Date(0)}`;
    },

    async pendingFor(participantIds, kinds): Promise<PendingMessage[]> {
      if (participantIds.length === 0) return [];
      const rows = await prisma.outboundMessage.findMany({
        where: { participantId: { in: participantIds }, status: 'pending', kind: { in: kinds } },
        select: { id: true, idempotencyKey: true, kind: true, participantId: true, dueAt: true, payload: true },
        orderBy: { dueAt: 'asc' },
      });
      return rows.flatMap((r) => {
        const payload = parsePayload(r.kind, r.payload);
        return payload ? [{ ...r, participantId: r.participantId ?? undefined, payload } as PendingMessage] : [];
      });
    },

    async undelivered(cohortId, limit) {
      const rows = await prisma.outboundMessage.findMany({
        where: { cohortId, status: 'failed' },
        select: { participantId: true, kind: true, dueAt: true, failure: true },
        orderBy: { dueAt: 'desc' },
        take: limit,
      });
      // Every failed row has its reason (the migration to the enum filled in the older ones).
      return rows.map((r) => ({ participantId: r.participantId ?? undefined, kind: r.kind, dueAt: r.dueAt, reason: r.failure ?? 'internal_error' }));
    },
  };
}
