import type { PlaygroundChannel, PlaygroundPerson } from '../../../adapters/local/routes.js';
import type { Prisma } from '../database.js';

/** Everyone with a playground identity, for the person picker. */
export async function listPlaygroundPeople(prisma: Prisma): Promise<PlaygroundPerson[]> {
  const rows = await prisma.platformIdentity.findMany({
    where: { platform: 'local' },
    include: { participant: { include: { roles: true, cohort: { select: { name: true } } } } },
    orderBy: { externalId: 'asc' },
  });
  return rows.map((row) => ({
    userId: row.externalId,
    name: row.participant.displayName,
    roles: row.participant.roles.map((r) => r.role),
    cohort: row.participant.cohort.name,
  }));
}

export async function listPlaygroundChannels(prisma: Prisma): Promise<PlaygroundChannel[]> {
  const rows = await prisma.cohortChannel.findMany({
    where: { platform: 'local' },
    select: { channelId: true, cohort: { select: { name: true } }, group: { select: { name: true } } },
    orderBy: { channelId: 'asc' },
  });
  return rows.map((row) => ({ channelId: row.channelId, cohort: row.cohort.name, group: row.group?.name ?? null }));
}
