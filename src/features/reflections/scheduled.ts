// Reflection questions asked at a set time (`reflectAt` in the program file), besides
// after Done: one outbox row per participant, and at send time only to those who have not
// answered yet and have not paused their reminders.
import type { Composer, Planner } from '../../application/feature.js';
import type { Ports } from '../../application/ports.js';
import type { PlannedMessage } from '../../domain/outbox.js';
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

export const composeScheduledReflection: Composer<Pick<Ports, 'people' | 'reflections' | 'reminders'>, 'reflection'> = {
  async compose(row, { ports, now, sessionFor }) {
    const { preparationId } = row.payload;
    const person = row.participantId ? await ports.people.findById(row.participantId) : undefined;
    if (!person) return { skip: 'no recipient' };
    if (person.remindersPausedUntil && person.remindersPausedUntil > now) return { skip: 'paused' };
    if (await ports.reflections.answeredAny(person.participantId, preparationId)) return { skip: 'answered' };
    const session = sessionFor(person);
    const [questions, prep] = await Promise.all([ports.reflections.questions(preparationId, session.locale), ports.reminders.preparation(preparationId, session.locale)]);
    if (!prep || questions.length === 0) return { skip: 'no questions' };
    // A typed reply to this message answers its first question.
    await ports.reflections.setAwaited(person.participantId, { preparationId, index: 0 }, now);
    return { message: reflectionQuestion(session, { preparationId, title: prep.title, questions }, 0) };
  },
};
