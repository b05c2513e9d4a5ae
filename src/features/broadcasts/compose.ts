// A broadcast row at send time: the message in the recipient's language (a channel gets
// the program's), unless the broadcast was cancelled meanwhile.
import type { ClaimedMessage } from '../../domain/outbox.js';
import type { Composed } from '../outbox-compose.js';
import type { Services } from '../context.js';
import { broadcastMessage } from './content.js';

export async function composeBroadcast(services: Services, row: ClaimedMessage): Promise<Composed> {
  const broadcast = typeof row.payload.broadcastId === 'string' ? await services.broadcasts.byId(row.payload.broadcastId) : undefined;
  if (!broadcast || broadcast.status !== 'sending') return { skip: 'cancelled' };
  const person = row.participantId ? await services.people.findById(row.participantId) : undefined;
  const sender = await services.people.findById(broadcast.createdById);
  const locale = person ? (person.locale ?? person.programLocale) : (sender?.programLocale ?? 'sv');
  const msg = await broadcastMessage(services, broadcast, locale);
  return msg ? { message: msg } : { skip: 'module gone' };
}
