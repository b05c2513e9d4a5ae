// The follow-up question, built when it is sent: nothing goes out for a commitment that was
// withdrawn, finished or dropped meanwhile, and the second nudge only if no answer came.
import type { ClaimedMessage } from '../../domain/outbox.js';
import type { Services } from '../context.js';
import type { Composed } from '../outbox-compose.js';
import { voiceOf } from '../reminders/messages.js';
import { followUpCard } from './cards.js';

export async function composeFollowUp(services: Services, row: ClaimedMessage, now: Date): Promise<Composed> {
  const c = await services.commitments.byId(String(row.payload.commitmentId ?? ''));
  if (!c || c.status === 'withdrawn' || c.status === 'done' || c.status === 'dropped') return { skip: 'commitment closed' };
  const windowStart = new Date(String(row.payload.windowStart ?? now.toISOString()));
  if (c.lastCheckIn && c.lastCheckIn.answeredAt >= windowStart) return { skip: 'answered' };
  const person = await services.people.findById(c.participantId);
  if (!person) return { skip: 'participant gone' };
  const voice = voiceOf(person, services.translator.t);
  return { message: followUpCard(voice.t, c, row.payload.nudge === true) };
}
