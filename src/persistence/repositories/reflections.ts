import { inLocale } from '../../domain/program/localized.js';
import type { ReflectionStore } from '../../domain/ports.js';
import type { Prisma } from '../database.js';

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
