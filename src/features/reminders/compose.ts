// What the outbox worker sends for a claimed row. Reminders and notices are built at send
// time from the current state: an item done meanwhile, or a pause that began after the
// row was planned, means nothing is sent (the row is cancelled with that reason).
import type { ClaimedMessage } from '../../domain/outbox.js';
import type { Message } from '../../ui/model.js';
import type { Services } from '../context.js';
import { composeFollowUp } from '../commitments/compose-follow-up.js';
import { moduleNotice, reminderMessage, voiceOf } from './messages.js';

export type Composed = { message: Message } | { skip: string };

/** Lookups shared by the rows of one tick (a thousand reminders often name one preparation). */
export type ComposeMemo = Map<string, Promise<unknown>>;

function memoised<T>(memo: ComposeMemo | undefined, key: string, load: () => Promise<T>): Promise<T> {
  if (!memo) return load();
  const found = memo.get(key) as Promise<T> | undefined;
  if (found) return found;
  const loading = load();
  memo.set(key, loading);
  return loading;
}

export async function composeOutbound(services: Services, row: ClaimedMessage, now: Date, late: boolean, memo?: ComposeMemo): Promise<Composed> {
  if (row.kind === 'follow_up') return composeFollowUp(services, row, now);
  if (row.kind !== 'reminder' && row.kind !== 'module_notice') {
    const msg = row.payload.message as Message | undefined;
    return msg ? { message: msg } : { skip: 'nothing to send' };
  }
  const participantId = row.participantId;
  const person = participantId ? await services.people.findById(participantId) : undefined;
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
