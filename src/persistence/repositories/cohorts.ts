import { inLocale } from '../../domain/program/localized.js';
import type { CohortDirectory, DeadlineReader } from '../../domain/ports.js';
import type { Prisma } from '../database.js';

export function prismaCohorts(prisma: Prisma): CohortDirectory {
  return {
    async findByJoinCode(code: string) {
      const cohort = await prisma.cohort.findUnique({ where: { joinCode: code.trim().toUpperCase() } });
      return cohort ? { id: cohort.id, name: cohort.name } : undefined;
    },
  };
}

export function prismaDeadlines(prisma: Prisma): DeadlineReader {
  return {
    async upcoming({ participantId, programId }, now: Date, limit: number, locale) {
      // Part of every `status`: the first few and how many there are, in one plain statement.
      const rows = await prisma.$queryRaw<UpcomingRow[]>`
        SELECT p."id", p."title", p."translations", p."dueAt", m."number", m."title" AS "moduleTitle", m."translations" AS "moduleTranslations",
               count(*) OVER () AS "total"
        FROM "Preparation" p
        JOIN "Module" m ON m."id" = p."moduleId"
        WHERE m."programId" = ${programId}::uuid AND p."tracked" AND p."dueAt" >= ${now}
          AND NOT EXISTS (SELECT 1 FROM "PreparationCompletion" c WHERE c."preparationId" = p."id" AND c."participantId" = ${participantId}::uuid)
        ORDER BY p."dueAt", p."position"
        LIMIT ${limit}`;
      return {
        total: Number(rows[0]?.total ?? 0),
        items: rows.map((row) => ({
          preparationId: row.id,
          title: inLocale(row.title, row.translations, locale, 'title'),
          dueAt: row.dueAt,
          moduleNumber: row.number,
          moduleTitle: inLocale(row.moduleTitle, row.moduleTranslations, locale, 'title'),
        })),
      };
    },
  };
}

interface UpcomingRow {
  id: string;
  title: string;
  translations: unknown;
  dueAt: Date;
  number: number;
  moduleTitle: string;
  moduleTranslations: unknown;
  /** All that match, before LIMIT (bigint). */
  total: bigint | number;
}
