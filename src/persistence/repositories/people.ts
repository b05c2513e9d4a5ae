import { randomBytes } from 'node:crypto';
import type { Platform } from '../../core/events.js';
import type { Logger } from '../../core/logger.js';
import { DEFAULT_LOCALE, isLocale, type Locale } from '../../i18n/i18n.js';
import type { PeopleRepository, Person, PersonContact } from '../../domain/ports.js';
import type { Prisma } from '../database.js';
import { Batcher } from '../../core/batcher.js';
import { uuids } from '../uuids.js';

// Only what a Person holds: an outbox batch reads hundreds at once, and the program row
// carries the whole program file besides its language and zone.
const personInclude = { roles: { select: { role: true } }, cohort: { select: { name: true, programId: true, program: { select: { locale: true, timezone: true } } } } } as const;

type Row = {
  id: string;
  cohortId: string;
  displayName: string;
  locale: string | null;
  platformLocale: string | null;
  timezone: string | null;
  remindersPausedUntil: Date | null;
  privacyNoticeAt: Date | null;
  roles: { role: Person['roles'][number] }[];
  cohort: { name: string; programId: string; program: { locale: string; timezone: string } };
};

/** findByIdentity's one row: the person, their cohort's and program's facts, their roles. */
type IdentityRow = FlatRow & { identityId: string; platform: string; externalId: string; unreachableSince: Date | null };

function toPerson(row: Row): Person {
  return {
    participantId: row.id,
    cohortId: row.cohortId,
    cohortName: row.cohort.name,
    programId: row.cohort.programId,
    displayName: row.displayName,
    locale: isLocale(row.locale) ? row.locale : null,
    platformLocale: isLocale(row.platformLocale) ? row.platformLocale : null,
    programLocale: isLocale(row.cohort.program.locale) ? row.cohort.program.locale : DEFAULT_LOCALE,
    timezone: row.timezone ?? row.cohort.program.timezone,
    roles: row.roles.map((r) => r.role),
    remindersPausedUntil: row.remindersPausedUntil,
    privacyNoticed: row.privacyNoticeAt !== null,
  };
}

/** A person read with plain SQL (findByIds), as the nested row toPerson reads. */
type FlatRow = Omit<Row, 'roles' | 'cohort'> & { roles: string[]; cohortName: string; programId: string; programLocale: string; programTimezone: string };

function unflatten(row: FlatRow): Row {
  return {
    ...row,
    roles: row.roles.map((role) => ({ role: role as Person['roles'][number] })),
    cohort: { name: row.cohortName, programId: row.programId, program: { locale: row.programLocale, timezone: row.programTimezone } },
  };
}

function toContact(row: { email: string | null; identities: { platform: Platform; externalId: string; tenantId: string | null }[] }): PersonContact {
  return {
    email: row.email ?? undefined,
    identities: row.identities.map((i) => ({ platform: i.platform, userId: i.externalId, tenantId: i.tenantId ?? undefined })),
  };
}

