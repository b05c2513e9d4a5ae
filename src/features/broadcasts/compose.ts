// A broadcast row at send time: the message in the recipient's language (a channel gets
// the sender's program's), unless the broadcast was cancelled meanwhile. A broadcast goes
// to thousands with one content, so the broadcast and each language's message are built
// once per outbox batch, not once per recipient. When a batch settles rows, finished
// broadcasts send their report.
import { memoised, type Composer } from '../../application/feature.js';
import type { Ports } from '../../application/ports.js';
import { broadcastMessage } from './content.js';
import { reportWhenDone } from './report.js';

type BroadcastComposePorts = Pick<Ports, 'broadcasts' | 'people' | 'reminders' | 'translator' | 'delivery' | 'logger'>;

export const composeBroadcast: Composer<BroadcastComposePorts, 'broadcast'> = {
  async compose(row, { ports, memo }) {
    const id = row.payload.broadcastId;
    // Safe to share within a batch: a broadcast that is sending never goes back to a draft or cancelled.
    const broadcast = await memoised(memo, `broadcast:${id}`, () => ports.broadcasts.byId(id));
    if (!broadcast || broadcast.status !== 'sending') return { skip: 'cancelled' };
    const person = row.participantId ? await ports.people.findById(row.participantId) : undefined;
    const locale = person
      ? (person.locale ?? person.programLocale)
      : ((await memoised(memo, `person:${broadcast.createdById}`, () => ports.people.findById(broadcast.createdById)))?.programLocale ?? 'sv');
    const msg = await memoised(memo, `broadcast:${id}:${locale}`, () => broadcastMessage(ports, broadcast, locale));
    return msg ? { message: msg } : { skip: 'module gone' };
  },
  async settled(rows, ports, now) {
    // Once per batch, not per row: a 5,000-recipient broadcast checks for its end 50 times, not 5,000.
    for (const id of new Set(rows.map((row) => row.payload.broadcastId))) await reportWhenDone(ports, id, now);
  },
};
