// Reflection questions asked at a set time (`reflectAt` in the program file), besides
// after Done: one outbox row per participant, and at send time only to those who have not
// answered yet and have not paused their reminders.
import { batched, type BatchContext, type Planner } from '../../application/feature.js';
import type { Ports } from '../../application/ports.js';
import { localeOf } from '../../application/session.js';
import type { OutboxRow, PlannedMessage } from '../../domain/outbox.js';
import { reflectionQuestion } from '../shared/reflection-prompt.js';

export const reflectionPlanner: Planner<Pick<Ports, 'reflections' | 'outbox'>> = {
  name: 'reflections',
  async plan(ports, scope, now) {
    const wanted = scope.participantIds ? new Set(scope.participantIds) : undefined;
    const rows: PlannedMessage[] = [];
    for (const prep of await ports.reflections.scheduled(scope.programIds)) {
      if (prep.reflectAt <= now) continue;
      for (const cohort of prep.cohorts) {
        for (const participantId of cohort.participantIds.filter((id) => !wanted || wanted.has(id))) {
          rows.push({
            idempotencyKey: `reflection:${prep.preparationId}:${participantId}`,
            kind: 'reflection',
            cohortId: cohort.cohortId,
            participantId,
            dueAt: prep.reflectAt,
            payload: { preparationId: prep.preparationId },
          });
        }
      }
    }
    return { planned: await ports.outbox.plan(rows), cancelled: 0 };
  },
};

/**
 * At send time: not to someone who paused or has answered already. A batch's answers,
 * questions and preparation titles are read in one query each, and who is now awaited to
 * answer is written in one statement before any question goes out (a typed reply answers
 * the question asked). A stop in the middle of the batch leaves the rest awaited, their
 * questions going out with the next attempt; a failed send did the same one row at a time.
 */
export const composeScheduledReflection = batched({
  async load(rows: OutboxRow<'reflection'>[], { ports, people }: BatchContext<Pick<Ports, 'reflections' | 'reminders'>>) {
    const recipients = await people(rows.flatMap((row) => (row.participantId ? [row.participantId] : [])));
    const locales = [...new Set([...recipients.values()].map(localeOf))];
    const preparationIds = rows.map((row) => row.payload.preparationId);
    const [answered, questions, preparations] = await Promise.all([
      ports.reflections.answeredAmong([...recipients.keys()], preparationIds),
      ports.reflections.questionsIn(preparationIds, locales),
      ports.reminders.preparationsIn(preparationIds, locales),
    ]);
    return { answered, questions, preparations };
  },
  async decide(row, { answered, questions: questionsIn, preparations }, { now, person: personOf, sessionFor }) {
    const { preparationId } = row.payload;
    const person = await personOf(row.participantId);
    if (!person) return { skip: 'no recipient' };
    if (person.remindersPausedUntil && person.remindersPausedUntil > now) return { skip: 'paused' };
    if (answered.get(person.participantId)?.has(preparationId)) return { skip: 'answered' };
    const session = sessionFor(person);
    const questions = questionsIn.get(session.locale)?.get(preparationId) ?? [];
    const prep = preparations.get(session.locale)?.get(preparationId);
    if (!prep || questions.length === 0) return { skip: 'no questions' };
    return { message: reflectionQuestion(session, { preparationId, title: prep.title, questions }, 0) };
  },
  async beforeSend(composed, ports, now) {
    await ports.reflections.setAwaitedMany(
      composed.flatMap(({ row }) => (row.participantId ? [{ participantId: row.participantId, preparationId: row.payload.preparationId, index: 0 }] : [])),
      now,
    );
  },
});
