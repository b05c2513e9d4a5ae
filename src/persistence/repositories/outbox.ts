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

    async markSent(id, at, platformMessageId, late): Promise<void> {
      await prisma.outboundMessage.update({ where: { id }, data: { status: 'sent', sentAt: at, platformMessageId, late, lastError: null, failure: null } });
    },

    async markFailed(id, { reason, code }, retryAt): Promise<void> {
      // The neutral reason for people, the platform's code (when there is one) for operators.
      const failure = { lastError: code ?? reason, failure: reason };
      await prisma.outboundMessage.update({
        where: { id },
        data: retryAt ? { status: 'pending', dueAt: retryAt, claimedAt: null, claimedBy: null, ...failure } : { status: 'failed', ...failure },
      });
    },

    async cancel(ids, reason): Promise<number> {
      if (ids.length === 0) return 0;
      return prisma.$executeRaw`
        UPDATE "OutboundMessage" SET "status" = 'cancelled', "lastError" = ${reason}, "failure" = NULL
        WHERE "id" = ANY(${ids}::uuid[]) AND "status" = 'pending'`;
    },

    async markCancelled(id, reason): Promise<void> {
      await prisma.outboundMessage.update({ where: { id }, data: { status: 'cancelled', lastError: reason, failure: null, claimedAt: null, claimedBy: null } });
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
