// A submitted maturity attempt written straight to the database, for tests about what
// facilitators and groups see of the results (not about taking the test).
import type { Database } from '../../src/persistence/database.js';

/** Every leadership statement answered `value`, one governance statement skipped. */
export async function submittedAttempt(db: Database, key: string, occasionKey: string, value: number, at: Date): Promise<void> {
  const person = await db.prisma.participant.findFirstOrThrow({ where: { key } });
  await db.prisma.questionnaireAttempt.create({
    data: {
      participantId: person.id,
      questionnaireKey: 'mognadstest',
      occasionKey,
      status: 'submitted',
      currentIndex: 30,
      startedAt: at,
      submittedAt: at,
      answers: {
        create: [
          { questionKey: 'le-riktning', scaleValue: value, answeredAt: at },
          { questionKey: 'le-forebild', scaleValue: value, answeredAt: at },
          { questionKey: 'st-agare', skipped: true, answeredAt: at },
        ],
      },
    },
  });
}
