// Inbound dedupe, conversation references and the audit log: small tables written on
// nearly every event, so each write is a single statement.
import type { Prisma as PrismaNamespace } from '../generated/client.ts';
import type { ConversationRef, Platform } from '../../core/events.js';
import type { AuditLog, ConversationStore, EventLedger } from '../../domain/ports.js';
import type { Prisma } from '../database.js';

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
      const reference = (ref.reference ?? {}) as PrismaNamespace.InputJsonValue;
      await prisma.conversationReference.upsert({
        where: { platform_key: { platform: ref.platform, key: ref.key } },
        create: { platform: ref.platform, key: ref.key, kind: ref.kind, participantId, reference },
        update: { kind: ref.kind, reference, ...(participantId ? { participantId } : {}) },
      });
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
