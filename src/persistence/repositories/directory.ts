// Who and which channels the program places on a platform (the playground's picker).
import type { Platform } from '../../core/events.js';
import type { PlatformDirectory } from '../../domain/ports.js';
import type { Prisma } from '../database.js';

export function prismaDirectory(prisma: Prisma): PlatformDirectory {
  return {
    async people(platform: Platform) {
      const rows = await prisma.platformIdentity.findMany({
        where: { platform },
        include: { participant: { include: { roles: true, cohort: { select: { name: true } } } } },
        orderBy: { externalId: 'asc' },
      });
      return rows.map((row) => ({
        userId: row.externalId,
        name: row.participant.displayName,
        roles: row.participant.roles.map((r) => r.role),
        cohort: row.participant.cohort.name,
      }));
    },
    async channels(platform: Platform) {
      const rows = await prisma.cohortChannel.findMany({
        where: { platform },
        select: { channelId: true, cohort: { select: { name: true } }, group: { select: { name: true } } },
        orderBy: { channelId: 'asc' },
      });
      return rows.map((row) => ({ channelId: row.channelId, cohort: row.cohort.name, group: row.group?.name ?? null }));
    },
  };
}
