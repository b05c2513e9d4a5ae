// Reminder data over Prisma: what the planner needs, the preparations a reminder shows,
// completions, pauses and the facilitators' progress view.
import { inLocale } from '../../domain/program/localized.js';
import { mergePolicies, type ReminderPolicy } from '../../domain/reminders/ladder.js';
import type { PlanParticipant, PlanProgram } from '../../domain/reminders/plan.js';
import type { ModuleProgress, ModuleView, PreparationView, ReminderStore } from '../../domain/reminders/store.js';
import type { Locale } from '../../i18n/i18n.js';
import type { Prisma as PrismaNamespace } from '../generated/client.js';
import type { Prisma } from '../database.js';
import { uuids } from '../uuids.js';

const policyOf = (value: unknown): Partial<ReminderPolicy> | null => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Partial<ReminderPolicy>) : null);

const modulePreparations = { preparations: { orderBy: { position: 'asc' as const } } };

type PreparationRow = PrismaNamespace.PreparationGetPayload<{ include: { module: true } }>;
type ModuleRow = PrismaNamespace.ModuleGetPayload<{ include: typeof modulePreparations }>;

function preparationView(row: PreparationRow, locale: Locale | undefined): PreparationView {
  const mod = row.module;
  return {
    id: row.id,
    programId: mod.programId,
    kind: row.kind,
    title: inLocale(row.title, row.translations, locale, 'title'),
    details: inLocale(row.details, row.translations, locale, 'details'),
    links: Array.isArray(row.links) ? (row.links as { label: string; url: string }[]) : [],
    dueAt: row.dueAt,
    groupSize: row.groupSize,
    tracked: row.tracked,
    module: {
      id: mod.id,
      number: mod.number,
      title: inLocale(mod.title, mod.translations, locale, 'title'),
      startsAt: mod.startsAt,
      place: inLocale(mod.place, mod.translations, locale, 'place'),
    },
  };
}

function moduleView(row: ModuleRow, locale: Locale | undefined): ModuleView {
  return {
    id: row.id,
    programId: row.programId,
    number: row.number,
    title: inLocale(row.title, row.translations, locale, 'title'),
    startsAt: row.startsAt,
    place: inLocale(row.place, row.translations, locale, 'place'),
    preparations: row.preparations.map((p) => ({ id: p.id, title: inLocale(p.title, p.translations, locale, 'title'), kind: p.kind, dueAt: p.dueAt, tracked: p.tracked })),
  };
}

/** Only people with the participant role prepare for modules; facilitators and leads only are not reminded. */
const preparesForModules = { roles: { some: { role: 'participant' as const } } };

