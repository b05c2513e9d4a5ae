// A broadcast row at send time: the message in the recipient's language (a channel gets
// the sender's program's), unless the broadcast was cancelled meanwhile. A broadcast goes
// to thousands with one content, so the broadcast and each language's message are built
// once per outbox batch, not once per recipient. When a batch settles rows, finished
// broadcasts send their report.
import { memoised, type Composer } from '../../application/feature.js';
import type { Ports } from '../../application/ports.js';
import { createSession, localeOf } from '../../application/session.js';
import { DEFAULT_LOCALE, type Locale, type Translator } from '../../i18n/i18n.js';
import { broadcastMessage } from './content.js';
import { reportWhenDone } from './report.js';

type BroadcastComposePorts = Pick<Ports, 'broadcasts' | 'people' | 'reminders' | 'translator' | 'delivery' | 'logger'>;

/** A reader in a language, for a message built once per language and batch. */
const readerIn = (translator: Translator, locale: Locale, now: Date) => createSession({ person: undefined, locale, now, translator });

export const composeBroadcast: Composer<BroadcastComposePorts, 'broadcast'> = {
  async compose(row, context) {
    const { ports, memo, now } = context;
    const id = row.payload.broadcastId;
    // Safe to share within a batch: a broadcast that is sending never goes back to a draft or cancelled.
    const broadcast = await memoised(memo, `broadcast:${id}`, () => ports.broadcasts.byId(id));
    if (!broadcast || broadcast.status !== 'sending') return { skip: 'cancelled' };
    // The recipient comes with the batch's people; a channel reads the sender's program's language.
    const person = row.participantId ? await context.person(row.participantId) : undefined;
    const locale = person ? localeOf(person) : ((await context.person(broadcast.createdById ?? undefined))?.programLocale ?? DEFAULT_LOCALE);
    const msg = await memoised(memo, `broadcast:${id}:${locale}`, () => broadcastMessage(ports, broadcast, readerIn(ports.translator, locale, now)));
    return msg ? { message: msg } : { skip: 'module gone' };
  },
  async settled(rows, ports, now) {
    // Once per batch, not per row: a 5,000-recipient broadcast checks for its end 50 times, not 5,000.
    for (const id of new Set(rows.map((row) => row.payload.broadcastId))) await reportWhenDone(ports, id, now);
  },
};
