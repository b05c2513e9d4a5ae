// A broadcast row at send time: the message in the recipient's language (a channel gets
// the program's), unless the broadcast was cancelled meanwhile. A broadcast goes to
// thousands with one content, so the broadcast and each language's message are built
// once per outbox batch, not once per recipient.
import type { ClaimedMessage } from '../../domain/outbox.js';
import { memoised, type ComposeMemo, type Composed } from '../outbox-compose.js';
import type { Services } from '../context.js';
import { broadcastMessage } from './content.js';

export async function composeBroadcast(services: Services, row: ClaimedMessage, memo?: ComposeMemo): Promise<Composed> {
  const id = typeof row.payload.broadcastId === 'string' ? row.payload.broadcastId : '';
  // Safe to share within a batch: a broadcast that is sending never goes back to a draft or cancelled.
  const broadcast = await memoised(memo, `broadcast:${id}`, () => services.broadcasts.byId(id));
  if (!broadcast || broadcast.status !== 'sending') return { skip: 'cancelled' };
  const person = row.participantId ? await services.people.findById(row.participantId) : undefined;
  const locale = person ? (person.locale ?? person.programLocale) : ((await memoised(memo, `person:${broadcast.createdById}`, () => services.people.findById(broadcast.createdById)))?.programLocale ?? 'sv');
  const msg = await memoised(memo, `broadcast:${id}:${locale}`, () => broadcastMessage(services, broadcast, locale));
  return msg ? { message: msg } : { skip: 'module gone' };
}
