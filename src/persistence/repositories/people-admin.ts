// The people of a cohort for the console (domain/people.ts). Each change is one transaction
// that writes the rows and the stored program file (Program.source) together, so a later
// `program export` lists what the console shows and importing that file changes nothing.
import type { Prisma as PrismaNamespace } from '../generated/client.js';
import type { Platform } from '../../core/events.js';
import type { ManagedRole, PersonDetails, RosterPerson, PeopleAdminStore } from '../../domain/people.js';
import { withJoinCode, withPerson } from '../../domain/program/source-people.js';
import type { Role } from '../../domain/roles.js';
import { isLocale } from '../../i18n/i18n.js';
import type { Prisma } from '../database.js';

type Tx = Parameters<Parameters<Prisma['$transaction']>[0]>[0];

const rosterInclude = {
  roles: true,
  groups: { include: { group: true } },
  teams: { include: { team: true } },
  identities: true,
} as const;

type Row = PrismaNamespace.ParticipantGetPayload<{ include: typeof rosterInclude }>;

function toRoster(row: Row): RosterPerson {
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'sv');
  return {
    participantId: row.id,
    key: row.key,
    name: row.displayName,
    email: row.email,
    locale: isLocale(row.locale) ? row.locale : null,
    roles: row.roles.map((r) => r.role as Role),
    groups: row.groups.map((g) => ({ key: g.group.key, name: g.group.name })).sort(byName),
    teams: row.teams.map((t) => ({ key: t.team.key, name: t.team.name, lead: t.isLead })).sort(byName),
    platforms: row.identities.map((i) => ({ platform: i.platform as Platform, reachable: i.unreachableSince === null })),
  };
}

