// Inbound dedupe, conversation references and the audit log: small tables written on
// nearly every event, so each write is a single statement.
import type { Prisma as PrismaNamespace } from '../generated/client.ts';
import type { ConversationRef, Platform } from '../../core/events.js';
import type { EventLedger } from '../../core/dispatch.js';
import type { AuditLog, ConversationStore } from '../../domain/ports.js';
import type { Prisma } from '../database.js';
import { uuids } from '../uuids.js';
import { isLocale } from '../../i18n/i18n.js';

export function prismaEventLedger(prisma: Prisma): EventLedger {
  return {
    async firstSeen(platform: Platform, eventId: string, at: Date) {
      // INSERT … ON CONFLICT DO NOTHING is atomic on PostgreSQL and PGlite alike:
      // exactly one of several concurrent deliveries (replicas, retries) inserts the row.
      const inserted = await prisma.$executeRaw`
        INSERT INTO "ProcessedEvent" ("platform", "eventId", "receivedAt")
        VALUES (${platform}::"Platform", ${eventId}, ${at})
        ON CONFLICT DO NOTHING`;
      return inserted === 1;
    },
  };
}

export function prismaConversations(prisma: Prisma): ConversationStore {
  return {
    async remember(ref: ConversationRef, participantId: string | undefined) {
      // One statement that also says whether the conversation is new: PostgreSQL sets
      // xmax to 0 on a freshly inserted row and to the updating transaction otherwise.
      const reference = JSON.stringify(ref.reference ?? {});
      const rows = await prisma.$queryRaw<{ inserted: boolean }[]>`
        INSERT INTO "ConversationReference" ("id", "platform", "kind", "key", "participantId", "reference", "updatedAt")
        VALUES (gen_random_uuid(), ${ref.platform}::"Platform", ${ref.kind}, ${ref.key}, ${participantId ?? null}::uuid, ${reference}::jsonb, now())
        ON CONFLICT ("platform", "key") DO UPDATE SET
          "kind" = EXCLUDED."kind",
          "reference" = EXCLUDED."reference",
          "participantId" = COALESCE(EXCLUDED."participantId", "ConversationReference"."participantId"),
          "updatedAt" = now()
        RETURNING (xmax = 0) AS inserted`;
      return rows[0]?.inserted === true;
    },
    async directOf(participantId) {
      const rows = await prisma.conversationReference.findMany({ where: { participantId, kind: 'dm' }, orderBy: { updatedAt: 'desc' } });
      return rows.map((r) => ({ platform: r.platform, key: r.key, kind: 'dm' as const, reference: r.reference }));
    },
    async directOfMany(participantIds) {
      const byParticipant = new Map<string, ConversationRef[]>();
      const ids = uuids(participantIds);
      if (ids.length === 0) return byParticipant;
      const rows = await prisma.$queryRaw<{ participantId: string; platform: Platform; key: string; reference: ConversationRef['reference'] }[]>`
        SELECT "participantId", "platform"::text AS "platform", "key", "reference" FROM "ConversationReference"
        WHERE "participantId" = ANY(${ids}::uuid[]) AND "kind" = 'dm' ORDER BY "updatedAt" DESC`;
      for (const r of rows) {
        const list = byParticipant.get(r.participantId) ?? byParticipant.set(r.participantId, []).get(r.participantId)!;
        list.push({ platform: r.platform, key: r.key, kind: 'dm', reference: r.reference });
      }
      return byParticipant;
    },
    async chooseLocale(ref, locale) {
      await prisma.conversationReference.updateMany({ where: { platform: ref.platform, key: ref.key }, data: { locale } });
    },
    async chosenLocale(ref) {
      const row = await prisma.conversationReference.findUnique({ where: { platform_key: { platform: ref.platform, key: ref.key } }, select: { locale: true } });
      const locale = row?.locale;
      return isLocale(locale) ? locale : undefined;
    },
    async forget(ref) {
      await prisma.conversationReference.deleteMany({ where: { platform: ref.platform, key: ref.key } });
    },
  };
}

export function prismaAudit(prisma: Prisma): AuditLog {
  return {
    async record(entry) {
      await prisma.auditLog.create({
        data: {
          at: entry.at,
          actorId: entry.actorId,
          action: entry.action,
          subject: entry.subject,
          detail: (entry.detail ?? {}) as PrismaNamespace.InputJsonValue,
        },
      });
    },
  };
}
