// Maturity-test attempts and answers over Prisma. Every move is a conditional UPDATE on
// (index, status), so a double click or two devices answering at once move it only once.
import type { Answer, SessionStatus } from '../../domain/questionnaire/session.js';
import type { Attempt, MaturityStore, Occasion } from '../../domain/questionnaire/store.js';
import type { Prisma } from '../database.js';
import { minGroupSizeOf } from '../privacy.js';

interface AnswerRow {
  questionKey: string;
  scaleValue: number | null;
  choice: string | null;
  text: string | null;
  skipped: boolean;
}

function toAnswer(row: AnswerRow): Answer {
  if (row.skipped) return { kind: 'skip' };
  if (row.scaleValue !== null) return { kind: 'scale', value: row.scaleValue };
  if (row.choice !== null) return { kind: 'choice', option: row.choice };
  return { kind: 'text', text: row.text ?? '' };
}

function answerColumns(answer: Answer) {
  return {
    scaleValue: answer.kind === 'scale' ? answer.value : null,
    choice: answer.kind === 'choice' ? answer.option : null,
    text: answer.kind === 'text' ? answer.text : null,
    skipped: answer.kind === 'skip',
  };
}

type AttemptRow = {
  id: string;
  participantId: string;
  questionnaireKey: string;
  occasionKey: string;
  status: string;
  currentIndex: number;
  submittedAt: Date | null;
  answers: AnswerRow[];
};

function toAttempt(row: AttemptRow): Attempt {
  return {
    id: row.id,
    participantId: row.participantId,
    questionnaireKey: row.questionnaireKey,
    occasionKey: row.occasionKey,
    status: (row.status === 'closed' ? 'submitted' : row.status) as SessionStatus,
    index: row.currentIndex,
    submittedAt: row.submittedAt,
    answers: new Map(row.answers.map((a) => [a.questionKey, toAnswer(a)])),
  };
}

const withAnswers = { answers: true } as const;

export function prismaMaturity(prisma: Prisma): MaturityStore {
  return {
    async cohortPeople(cohortId) {
      const cohort = await prisma.cohort.findUniqueOrThrow({
        where: { id: cohortId },
        select: {
          program: { select: { source: true } },
          participants: { where: { roles: { some: { role: 'participant' } } }, select: { id: true, displayName: true }, orderBy: { displayName: 'asc' } },
          groups: { select: { name: true, members: { select: { participantId: true } } }, orderBy: { key: 'asc' } },
        },
      });
      return {
        participants: cohort.participants.map((p) => ({ id: p.id, name: p.displayName })),
        groups: cohort.groups.map((g) => ({ name: g.name, memberIds: g.members.map((m) => m.participantId) })),
        minGroupSize: minGroupSizeOf(cohort.program.source),
      };
    },

    async occasionsOf(programId) {
      const program = await prisma.program.findUnique({ where: { id: programId }, select: { questionnaires: true } });
      const list = Array.isArray(program?.questionnaires) ? (program.questionnaires as Record<string, string>[]) : [];
      return list.map<Occasion>((o) => ({
        questionnaireKey: o.questionnaireKey ?? '',
        questionnaire: o.questionnaire ?? 'default',
        key: o.key ?? '',
        title: o.title ?? '',
        opensAt: new Date(o.opensAt ?? 0),
        closesAt: new Date(o.closesAt ?? 0),
      }));
    },

    async attempt(participantId, questionnaireKey, occasionKey) {
      const row = await prisma.questionnaireAttempt.findUnique({
        where: { participantId_questionnaireKey_occasionKey: { participantId, questionnaireKey, occasionKey } },
        include: withAnswers,
      });
      return row ? toAttempt(row) : undefined;
    },

    async byId(attemptId) {
      if (!/^[0-9a-f-]{36}$/i.test(attemptId)) return undefined;
      const row = await prisma.questionnaireAttempt.findUnique({ where: { id: attemptId }, include: withAnswers });
      return row ? toAttempt(row) : undefined;
    },

    async active(participantId) {
      // Asked on every typed message, and nearly always answered "none": a plain statement
      // says so first (a quarter of the cost of the query with its answers).
      const open = await prisma.$queryRaw<unknown[]>`
        SELECT 1 FROM "QuestionnaireAttempt" WHERE "participantId" = ${participantId}::uuid AND "status" = 'in_progress' LIMIT 1`;
      if (open.length === 0) return undefined;
      const row = await prisma.questionnaireAttempt.findFirst({ where: { participantId, status: 'in_progress' }, orderBy: { startedAt: 'desc' }, include: withAnswers });
      return row ? toAttempt(row) : undefined;
    },

    async start(participantId, questionnaireKey, occasionKey, at) {
      await prisma.questionnaireAttempt.createMany({ data: [{ participantId, questionnaireKey, occasionKey, startedAt: at }], skipDuplicates: true });
      const row = await prisma.questionnaireAttempt.findUniqueOrThrow({
        where: { participantId_questionnaireKey_occasionKey: { participantId, questionnaireKey, occasionKey } },
        include: withAnswers,
      });
      return toAttempt(row);
    },

    async save(attempt, next, answered, at) {
      return prisma.$transaction(async (tx) => {
        const moved = await tx.questionnaireAttempt.updateMany({
          where: { id: attempt.id, currentIndex: attempt.index, status: attempt.status },
          data: { currentIndex: next.index, status: next.status, submittedAt: next.status === 'submitted' ? at : undefined },
        });
        if (moved.count !== 1) return false;
        if (answered) {
          const columns = { ...answerColumns(answered.answer), answeredAt: at };
          await tx.questionnaireAnswer.upsert({
            where: { attemptId_questionKey: { attemptId: attempt.id, questionKey: answered.key } },
            create: { attemptId: attempt.id, questionKey: answered.key, ...columns },
            update: columns,
          });
        }
        return true;
      });
    },

    async submitted(participantId, questionnaireKey) {
      const rows = await prisma.questionnaireAttempt.findMany({ where: { participantId, questionnaireKey, status: 'submitted' }, orderBy: { submittedAt: 'asc' }, include: withAnswers });
      return rows.map(toAttempt);
    },

    async cohortAttempts(cohortId, questionnaireKey) {
      const rows = await prisma.questionnaireAttempt.findMany({ where: { questionnaireKey, participant: { cohortId } }, include: withAnswers });
      return rows.map(toAttempt).map(({ participantId, occasionKey, status, answers }) => ({ participantId, occasionKey, status, answers }));
    },
  };
}
