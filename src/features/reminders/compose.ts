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
    const prep = await memoised(memo, `preparation:${preparationId}`, () => ports.reminders.preparation(preparationId));
    if (!prep || !prep.tracked) return { skip: 'preparation gone' };
    if ((await ports.reminders.doneAmong(person.participantId, [prep.id])).size > 0) return { skip: 'done' };
    return { message: reminderMessage(sessionFor(person), prep, { late, snoozed: step.startsWith('snooze@') }) };
  },
};

export const composeModuleNotice: Composer<ComposePorts, 'module_notice'> = {
  async compose(row, { ports, now, late, memo, sessionFor }) {
    const person = row.participantId ? await ports.people.findById(row.participantId) : undefined;
    if (!person) return { skip: 'participant gone' };
    if (person.remindersPausedUntil && now < person.remindersPausedUntil) return { skip: 'paused' };
    const { moduleId } = row.payload;
    const mod = await memoised(memo, `module:${moduleId}`, () => ports.reminders.module(moduleId));
    if (!mod || mod.startsAt <= now) return { skip: 'module gone or started' };
    const done = await ports.reminders.doneAmong(
      person.participantId,
      mod.preparations.map((p) => p.id),
    );
    return { message: moduleNotice(sessionFor(person), mod, done, late) };
  },
};
