// The playground for the contract: LocalAdapter and its in-memory Transcript behind the
// real playground router on kohort's HTTP server. The platform is the web page, so what
// reached it is read back through the page's own API, and what it delivers is posted as
// the page posts it (adapters/local/public/app.js). The playground never refuses a send.
import { randomUUID } from 'node:crypto';
import { dmReference, LocalAdapter } from '../../../adapters/local/local-adapter.js';
import { playgroundRouter } from '../../../adapters/local/routes.js';
import { Transcript, type TranscriptEntry } from '../../../adapters/local/transcript.js';
import type { InboundEvent, InboundEventType } from '../../../src/core/events.js';
import { toPlainText } from '../../../src/ui/plain-text.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import type { AdapterFixture, AdapterHarness, Delivery } from '../adapter-contract.js';
import { serve } from './http.js';
import { RecordingSink } from './sink.js';

const INBOUND = ['message', 'action', 'form'] as const satisfies readonly InboundEventType[];
const PERSON = 'contract-person';
const STORED = 'contract-stored';
const CHANNEL = 'contract-channel';

export const playgroundHarness: AdapterHarness = {
  name: 'Playground',
  inboundTypes: INBOUND,
  failureKinds: [],
  async start(): Promise<AdapterFixture> {
    const clock = new FakeClock(new Date('2026-11-23T08:00:00Z'));
    const transcript = new Transcript(undefined);
    const sink = new RecordingSink();
    const routes = playgroundRouter({ transcript, sink, clock, listPeople: async () => [], listChannels: async () => [], texts: () => ({}) });
    const server = await serve(routes);
    const adapter = new LocalAdapter(transcript, clock);

    /** What the page posts: its user, a fresh event id, and the message, click or form. */
    const post = (body: Record<string, unknown>) =>
      sink.during(async () => {
        const response = await fetch(`${server.url}/playground/api/inbound`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ as: PERSON, name: 'Contract Person', eventId: randomUUID(), ...body }),
        });
        if (response.status !== 200) throw new Error(`the playground answered ${response.status}: ${await response.text()}`);
      });
    const read = async (path: string): Promise<TranscriptEntry[]> => {
      const response = await fetch(`${server.url}/playground/api/${path}/messages`);
      return ((await response.json()) as { messages: TranscriptEntry[] }).messages;
    };

    const inbound: Record<(typeof INBOUND)[number], () => Promise<InboundEvent>> = {
      message: () => post({ kind: 'message', text: 'status' }),
      action: () => post({ kind: 'action', actionId: 'contract.answer', value: 'yes', messageId: randomUUID() }),
      form: () => post({ kind: 'form', formId: 'contract.form', values: { reflection: 'It went well' } }),
    };

    return {
      adapter,
      person: { platform: 'local', userId: PERSON },
      storedDm: dmReference(STORED),
      channelId: CHANNEL,
      conversations: { person: `dm:${PERSON}`, storedDm: `dm:${STORED}`, channel: `channel:${CHANNEL}` },
      async delivered(): Promise<Delivery[]> {
        // The page knows three conversations here (each oldest first); a message sent anywhere else never shows.
        const entries = [...(await read(`conversations/${PERSON}`)), ...(await read(`conversations/${STORED}`)), ...(await read(`channels/${CHANNEL}`))];
        return entries
          .filter((e) => e.from === 'bot' && e.message)
          .map((e) => ({ conversationId: e.conversation, text: toPlainText(e.message!), messageId: e.id, payload: e, ...(e.threadOf ? { threadOf: e.threadOf } : {}) }));
      },
      inbound,
      failNext(kind) {
        throw new Error(`the playground never refuses a send (asked for ${kind})`);
      },
      // A web page has no message limits; the whole message arrives.
      withinLimits: () => [],
      async stop() {
        await server.close();
      },
    };
  },
};
