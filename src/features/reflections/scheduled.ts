// Reflection questions asked at a set time (`reflectAt` in the program file), besides
// after Done: one outbox row per participant, and at send time only to those who have not
// answered yet and have not paused their reminders.
import type { PlannedMessage, ClaimedMessage, OutboxStore } from '../../domain/outbox.js';
import type { ReflectionStore } from '../../domain/ports.js';
import type { Composed } from '../outbox-compose.js';
import type { Services } from '../context.js';
import { questionMessage } from './reflect.js';

/** `onlyFor`: plan for these participants only (someone who just joined), not the whole program. */
export async function replanReflections(stores: { reflections: ReflectionStore; outbox: OutboxStore }, programIds: string[] | undefined, now: Date, onlyFor?: string[]): Promise<number> {
  const wanted = onlyFor ? new Set(onlyFor) : undefined;
  const rows: PlannedMessage[] = [];
  for (const prep of await stores.reflections.scheduled(programIds)) {
    if (prep.reflectAt <= now) continue;
    for (const cohort of prep.cohorts) {
      for (const participantId of cohort.participantIds.filter((id) => !wanted || wanted.has(id))) {
        rows.push({ idempotencyKey: `reflection:${prep.preparationId}:${participantId}`, kind: 'reflection', cohortId: cohort.cohortId, participantId, dueAt: prep.reflectAt, payload: { preparationId: prep.preparationId } });
      }
    }
  }
  return stores.outbox.plan(rows);
}

export async function composeScheduledReflection(services: Services, row: ClaimedMessage, now: Date): Promise<Composed> {
  const preparationId = String(row.payload.preparationId ?? '');
  const person = row.participantId ? await services.people.findById(row.participantId) : undefined;
  if (!person) return { skip: 'no recipient' };
  if (person.remindersPausedUntil && person.remindersPausedUntil > now) return { skip: 'paused' };
  if (await services.reflections.answeredAny(person.participantId, preparationId)) return { skip: 'answered' };
  const [questions, prep] = await Promise.all([services.reflections.questions(preparationId), services.reminders.preparation(preparationId)]);
  if (!prep || questions.length === 0) return { skip: 'no questions' };
  const locale = person.locale ?? person.programLocale;
  return { message: questionMessage((key, params) => services.translator.t(locale, key, params), { preparationId, title: prep.title, questions }, 0) };
}
