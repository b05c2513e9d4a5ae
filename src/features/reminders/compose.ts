// Reminders and module notices, built when they are sent: nothing goes out for an item
// done meanwhile, a module already started, or a person who paused after it was planned.
import type { ClaimedMessage } from '../../domain/outbox.js';
import type { Services } from '../context.js';
import { memoised, type ComposeMemo, type Composed } from '../outbox-compose.js';
import { moduleNotice, reminderMessage, voiceOf } from './messages.js';

export async function composeReminder(services: Services, row: ClaimedMessage, now: Date, late: boolean, memo?: ComposeMemo): Promise<Composed> {
  const person = row.participantId ? await services.people.findById(row.participantId) : undefined;
  if (!person) return { skip: 'participant gone' };
  if (person.remindersPausedUntil && now < person.remindersPausedUntil) return { skip: 'paused' };
  const voice = voiceOf(person, services.translator.t);

  if (row.kind === 'module_notice') {
    const moduleId = String(row.payload.moduleId ?? '');
    const mod = await memoised(memo, `module:${moduleId}`, () => services.reminders.module(moduleId));
    if (!mod || mod.startsAt <= now) return { skip: 'module gone or started' };
    const done = await services.reminders.doneAmong(person.participantId, mod.preparations.map((p) => p.id));
    return { message: moduleNotice(voice, mod, done, late) };
  }

  const preparationId = String(row.payload.preparationId ?? '');
  const prep = await memoised(memo, `preparation:${preparationId}`, () => services.reminders.preparation(preparationId));
  if (!prep || !prep.tracked) return { skip: 'preparation gone' };
  if ((await services.reminders.doneAmong(person.participantId, [prep.id])).size > 0) return { skip: 'done' };
  const snoozed = String(row.payload.step ?? '').startsWith('snooze@');
  return { message: reminderMessage(voice, prep, { late, snoozed }) };
}
