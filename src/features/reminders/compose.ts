// Reminders and module notices, built when they are sent: nothing goes out for an item
// done meanwhile, a module already started, or a person who paused after it was planned.
import { memoised, type Composer } from '../../application/feature.js';
import type { Ports } from '../../application/ports.js';
import { moduleNotice, reminderMessage } from './messages.js';

type ComposePorts = Pick<Ports, 'people' | 'reminders'>;

export const composeReminder: Composer<ComposePorts, 'reminder'> = {
  async compose(row, { ports, now, late, memo, sessionFor }) {
    const person = row.participantId ? await ports.people.findById(row.participantId) : undefined;
    if (!person) return { skip: 'participant gone' };
    if (person.remindersPausedUntil && now < person.remindersPausedUntil) return { skip: 'paused' };
    const { preparationId, step } = row.payload;
    const session = sessionFor(person);
    // Memoised per language: one batch reminds many people of one item, in two languages at most.
    const prep = await memoised(memo, `preparation:${preparationId}:${session.locale}`, () => ports.reminders.preparation(preparationId, session.locale));
    if (!prep || !prep.tracked) return { skip: 'preparation gone' };
    if ((await ports.reminders.doneAmong(person.participantId, [prep.id])).size > 0) return { skip: 'done' };
    return { message: reminderMessage(session, prep, { late, snoozed: step.startsWith('snooze@') }) };
  },
};

export const composeModuleNotice: Composer<ComposePorts, 'module_notice'> = {
  async compose(row, { ports, now, late, memo, sessionFor }) {
    const person = row.participantId ? await ports.people.findById(row.participantId) : undefined;
    if (!person) return { skip: 'participant gone' };
    if (person.remindersPausedUntil && now < person.remindersPausedUntil) return { skip: 'paused' };
    const { moduleId } = row.payload;
    const session = sessionFor(person);
    const mod = await memoised(memo, `module:${moduleId}:${session.locale}`, () => ports.reminders.module(moduleId, session.locale));
    if (!mod || mod.startsAt <= now) return { skip: 'module gone or started' };
    const done = await ports.reminders.doneAmong(
      person.participantId,
      mod.preparations.map((p) => p.id),
    );
    return { message: moduleNotice(session, mod, done, late) };
  },
};