export function prismaPeople(prisma: Prisma, logger?: Logger): PeopleRepository {
  // Asked on every inbound event: the people of the events in progress are read together,
  // in one plain statement with array parameters (the nested include cost four times as
  // much, most of it in building the query; a list of parameters costs more the longer it
  // is). Each lookup still sees everything written before it was asked.
  const identities = new Batcher<{ platform: Platform; userId: string }, Person | undefined>(async (wanted) => {
    const rows = await prisma.$queryRaw<IdentityRow[]>`
      SELECT i."id" AS "identityId", i."platform"::text AS "platform", i."externalId", i."unreachableSince",
             p."id", p."cohortId", p."displayName", p."locale", p."platformLocale", p."timezone",
             p."remindersPausedUntil", p."privacyNoticeAt",
             c."name" AS "cohortName", c."programId", pr."locale" AS "programLocale", pr."timezone" AS "programTimezone",
             ARRAY(SELECT r."role"::text FROM "RoleAssignment" r WHERE r."participantId" = p."id" ORDER BY r."role") AS "roles"
      FROM unnest(${wanted.map((w) => w.platform)}::text[], ${wanted.map((w) => w.userId)}::text[]) AS w("platform", "externalId")
      JOIN "PlatformIdentity" i ON i."platform" = w."platform"::"Platform" AND i."externalId" = w."externalId"
      JOIN "Participant" p ON p."id" = i."participantId"
      JOIN "Cohort" c ON c."id" = p."cohortId"
      JOIN "Program" pr ON pr."id" = c."programId"`;
    const found = new Map(rows.map((row) => [`${row.platform}\u0000${row.externalId}`, row]));
    // Writing again is proof the person can be reached again.
    const reachable = rows.filter((row) => row.unreachableSince).map((row) => row.identityId);
    if (reachable.length > 0) await prisma.platformIdentity.updateMany({ where: { id: { in: reachable } }, data: { unreachableSince: null } });
    return wanted.map((w) => {
      const row = found.get(`${w.platform}\u0000${w.userId}`);
      if (!row) return undefined;
      return toPerson(unflatten(row));
    });
  });

  return {
    findByIdentity: (platform: Platform, userId: string) => identities.submit({ platform, userId }),
    async findById(participantId) {
      const row = await prisma.participant.findUnique({ where: { id: participantId }, include: personInclude });
      return row ? toPerson(row) : undefined;
    },
    async findByIds(participantIds) {
      const ids = uuids(participantIds);
      if (ids.length === 0) return new Map();
      // Hundreds at once (an outbox batch): plain SQL with one array parameter (see uuids.ts).
      const rows = await prisma.$queryRaw<FlatRow[]>`
        SELECT p."id", p."cohortId", p."displayName", p."locale", p."platformLocale", p."timezone", p."remindersPausedUntil", p."privacyNoticeAt",
               c."name" AS "cohortName", c."programId", pr."locale" AS "programLocale", pr."timezone" AS "programTimezone",
               ARRAY(SELECT r."role"::text FROM "RoleAssignment" r WHERE r."participantId" = p."id") AS "roles"
        FROM "Participant" p JOIN "Cohort" c ON c."id" = p."cohortId" JOIN "Program" pr ON pr."id" = c."programId"
        WHERE p."id" = ANY(${ids}::uuid[])`;
      return new Map(rows.map((row) => [row.id, toPerson(unflatten(row))]));
    },
    async markUnreachable(identity, at) {
      const marked = await prisma.platformIdentity.updateMany({
        where: { platform: identity.platform, externalId: identity.userId, unreachableSince: null },
        data: { unreachableSince: at },
      });
      return marked.count === 1;
    },
    async facilitatorsOf(cohortId) {
      const rows = await prisma.participant.findMany({ where: { cohortId, roles: { some: { role: 'facilitator' } } }, include: personInclude, orderBy: { key: 'asc' } });
      return rows.map(toPerson);
    },
    async linkByEmail(identity, email) {
      // Across the installation: the address alone must name one person. Two not yet linked
      // (say a facilitator gave someone the address of a person in another cohort) link
      // neither: the account could otherwise go to the wrong one, for good.
      const candidates = await prisma.participant.findMany({
        where: { email: { equals: email.trim(), mode: 'insensitive' }, identities: { none: { platform: identity.platform } } },
        include: personInclude,
        take: 2,
      });
      if (candidates.length > 1) {
        logger?.warn({ platform: identity.platform, participantIds: candidates.map((c) => c.id) }, 'an e-mail address names more than one person not yet linked: linked nobody');
        return undefined;
      }
      const candidate = candidates[0];
      if (!candidate) return undefined;
      const linked = await linkOnce(prisma, candidate.id, identity);
      return linked ? toPerson(candidate) : this.findByIdentity(identity.platform, identity.userId);
    },
    async contactOf(participantId) {
      const row = await prisma.participant.findUnique({ where: { id: participantId }, include: { identities: true } });
      return row ? toContact(row) : undefined;
    },
    async contactsOf(participantIds) {
      const ids = uuids(participantIds);
      if (ids.length === 0) return new Map();
      const rows = await prisma.$queryRaw<{ id: string; email: string | null; platform: Platform | null; externalId: string | null; tenantId: string | null }[]>`
        SELECT p."id", p."email", i."platform"::text AS "platform", i."externalId", i."tenantId"
        FROM "Participant" p LEFT JOIN "PlatformIdentity" i ON i."participantId" = p."id"
        WHERE p."id" = ANY(${ids}::uuid[])`;
      const contacts = new Map<string, PersonContact>();
      for (const row of rows) {
        const contact = contacts.get(row.id) ?? contacts.set(row.id, { email: row.email ?? undefined, identities: [] }).get(row.id)!;
        if (row.platform && row.externalId) contact.identities.push({ platform: row.platform, userId: row.externalId, tenantId: row.tenantId ?? undefined });
      }
      return contacts;
    },
    async linkIdentity(participantId, identity) {
      await linkOnce(prisma, participantId, identity);
    },
    async setLocale(participantId: string, locale: Locale) {
      await prisma.participant.update({ where: { id: participantId }, data: { locale } });
    },
    async notePlatformFacts(participantId, facts) {
      await prisma.participant.update({ where: { id: participantId }, data: facts });
    },
    async enrol(input) {
      const row = await prisma.participant.create({
        data: {
          cohortId: input.cohortId,
          key: `joined-${randomBytes(4).toString('hex')}`,
          displayName: input.displayName,
          locale: input.locale,
          platformLocale: input.platformLocale,
          roles: { create: [{ role: 'participant' }] },
          identities: { create: [{ platform: input.platform, externalId: input.userId, tenantId: input.tenantId }] },
        },
        include: personInclude,
      });
      return toPerson(row);
    },
  };
}

/** Creates the identity unless that platform user is linked already (false then). */
async function linkOnce(prisma: Prisma, participantId: string, identity: { platform: Platform; userId: string; tenantId?: string }): Promise<boolean> {
  const created = await prisma.platformIdentity.createMany({
    data: [{ participantId, platform: identity.platform, externalId: identity.userId, tenantId: identity.tenantId }],
    skipDuplicates: true,
  });
  return created.count === 1;
}