/** A key for the program file from a name: "Karin Åberg" → "karin-aberg", unique in the cohort. */
async function freshKey(tx: Tx, cohortId: string, name: string): Promise<string> {
  const base =
    name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'person';
  const taken = new Set((await tx.participant.findMany({ where: { cohortId, key: { startsWith: base } }, select: { key: true } })).map((p) => p.key));
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}-${n}`;
  return key;
}

/**
 * Places the person in exactly these groups and teams. A team they stay in keeps whether they
 * lead it; a team they join they join as a member, except that a team lead who leads none of
 * the teams they keep leads the one they join (moving a lead to another team keeps them a lead).
 * Who else leads a team is an admin's choice (roles), not this form's; a team's only lead
 * cannot leave it here (checkPerson), so the stored file and the rows agree.
 */
async function placeIn(tx: Tx, cohortId: string, participantId: string, details: PersonDetails, teamLead: boolean): Promise<void> {
  const groups = await tx.group.findMany({ where: { cohortId, key: { in: details.groups } }, select: { id: true } });
  await tx.groupMember.deleteMany({ where: { participantId, group: { cohortId }, groupId: { notIn: groups.map((g) => g.id) } } });
  await tx.groupMember.createMany({ data: groups.map((g) => ({ groupId: g.id, participantId })), skipDuplicates: true });
  const teams = await tx.team.findMany({ where: { cohortId, key: { in: details.teams } }, select: { id: true } });
  const wanted = teams.map((t) => t.id);
  await tx.teamMember.deleteMany({ where: { participantId, team: { cohortId }, teamId: { notIn: wanted } } });
  const kept = await tx.teamMember.findMany({ where: { participantId, teamId: { in: wanted } }, select: { teamId: true, isLead: true } });
  const joined = wanted.filter((id) => !kept.some((k) => k.teamId === id));
  const isLead = teamLead && !kept.some((k) => k.isLead);
  await tx.teamMember.createMany({ data: joined.map((teamId) => ({ teamId, participantId, isLead })) });
}

/** Writes the person's entry into the stored program file, as the rows now say. */
async function syncSource(tx: Tx, participantId: string): Promise<void> {
  const row = await tx.participant.findUniqueOrThrow({ where: { id: participantId }, include: { ...rosterInclude, cohort: { include: { program: true } } } });
  const person = toRoster(row);
  const source = withPerson(row.cohort.program.source, row.cohort.slug, {
    key: row.key,
    name: row.displayName,
    email: row.email,
    locale: row.locale,
    roles: person.roles,
    groups: person.groups.map((g) => g.key),
    teams: person.teams.map((t) => ({ key: t.key, lead: t.lead })),
  });
  await tx.program.update({ where: { id: row.cohort.programId }, data: { source: source as PrismaNamespace.InputJsonValue } });
}

export function prismaPeopleAdmin(prisma: Prisma): PeopleAdminStore {
  const find = async (db: Tx | Prisma, cohortId: string, participantId: string) => {
    const row = await db.participant.findFirst({ where: { id: participantId, cohortId }, include: rosterInclude });
    return row ? toRoster(row) : undefined;
  };
  return {
    async cohort(cohortId) {
      const row = await prisma.cohort.findUnique({
        where: { id: cohortId },
        include: { groups: { orderBy: { name: 'asc' } }, teams: { orderBy: { name: 'asc' } } },
      });
      if (!row) return undefined;
      return {
        id: row.id,
        slug: row.slug,
        name: row.name,
        joinCode: row.joinCode,
        groups: row.groups.map((g) => ({ key: g.key, name: g.name })),
        teams: row.teams.map((t) => ({ key: t.key, name: t.name })),
      };
    },
    async people(cohortId) {
      const rows = await prisma.participant.findMany({ where: { cohortId }, include: rosterInclude });
      return rows.map(toRoster).sort((a, b) => a.name.localeCompare(b.name, 'sv'));
    },
    person: (cohortId, participantId) => find(prisma, cohortId, participantId),
    add(cohortId, details, at) {
      return prisma.$transaction(async (tx) => {
        const cohort = await tx.cohort.findUniqueOrThrow({ where: { id: cohortId } });
        const key = await freshKey(tx, cohortId, details.name);
        const row = await tx.participant.create({
          data: { cohortId, key, displayName: details.name, email: details.email, locale: details.locale, createdAt: at, roles: { create: [{ role: 'participant' }] } },
        });
        // As for everyone the program file lists: the person can be tried out in the playground.
        await tx.platformIdentity.createMany({ data: [{ participantId: row.id, platform: 'local', externalId: `${cohort.slug}/${key}` }], skipDuplicates: true });
        await placeIn(tx, cohortId, row.id, details, false);
        await syncSource(tx, row.id);
        return (await find(tx, cohortId, row.id))!;
      });
    },
    update(cohortId, participantId, details) {
      return prisma.$transaction(async (tx) => {
        const before = await find(tx, cohortId, participantId);
        if (!before) return undefined;
        await tx.participant.update({ where: { id: participantId }, data: { displayName: details.name, email: details.email, locale: details.locale } });
        await placeIn(tx, cohortId, participantId, details, before.roles.includes('team_lead'));
        await syncSource(tx, participantId);
        return find(tx, cohortId, participantId);
      });
    },
    setRole(cohortId, participantId, role: ManagedRole, held) {
      return prisma.$transaction(async (tx) => {
        if (!(await find(tx, cohortId, participantId))) return undefined;
        if (held) await tx.roleAssignment.createMany({ data: [{ participantId, role }], skipDuplicates: true });
        else await tx.roleAssignment.deleteMany({ where: { participantId, role } });
        // A team lead leads the team they are in: `mitt team` follows TeamMember.isLead.
        if (role === 'team_lead') await tx.teamMember.updateMany({ where: { participantId }, data: { isLead: held } });
        await syncSource(tx, participantId);
        return find(tx, cohortId, participantId);
      });
    },
    async setJoinCode(cohortId, code) {
      await prisma.$transaction(async (tx) => {
        const cohort = await tx.cohort.update({ where: { id: cohortId }, data: { joinCode: code }, include: { program: true } });
        await tx.program.update({ where: { id: cohort.programId }, data: { source: withJoinCode(cohort.program.source, cohort.slug, code) as PrismaNamespace.InputJsonValue } });
      });
    },
  };
}