export function prismaReminders(prisma: Prisma): ReminderStore {
  async function programFor(programId: string): Promise<PlanProgram | undefined> {
    const row = await prisma.program.findUnique({
      where: { id: programId },
      include: { modules: { orderBy: { number: 'asc' }, include: { preparations: { orderBy: { position: 'asc' } } } } },
    });
    if (!row) return undefined;
    return {
      zone: row.timezone,
      policy: policyOf(row.reminderPolicy),
      modules: row.modules.map((m) => ({
        id: m.id,
        startsAt: m.startsAt,
        preparations: m.preparations.map((p) => ({ id: p.id, dueAt: p.dueAt, tracked: p.tracked, policy: policyOf(p.reminderPolicy) })),
      })),
    };
  }

  return {
    async planInputs(scope) {
      const rows = await prisma.participant.findMany({
        where: { ...preparesForModules, ...('programId' in scope ? { cohort: { programId: scope.programId } } : { id: { in: scope.participantIds } }) },
        select: { id: true, cohortId: true, reminderPolicy: true, remindersPausedUntil: true, cohort: { select: { programId: true } }, completions: { select: { preparationId: true } } },
      });
      const byProgram = new Map<string, PlanParticipant[]>();
      for (const row of rows) {
        const list = byProgram.get(row.cohort.programId) ?? byProgram.set(row.cohort.programId, []).get(row.cohort.programId)!;
        list.push({
          id: row.id,
          cohortId: row.cohortId,
          policy: policyOf(row.reminderPolicy),
          pausedUntil: row.remindersPausedUntil,
          done: new Set(row.completions.map((c) => c.preparationId)),
        });
      }
      if ('programId' in scope && !byProgram.has(scope.programId)) byProgram.set(scope.programId, []);
      const result = [];
      for (const [programId, participants] of byProgram) {
        const program = await programFor(programId);
        if (program) result.push({ program, participants });
      }
      return result;
    },

    async programIds() {
      return (await prisma.program.findMany({ select: { id: true } })).map((p) => p.id);
    },

    async preparation(preparationId, locale) {
      if (!isUuid(preparationId)) return undefined;
      const row = await prisma.preparation.findUnique({ where: { id: preparationId }, include: { module: true } });
      return row ? preparationView(row, locale) : undefined;
    },

    async module(moduleId, locale) {
      if (!isUuid(moduleId)) return undefined;
      const row = await prisma.module.findUnique({ where: { id: moduleId }, include: modulePreparations });
      return row ? moduleView(row, locale) : undefined;
    },

    async preparationsIn(preparationIds, locales) {
      const ids = [...new Set(preparationIds)].filter(isUuid);
      const rows = ids.length === 0 ? [] : await prisma.preparation.findMany({ where: { id: { in: ids } }, include: { module: true } });
      return new Map(locales.map((locale) => [locale, new Map(rows.map((row) => [row.id, preparationView(row, locale)]))]));
    },

    async modulesIn(moduleIds, locales) {
      const ids = [...new Set(moduleIds)].filter(isUuid);
      const rows = ids.length === 0 ? [] : await prisma.module.findMany({ where: { id: { in: ids } }, include: modulePreparations });
      return new Map(locales.map((locale) => [locale, new Map(rows.map((row) => [row.id, moduleView(row, locale)]))]));
    },

    async doneAmong(participantId, preparationIds) {
      const rows = await prisma.preparationCompletion.findMany({ where: { participantId, preparationId: { in: preparationIds } }, select: { preparationId: true } });
      return new Set(rows.map((r) => r.preparationId));
    },

    async doneAmongMany(participantIds, preparationIds) {
      const done = new Map<string, Set<string>>();
      const [people, preparations] = [uuids(participantIds), uuids(preparationIds)];
      if (people.length === 0 || preparations.length === 0) return done;
      const rows = await prisma.$queryRaw<{ participantId: string; preparationId: string }[]>`
        SELECT "participantId", "preparationId" FROM "PreparationCompletion"
        WHERE "participantId" = ANY(${people}::uuid[]) AND "preparationId" = ANY(${preparations}::uuid[])`;
      for (const r of rows) (done.get(r.participantId) ?? done.set(r.participantId, new Set()).get(r.participantId)!).add(r.preparationId);
      return done;
    },

    async markDone(participantId, preparationId, at) {
      const created = await prisma.preparationCompletion.createMany({ data: [{ participantId, preparationId, completedAt: at }], skipDuplicates: true });
      return created.count === 1;
    },

    async undoDone(participantId, preparationId) {
      const removed = await prisma.preparationCompletion.deleteMany({ where: { participantId, preparationId } });
      return removed.count > 0;
    },

    async settingsOf(participantId) {
      const row = await prisma.participant.findUnique({
        where: { id: participantId },
        select: { timezone: true, reminderPolicy: true, remindersPausedUntil: true, cohort: { select: { program: { select: { timezone: true, reminderPolicy: true } } } } },
      });
      if (!row) return undefined;
      return {
        zone: row.timezone ?? row.cohort.program.timezone,
        policy: mergePolicies(policyOf(row.cohort.program.reminderPolicy), policyOf(row.reminderPolicy)),
        pausedUntil: row.remindersPausedUntil,
      };
    },

    async setPause(participantId, until) {
      await prisma.participant.update({ where: { id: participantId }, data: { remindersPausedUntil: until } });
    },

    async progress(cohortId, locale) {
      const cohort = await prisma.cohort.findUnique({
        where: { id: cohortId },
        select: {
          participants: { where: preparesForModules, select: { id: true, displayName: true }, orderBy: { displayName: 'asc' } },
          program: {
            select: {
              modules: {
                orderBy: { number: 'asc' },
                include: { preparations: { where: { tracked: true }, orderBy: { position: 'asc' }, include: { completions: { select: { participantId: true } } } } },
              },
            },
          },
        },
      });
      if (!cohort) return [];
      return cohort.program.modules.map<ModuleProgress>((m) => ({
        number: m.number,
        title: inLocale(m.title, m.translations, locale, 'title'),
        startsAt: m.startsAt,
        preparations: m.preparations.map((p) => {
          const done = new Set(p.completions.map((c) => c.participantId));
          return {
            id: p.id,
            title: inLocale(p.title, p.translations, locale, 'title'),
            dueAt: p.dueAt,
            done: cohort.participants.filter((x) => done.has(x.id)).map((x) => x.displayName),
            notDone: cohort.participants.filter((x) => !done.has(x.id)).map((x) => x.displayName),
          };
        }),
      }));
    },

    async preparationsOfKind(programId, kind, occasionKey) {
      return prisma.preparation.findMany({
        where: { kind, tracked: true, module: { programId }, ...(occasionKey ? { occasionKey } : {}) },
        select: { id: true, title: true, dueAt: true },
        orderBy: { dueAt: 'asc' },
      });
    },

    async openPreparations(participantId, locale) {
      const person = await prisma.participant.findUnique({ where: { id: participantId }, select: { cohort: { select: { programId: true } } } });
      if (!person) return [];
      const rows = await prisma.preparation.findMany({
        where: { tracked: true, module: { programId: person.cohort.programId }, completions: { none: { participantId } } },
        select: { id: true, title: true, translations: true, dueAt: true, module: { select: { number: true, title: true, translations: true } } },
        orderBy: [{ dueAt: 'asc' }, { position: 'asc' }],
      });
      return rows.map((r) => ({
        id: r.id,
        title: inLocale(r.title, r.translations, locale, 'title'),
        dueAt: r.dueAt,
        moduleNumber: r.module.number,
        moduleTitle: inLocale(r.module.title, r.module.translations, locale, 'title'),
      }));
    },

    async displayNames(participantIds) {
      const rows = await prisma.participant.findMany({ where: { id: { in: participantIds } }, select: { id: true, displayName: true } });
      return new Map(rows.map((r) => [r.id, r.displayName]));
    },
  };
}

/** Button values come from outside: a malformed id is "not found", never a database error. */
function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
