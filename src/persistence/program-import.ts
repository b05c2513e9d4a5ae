// Writes a validated program into the database in one transaction. Re-importing the same
// file updates rows in place, matched on stable keys (program slug, module number,
// preparation key, cohort slug, participant key). Nothing is deleted: a module or person
// that disappeared from the file keeps its answers and commitments and is reported. A
// person erased on request (erasure.ts) is not created again, and is reported too.
import type { Prisma as PrismaNamespace } from './generated/client.js';
import { programText, translationsOf } from '../domain/program/localized.js';
import type { ImportReport } from '../domain/program/store.js';
import type { ResolvedProgram } from '../domain/program/validate.js';
import type { Prisma } from './database.js';
import type { Platform } from '../core/events.js';
import { erasedKeys } from './erasure.js';
import { withoutPerson } from './personal-data.js';

type Tx = Parameters<Parameters<Prisma['$transaction']>[0]>[0];
type Json = PrismaNamespace.InputJsonValue;

export type { ImportReport };

export interface ImportOptions {
  /** KOHORT_SECRET, the key the erasure hashes were made with (else the installation's own). */
  secret?: string;
}

export function importProgram(prisma: Prisma, resolved: ResolvedProgram, options: ImportOptions = {}): Promise<ImportReport> {
  return prisma.$transaction((tx) => importProgramIn(tx, resolved, options), { timeout: 60_000 });
}

