// Broadcast drafts and their deliveries over Prisma. State changes are conditional updates,
// so a double click or two replicas confirming at once send one broadcast, once.
import type { Platform } from '../../core/events.js';
import { broadcastKeyPrefix, type Broadcast, type BroadcastStore, type Delivery } from '../../domain/broadcasts/store.js';
import type { Prisma } from '../database.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const participantRole = { roles: { some: { role: 'participant' as const } } };

type Row = Omit<Broadcast, 'contentKind' | 'audience' | 'status'> & { contentKind: string; audience: string | null; status: string };
const toBroadcast = (row: Row): Broadcast => row as Broadcast;

/** Rolls the cancelling transaction back, carrying why. */
class Refused extends Error {
  constructor(readonly reason: 'not_sending' | 'gone_out') {
    super(reason);
  }
}

export function prismaBroadcasts(prisma: Prisma): BroadcastStore {
  return {
    async createDraft(input) {
      return toBroadcast(
        await prisma.broadcast.create({
          data: { cohortId: input.cohortId, createdById: input.createdById, contentKind: input.contentKind, moduleId: input.moduleId ?? null, text: input.text ?? null, createdAt: input.at },
        }),
      );
    },
    async byId(id) {
      if (!UUID.test(id)) return undefined;
      const row = await prisma.broadcast.findUnique({ where: { id } });
      return row ? toBroadcast(row) : undefined;
    },
    async setAudience(id, audience, groupId) {
      const { count } = await prisma.broadcast.updateMany({ where: { id, status: 'draft' }, data: { audience, groupId } });
      return count === 1;
    },
    async cancel(id) {
      const { count } = await prisma.broadcast.updateMany({ where: { id, status: 'draft' }, data: { status: 'cancelled' } });
      return count === 1;
    },
    async confirm(id, at) {
      const { count } = await prisma.broadcast.updateMany({ where: { id, status: 'draft', audience: { not: null } }, data: { status: 'sending', confirmedAt: at } });
      return count === 1;
    },
    async markReported(id, at) {
      const { count } = await prisma.broadcast.updateMany({ where: { id, reportedAt: null }, data: { reportedAt: at } });
      return count === 1;
    },
    async cancelScheduled(id, now) {
      if (!UUID.test(id)) return { ok: false, reason: 'not_sending' };
      const prefix = broadcastKeyPrefix(id);
      try {
        return await prisma.$transaction(async (tx) => {
          // First the broadcast's own row: two cancels at once wait here for each other.
          const { count } = await tx.broadcast.updateMany({ where: { id, status: 'sending' }, data: { status: 'cancelled' } });
          if (count !== 1) throw new Refused('not_sending');
          // Only rows still pending and not due: a row the outbox claimed meanwhile is left
          // alone (the outbox's claim locks it; this update then sees it claimed and skips it),
          // and the counts below then differ, so the whole change is rolled back.
          const cancelled = await tx.$executeRaw`
            UPDATE "OutboundMessage" SET "status" = 'cancelled', "lastError" = 'cancelled', "failure" = NULL
            WHERE "idempotencyKey" LIKE ${`${prefix}%`} AND "status" = 'pending' AND "dueAt" > ${now}`;
          const rows = await tx.outboundMessage.count({ where: { idempotencyKey: { startsWith: prefix } } });
          if (rows === 0 || cancelled !== rows) throw new Refused('gone_out');
          return { ok: true as const, rows };
        });
      } catch (error) {
        if (error instanceof Refused) return { ok: false, reason: error.reason };
        throw error;
      }
    },
    async latestSent(cohortId, now) {
      // Gone out: a row was due by now, or was tried (a retried row waits again as pending).
      const [latest] = await prisma.$queryRaw<{ id: string }[]>`
        SELECT b."id" FROM "Broadcast" b
        WHERE b."cohortId" = ${cohortId}::uuid AND b."status" = 'sending'
          AND EXISTS (SELECT 1 FROM "OutboundMessage" m
                      WHERE m."idempotencyKey" LIKE 'broadcast:' || b."id"::text || ':%'
                        AND (m."dueAt" <= ${now} OR m."status" <> 'pending' OR m."attempts" > 0))
        ORDER BY b."confirmedAt" DESC, b."id" LIMIT 1`;
      if (!latest) return undefined;
      const row = await prisma.broadcast.findUnique({ where: { id: latest.id } });
      return row ? toBroadcast(row) : undefined;
    },
    async history(cohortId, limit) {
      const rows = await prisma.broadcast.findMany({
        where: { cohortId, status: { in: ['sending', 'cancelled'] }, confirmedAt: { not: null } },
        orderBy: [{ confirmedAt: 'desc' }, { id: 'asc' }],
        take: limit,
      });
      // The earliest row's due time: one query per listed broadcast, and the list is short.
      return Promise.all(
        rows.map(async (row) => {
          const first = await prisma.outboundMessage.aggregate({ where: { idempotencyKey: { startsWith: broadcastKeyPrefix(row.id) } }, _min: { dueAt: true } });
          return { ...toBroadcast(row), dueAt: first._min.dueAt };
        }),
      );
    },
    async recipients(cohortId, groupId) {
      const rows = await prisma.participant.findMany({
        where: { cohortId, ...participantRole, ...(groupId ? { groups: { some: { groupId } } } : {}) },
        select: { id: true },
        orderBy: { displayName: 'asc' },
      });
      return rows.map((r) => r.id);
    },
    async groups(cohortId) {
      const rows = await prisma.group.findMany({
        where: { cohortId },
        select: { id: true, name: true, _count: { select: { members: { where: { participant: participantRole } } } } },
        orderBy: { name: 'asc' },
      });
      return rows.map((g) => ({ id: g.id, name: g.name, size: g._count.members }));
    },
    async unsettled(id) {
      return prisma.outboundMessage.count({ where: { idempotencyKey: { startsWith: broadcastKeyPrefix(id) }, status: { in: ['pending', 'claimed'] } } });
    },
    async deliveries(id) {
      const rows = await prisma.outboundMessage.findMany({
        where: { idempotencyKey: { startsWith: broadcastKeyPrefix(id) } },
        select: { participantId: true, status: true, failure: true, lastError: true, payload: true },
      });
      const ids = rows.flatMap((r) => (r.participantId ? [r.participantId] : []));
      const names = new Map((await prisma.participant.findMany({ where: { id: { in: ids } }, select: { id: true, displayName: true } })).map((p) => [p.id, p.displayName]));
      const channelIds = rows.flatMap((r) => {
        const id = (r.payload as { channel?: { id?: string } }).channel?.id;
        return id ? [id] : [];
      });
      const channelNames = new Map((await prisma.cohortChannel.findMany({ where: { id: { in: channelIds } }, select: { id: true, name: true } })).map((c) => [c.id, c.name]));
      return rows
        .map<Delivery>((r) => {
          const channel = (r.payload as { channel?: { id: string; platform: Platform; channelId: string } }).channel;
          return {
            participantId: r.participantId,
            name: r.participantId ? (names.get(r.participantId) ?? null) : null,
            channel: channel ? { platform: channel.platform, channelId: channel.channelId, name: channelNames.get(channel.id) ?? null } : null,
            status: r.status,
            // A failure's neutral reason; a row not sent keeps kohort's own reason ("cancelled").
            reason: r.failure ?? r.lastError,
          };
        })
        .sort((a, b) => (a.name ?? a.channel?.channelId ?? '').localeCompare(b.name ?? b.channel?.channelId ?? '', 'sv'));
    },
  };
}
