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
      const where = {
        tracked: true,
        dueAt: { gte: now },
        module: { programId },
        completions: { none: { participantId } },
      };
      const [rows, total] = await Promise.all([
        prisma.preparation.findMany({
          where,
          orderBy: [{ dueAt: 'asc' }, { position: 'asc' }],
          take: limit,
          include: { module: { select: { number: true, title: true, translations: true } } },
        }),
        prisma.preparation.count({ where }),
      ]);
      return {
        total,
        items: rows.map((row) => ({
          preparationId: row.id,
          title: inLocale(row.title, row.translations, locale, 'title'),
          dueAt: row.dueAt,
          moduleNumber: row.module.number,
          moduleTitle: inLocale(row.module.title, row.module.translations, locale, 'title'),
        })),
      };
    },
  };
}
