// Inbound dedupe, conversation references and the audit log: small tables written on
// nearly every event, so each write is a single statement.
import type { Prisma as PrismaNamespace } from '../generated/client.js';
import { Batcher } from '../../core/batcher.js';
import { setBounded } from '../../core/bounded-map.js';
import { systemClock, type Clock } from '../../core/clock.js';
import type { ConversationRef, Platform } from '../../core/events.js';
import type { EventLedger } from '../../core/dispatch.js';
import type { AuditLog, ConversationStore } from '../../domain/ports.js';
import type { Prisma } from '../database.js';
import { uuids } from '../uuids.js';
import { isLocale } from '../../i18n/i18n.js';

export function prismaEventLedger(prisma: Prisma): EventLedger {
  // Every event costs one insert; in a burst, the events that arrive while one insert runs
  // go in the next one together (a statement costs about the same for one row or a hundred).
  const batcher = new Batcher<{ platform: Platform; eventId: string; at: Date }, boolean>(async (events) => {
    // INSERT … ON CONFLICT DO NOTHING is atomic on PostgreSQL and PGlite alike: exactly one
    // of several concurrent deliveries (replicas, retries) inserts the row. RETURNING names
    // the rows this statement inserted; a repeat within the batch is a duplicate too.
    const rows = await prisma.$queryRaw<{ platform: string; eventId: string }[]>`
      INSERT INTO "ProcessedEvent" ("platform", "eventId", "receivedAt")
      SELECT e."platform"::"Platform", e."eventId", e."at"
      FROM unnest(${events.map((e) => e.platform)}::text[], ${events.map((e) => e.eventId)}::text[], ${events.map((e) => e.at)}::timestamptz[]) AS e("platform", "eventId", "at")
      ON CONFLICT DO NOTHING
      RETURNING "platform"::text AS "platform", "eventId"`;
    const inserted = new Set(rows.map((row) => `${row.platform}\u0000${row.eventId}`));
    return events.map((e) => inserted.delete(`${e.platform}\u0000${e.eventId}`));
  });
  return {
    firstSeen: (platform: Platform, eventId: string, at: Date) => batcher.submit({ platform, eventId, at }),
  };
}

/**
 * A conversation this process wrote down moments ago, with the same reference and person,
 * is not written again: every message in it would otherwise cost a write. Its `updatedAt`
 * (the order of a person's direct conversations, most recent first) lags by at most this
 * much, and so does writing it again after another replica forgot it (the app removed and
 * added back within minutes); forgotten here, it is written with the next message.
 */
const REWRITE_AFTER_MS = 10 * 60_000;
const MAX_WRITTEN = 5000;

export function prismaConversations(prisma: Prisma, clock: Clock = systemClock): ConversationStore {
  /** What this process last wrote for each conversation, and when. */
  const written = new Map<string, { state: string; at: number }>();
  const keyOf = (ref: Pick<ConversationRef, 'platform' | 'key'>) => `${ref.platform}\u0000${ref.key}`;
  return {
    async remember(ref: ConversationRef, participantId: string | undefined) {
      const reference = JSON.stringify(ref.reference ?? {});
      const state = JSON.stringify([ref.kind, participantId ?? null, reference]);
      const now = clock.now().getTime();
      const last = written.get(keyOf(ref));
      if (last && last.state === state && now - last.at < REWRITE_AFTER_MS) return false;
      // One statement that also says whether the conversation is new: PostgreSQL sets
      // xmax to 0 on a freshly inserted row and to the updating transaction otherwise.
      const rows = await prisma.$queryRaw<{ inserted: boolean }[]>`
        INSERT INTO "ConversationReference" ("id", "platform", "kind", "key", "participantId", "reference", "updatedAt")
        VALUES (gen_random_uuid(), ${ref.platform}::"Platform", ${ref.kind}, ${ref.key}, ${participantId ?? null}::uuid, ${reference}::jsonb, now())
        ON CONFLICT ("platform", "key") DO UPDATE SET
          "kind" = EXCLUDED."kind",
          "reference" = EXCLUDED."reference",
          "participantId" = COALESCE(EXCLUDED."participantId", "ConversationReference"."participantId"),
          "updatedAt" = now()
        RETURNING (xmax = 0) AS inserted`;
      setBounded(written, keyOf(ref), { state, at: now }, MAX_WRITTEN);
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
      written.delete(keyOf(ref));
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
