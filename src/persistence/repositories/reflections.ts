import { inLocale } from '../../domain/program/localized.js';
import type { ReflectionStore } from '../../domain/ports.js';
import type { Locale } from '../../i18n/i18n.js';
import type { Prisma } from '../database.js';
import { uuids } from '../uuids.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function prismaReflections(prisma: Prisma): ReflectionStore {
  return {
    async questions(preparationId, locale) {
      if (!UUID.test(preparationId)) return [];
      const row = await prisma.preparation.findUnique({ where: { id: preparationId }, select: { reflectionQuestions: true, translations: true } });
      const questions = Array.isArray(row?.reflectionQuestions) ? (row.reflectionQuestions as string[]) : [];
      // A translation keeps the questions' order and number (translationsOf), so answers keep their keys.
      return row ? inLocale(questions, row.translations, locale, 'reflection') : questions;
    },
    async questionsIn(preparationIds, locales) {
      const ids = [...new Set(preparationIds)].filter((id) => UUID.test(id));
      const rows = ids.length === 0 ? [] : await prisma.preparation.findMany({ where: { id: { in: ids } }, select: { id: true, reflectionQuestions: true, translations: true } });
      const inOne = (locale: Locale) =>
        new Map(rows.map((row) => [row.id, inLocale(Array.isArray(row.reflectionQuestions) ? (row.reflectionQuestions as string[]) : [], row.translations, locale, 'reflection')]));
      return new Map(locales.map((locale) => [locale, inOne(locale)]));
    },
    async save(input) {
      const row = await prisma.reflection.upsert({
        where: { participantId_preparationId_questionKey: { participantId: input.participantId, preparationId: input.preparationId, questionKey: input.questionKey } },
        create: { participantId: input.participantId, preparationId: input.preparationId, questionKey: input.questionKey, answer: input.answer, createdAt: input.at },
        update: { answer: input.answer },
        select: { id: true },
      });
      return row.id;
    },
    async byId(id) {
      if (!UUID.test(id)) return undefined;
      const row = await prisma.reflection.findUnique({ where: { id }, select: { id: true, participantId: true, preparationId: true, questionKey: true, quoteAllowed: true } });
      return row ?? undefined;
    },
    async setQuoteAllowed(id, allowed) {
      await prisma.reflection.update({ where: { id }, data: { quoteAllowed: allowed } });
    },
    async scheduled(programIds) {
      const rows = await prisma.preparation.findMany({
        where: { reflectionAt: { not: null }, ...(programIds ? { module: { programId: { in: programIds } } } : {}) },
        select: {
          id: true,
          reflectionAt: true,
          module: { select: { program: { select: { cohorts: { select: { id: true, participants: { where: { roles: { some: { role: 'participant' } } }, select: { id: true } } } } } } } },
        },
      });
      return rows.map((r) => ({
        preparationId: r.id,
        reflectAt: r.reflectionAt!,
        cohorts: r.module.program.cohorts.map((c) => ({ cohortId: c.id, participantIds: c.participants.map((p) => p.id) })),
      }));
    },
    async answeredAny(participantId, preparationId) {
      return (await prisma.reflection.count({ where: { participantId, preparationId } })) > 0;
    },
    async answeredAmong(participantIds, preparationIds) {
      const answered = new Map<string, Set<string>>();
      const [people, preparations] = [uuids(participantIds), uuids(preparationIds)];
      if (people.length === 0 || preparations.length === 0) return answered;
      const rows = await prisma.$queryRaw<{ participantId: string; preparationId: string }[]>`
        SELECT DISTINCT "participantId", "preparationId" FROM "Reflection"
        WHERE "participantId" = ANY(${people}::uuid[]) AND "preparationId" = ANY(${preparations}::uuid[])`;
      for (const r of rows) (answered.get(r.participantId) ?? answered.set(r.participantId, new Set()).get(r.participantId)!).add(r.preparationId);
      return answered;
    },
    async setAwaitedMany(questions, at) {
      if (questions.length === 0) return;
      // One row per person (the last question asked wins, as with one setAwaited after another):
      // an upsert may not touch the same row twice in one statement.
      const rows = [...new Map(questions.map((q) => [q.participantId, { participant: q.participantId, preparation: q.preparationId, index: q.index }])).values()];
      await prisma.$executeRaw`
        INSERT INTO "AwaitedReflection" ("participantId", "preparationId", "questionIndex", "askedAt")
        SELECT x.participant, x.preparation, x.index, ${at} FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(participant uuid, preparation uuid, index int)
        ON CONFLICT ("participantId") DO UPDATE SET "preparationId" = EXCLUDED."preparationId", "questionIndex" = EXCLUDED."questionIndex", "askedAt" = EXCLUDED."askedAt"`;
    },
    async setAwaited(participantId, question, at) {
      if (!question) {
        await prisma.awaitedReflection.deleteMany({ where: { participantId } });
        return;
      }
      const data = { preparationId: question.preparationId, questionIndex: question.index, askedAt: at };
      await prisma.awaitedReflection.upsert({ where: { participantId }, create: { participantId, ...data }, update: data });
    },
    async awaited(participantId) {
      const row = await prisma.awaitedReflection.findUnique({ where: { participantId } });
      return row ? { preparationId: row.preparationId, index: row.questionIndex, askedAt: row.askedAt } : undefined;
    },
  };
}