/** On an empty database only: import under a lock, so replicas starting together seed once. */
export function importIfEmpty(prisma: Prisma, resolved: ResolvedProgram, options: ImportOptions = {}): Promise<ImportReport | undefined> {
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SEED_LOCK_ID})`;
      if ((await tx.program.count()) > 0) return undefined;
      return importProgramIn(tx, resolved, options);
    },
    { timeout: 60_000 },
  );
}

const SEED_LOCK_ID = 0x6b6f686f7274 + 1;

export async function importProgramIn(tx: Tx, resolved: ResolvedProgram, options: ImportOptions = {}): Promise<ImportReport> {
  const people = resolved.file.cohorts.flatMap((c) => c.participants.map((p) => ({ cohort: c.slug, key: p.key })));
  const erased = await erasedKeys(tx, options.secret, people);
  // The stored copy of the file never lists an erased person again.
  let source: unknown = resolved.file;
  for (const gone of erased) {
    const [cohort, key] = gone.split('/') as [string, string];
    source = withoutPerson(source, cohort, key);
  }
  const { file } = resolved;
  const programData = {
    name: file.program.name,
    locale: file.program.locale,
    timezone: file.program.timezone,
    reminderPolicy: file.program.reminders as Json,
    stopDoingSuggestions: (file.stopDoing?.suggestions ?? []).map((s) => ({
      key: s.key,
      text: programText(s.text, file.program.locale),
      translations: translationsOf({ text: s.text }, file.program.locale),
    })) as Json,
    questionnaires: resolved.occasions.map((o) => ({ ...o, opensAt: o.opensAt.toISOString(), closesAt: o.closesAt.toISOString() })) as Json,
    retentionDays: file.program.privacy.retentionDays ?? null,
    source: source as Json,
  };
  const program = await tx.program.upsert({
    where: { slug: file.program.slug },
    create: { slug: file.program.slug, ...programData },
    update: programData,
  });
  const report: ImportReport = { programId: program.id, modules: 0, preparations: 0, cohorts: 0, participants: 0, notInFile: [], erasedOnRequest: [...erased].sort() };
  await importModules(tx, program.id, resolved, report);
  for (const cohort of file.cohorts) await importCohort(tx, program.id, cohort, report, erased);
  return report;
}

async function importModules(tx: Tx, programId: string, resolved: ResolvedProgram, report: ImportReport): Promise<void> {
  const numbers = new Set(resolved.modules.map((m) => m.input.number));
  for (const mod of resolved.modules) {
    const locale = resolved.file.program.locale;
    const { title, place, purpose } = mod.input;
    const data = {
      title: programText(title, locale),
      startsAt: mod.startsAt,
      place: programText(place, locale) ?? null,
      purpose: programText(purpose, locale) ?? null,
      translations: translationsOf({ title, place, purpose }, locale) as Json,
    };
    const row = await tx.module.upsert({
      where: { programId_number: { programId, number: mod.input.number } },
      create: { programId, number: mod.input.number, ...data },
      update: data,
    });
    report.modules++;
    for (const prep of mod.preparations) {
      const p = prep.input;
      const prepData = {
        position: prep.position,
        kind: p.kind,
        title: programText(p.title, locale),
        details: programText(p.details, locale) ?? null,
        translations: translationsOf({ title: p.title, details: p.details, reflection: p.reflection }, locale) as Json,
        links: (p.links ?? []) as Json,
        dueAt: prep.dueAt,
        groupWork: Boolean(p.groupWork),
        groupSize: p.groupWork?.size ?? null,
        tracked: p.tracked ?? true,
        reminderPolicy: (p.reminders ?? undefined) as Json | undefined,
        reflectionQuestions: (p.reflection ?? []).map((q) => programText(q, locale)) as Json,
        reflectionAt: prep.reflectAt,
        occasionKey: prep.occasionKey,
      };
      await tx.preparation.upsert({
        where: { moduleId_key: { moduleId: row.id, key: p.key } },
        create: { moduleId: row.id, key: p.key, ...prepData },
        update: prepData,
      });
      report.preparations++;
    }
    const keys = mod.preparations.map((p) => p.input.key);
    const stale = await tx.preparation.findMany({ where: { moduleId: row.id, key: { notIn: keys } }, select: { key: true } });
    report.notInFile.push(...stale.map((s) => `modules[${mod.input.number}].preparations.${s.key}`));
  }
  const staleModules = await tx.module.findMany({ where: { programId, number: { notIn: [...numbers] } }, select: { number: true } });
  report.notInFile.push(...staleModules.map((m) => `module ${m.number}`));
}

type CohortInput = ResolvedProgram['file']['cohorts'][number];

async function importCohort(tx: Tx, programId: string, input: CohortInput, report: ImportReport, erased: ReadonlySet<string>): Promise<void> {
  const cohortData = { programId, name: input.name, joinCode: input.joinCode.toUpperCase() };
  const cohort = await tx.cohort.upsert({ where: { slug: input.slug }, create: { slug: input.slug, ...cohortData }, update: cohortData });
  report.cohorts++;

  const ids = new Map<string, string>();
  for (const person of input.participants) {
    if (erased.has(`${input.slug}/${person.key}`)) continue;
    const data = { displayName: person.name, email: person.email ?? null, reminderPolicy: (person.reminders ?? undefined) as Json | undefined };
    const row = await tx.participant.upsert({
      where: { cohortId_key: { cohortId: cohort.id, key: person.key } },
      // The file's locale is only a starting point: a choice made in chat is kept.
      create: { cohortId: cohort.id, key: person.key, locale: person.locale ?? null, ...data },
      update: data,
    });
    ids.set(person.key, row.id);
    await tx.roleAssignment.deleteMany({ where: { participantId: row.id, role: { notIn: person.roles } } });
    await tx.roleAssignment.createMany({ data: person.roles.map((role) => ({ participantId: row.id, role })), skipDuplicates: true });
    // Every listed person can be tried out in the local playground.
    const identities = { local: `${input.slug}/${person.key}`, ...person.identities };
    for (const [platform, externalId] of Object.entries(identities)) {
      if (!externalId) continue;
      const p = platform as Platform;
      await tx.platformIdentity.upsert({
        where: { platform_externalId: { platform: p, externalId } },
        create: { participantId: row.id, platform: p, externalId },
        update: { participantId: row.id },
      });
    }
    report.participants++;
  }

  for (const group of input.groups) {
    const row = await tx.group.upsert({
      where: { cohortId_key: { cohortId: cohort.id, key: group.key } },
      create: { cohortId: cohort.id, key: group.key, name: group.name },
      update: { name: group.name },
    });
    const members = group.members.flatMap((m) => ids.get(m) ?? []);
    // Only the file's people are moved: someone added in the console (not in this file) keeps their groups.
    await tx.groupMember.deleteMany({ where: { groupId: row.id, participantId: { in: [...ids.values()], notIn: members } } });
    await tx.groupMember.createMany({ data: members.map((participantId) => ({ groupId: row.id, participantId })), skipDuplicates: true });
  }

  for (const team of input.teams) {
    const row = await tx.team.upsert({
      where: { cohortId_key: { cohortId: cohort.id, key: team.key } },
      create: { cohortId: cohort.id, key: team.key, name: team.name },
      update: { name: team.name },
    });
    const leads = new Set(team.leads.flatMap((m) => ids.get(m) ?? []));
    const everyone = new Set([...leads, ...team.members.flatMap((m) => ids.get(m) ?? [])]);
    await tx.teamMember.deleteMany({ where: { teamId: row.id, participantId: { in: [...ids.values()], notIn: [...everyone] } } });
    for (const participantId of everyone) {
      const isLead = leads.has(participantId);
      await tx.teamMember.upsert({
        where: { teamId_participantId: { teamId: row.id, participantId } },
        create: { teamId: row.id, participantId, isLead },
        update: { isLead },
      });
    }
  }

  for (const channel of input.channels) {
    const groupId = channel.group ? (await tx.group.findUniqueOrThrow({ where: { cohortId_key: { cohortId: cohort.id, key: channel.group } } })).id : null;
    await tx.cohortChannel.upsert({
      where: { cohortId_platform_channelId: { cohortId: cohort.id, platform: channel.platform, channelId: channel.channel } },
      create: { cohortId: cohort.id, platform: channel.platform, channelId: channel.channel, groupId, name: channel.name ?? null },
      update: { groupId, name: channel.name ?? null },
    });
  }

  const listed = input.participants.map((p) => p.key);
  const others = await tx.participant.findMany({
    where: { cohortId: cohort.id, key: { notIn: listed }, NOT: { key: { startsWith: 'joined-' } } },
    select: { key: true },
  });
  report.notInFile.push(...others.map((o) => `cohort ${input.slug}: participant ${o.key}`));
}
