// Reminders and module notices, built when they are sent: nothing goes out for an item
// done meanwhile, a module already started, or a person who paused after it was planned.
// A batch's rows are loaded together: its people (by the outbox), the preparations or
// modules in each language they read, and who has done what — three queries however many
// reminders the batch holds.
import { batched, type BatchContext } from '../../application/feature.js';
import type { Ports } from '../../application/ports.js';
import { localeOf } from '../../application/session.js';
import type { Person } from '../../domain/ports.js';
import type { OutboxRow } from '../../domain/outbox.js';
import type { Locale } from '../../i18n/i18n.js';
import { moduleNotice, reminderMessage } from './messages.js';

type ComposePorts = Pick<Ports, 'reminders'>;

/** The rows' recipients, and the languages they read. */
async function recipients(rows: OutboxRow[], context: BatchContext<unknown>): Promise<{ people: ReadonlyMap<string, Person>; locales: Locale[] }> {
  const people = await context.people(rows.flatMap((row) => (row.participantId ? [row.participantId] : [])));
  return { people, locales: [...new Set([...people.values()].map(localeOf))] };
}

/** Not for someone who has paused their reminders until after now. */
const paused = (person: Person, now: Date) => Boolean(person.remindersPausedUntil && now < person.remindersPausedUntil);

export const composeReminder = batched({
  async load(rows: OutboxRow<'reminder'>[], context: BatchContext<ComposePorts>) {
    const { people, locales } = await recipients(rows, context);
    const preparationIds = rows.map((row) => row.payload.preparationId);
    const [preparations, done] = await Promise.all([context.ports.reminders.preparationsIn(preparationIds, locales), context.ports.reminders.doneAmongMany([...people.keys()], preparationIds)]);
    return { preparations, done };
  },
  async decide(row, { preparations, done }, { now, late, sessionFor, person: personOf }) {
    const person = await personOf(row.participantId);
    if (!person) return { skip: 'participant gone' };
    if (paused(person, now)) return { skip: 'paused' };
    const { preparationId, step } = row.payload;
    const session = sessionFor(person);
    const prep = preparations.get(session.locale)?.get(preparationId);
    if (!prep || !prep.tracked) return { skip: 'preparation gone' };
    if (done.get(person.participantId)?.has(prep.id)) return { skip: 'done' };
    return { message: reminderMessage(session, prep, { late, snoozed: step.startsWith('snooze@') }) };
  },
});

export const composeModuleNotice = batched({
  async load(rows: OutboxRow<'module_notice'>[], context: BatchContext<ComposePorts>) {
    const { people, locales } = await recipients(rows, context);
    const modules = await context.ports.reminders.modulesIn(
      rows.map((row) => row.payload.moduleId),
      locales,
    );
    const preparationIds = [...modules.values()].flatMap((byId) => [...byId.values()].flatMap((mod) => mod.preparations.map((p) => p.id)));
    return { modules, done: await context.ports.reminders.doneAmongMany([...people.keys()], preparationIds) };
  },
  async decide(row, { modules, done }, { now, late, sessionFor, person: personOf }) {
    const person = await personOf(row.participantId);
    if (!person) return { skip: 'participant gone' };
    if (paused(person, now)) return { skip: 'paused' };
    const session = sessionFor(person);
    const mod = modules.get(session.locale)?.get(row.payload.moduleId);
    if (!mod || mod.startsAt <= now) return { skip: 'module gone or started' };
    const theirs = done.get(person.participantId) ?? new Set<string>();
    // Only this module's preparations, as when each notice asked for its own.
    return { message: moduleNotice(session, mod, new Set(mod.preparations.map((p) => p.id).filter((id) => theirs.has(id))), late) };
  },
});
