// Matrix for the contract: the real adapter on matrix-js-sdk, syncing with the fake
// homeserver over HTTP on 127.0.0.1. A person writes in their direct room, or mentions
// kohort in a cohort's room; a typed number answers what kohort last offered, which the
// core's typed fallback turns into the click — here the adapter's own part ends at the
// neutral message. Refusals are the homeserver's error codes.
import { startMatrix } from '../../../adapters/matrix/matrix-app.js';
import { MATRIX_LIMITS } from '../../../adapters/matrix/limits.js';
import { MATRIX_HTML_TAGS } from '../../../adapters/matrix/render.js';
import { SdkHomeserver } from '../../../adapters/matrix/sdk-client.js';
import type { DeliveryFailure } from '../../../src/core/errors.js';
import type { InboundEvent, InboundEventType } from '../../../src/core/events.js';
import { createLogger } from '../../../src/core/logger.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { FakeHomeserver, REFUSALS, SERVER } from '../../helpers/fake-homeserver.js';
import type { AdapterFixture, AdapterHarness, Delivery } from '../adapter-contract.js';
import { RecordingSink } from './sink.js';

const INBOUND = ['message', 'command', 'unsupported'] as const satisfies readonly InboundEventType[];
const PERSON = `@anna:${SERVER}`;
const OTHER = `@erik:${SERVER}`;

export const matrixHarness: AdapterHarness = {
  name: 'Matrix',
  inboundTypes: INBOUND,
  failureKinds: Object.keys(REFUSALS) as DeliveryFailure[],
  async start(): Promise<AdapterFixture> {
    const hs = await new FakeHomeserver().start();
    const clock = new FakeClock(new Date());
    hs.now = () => clock.now().getTime();
    hs.people.add(PERSON);
    // Erik's direct room with kohort (stored from an earlier message), and the cohort's room.
    const storedRoom = hs.createRoom(OTHER);
    hs.inviteBot(storedRoom, OTHER, true);
    const channel = hs.createRoom(OTHER, { others: [PERSON], name: 'Kohorten' });
    hs.inviteBot(channel, OTHER);
    const encryptedRoom = hs.createRoom(PERSON, { encrypted: true });
    hs.inviteBot(encryptedRoom, PERSON, true);

    const sink = new RecordingSink();
    const logger = createLogger('silent');
    const homeserver = new SdkHomeserver({ baseUrl: hs.url, accessToken: hs.token, userId: hs.botId, logger, pollTimeoutMs: 200 });
    const directory = { people: async () => [], channels: async () => [] };
    const running = await startMatrix(homeserver, { homeserverUrl: hs.url, accessToken: hs.token, userId: hs.botId, sendsPerSecond: 1000 }, { sink, clock, logger, directory });
    await hs.waitFor(() => [storedRoom, channel, encryptedRoom].every((r) => hs.membership(r, hs.botId) === 'join'), 'kohort joined the rooms it was invited to');

    const inbound: Record<(typeof INBOUND)[number], () => Promise<InboundEvent>> = {
      message: () => sink.during(async () => hs.say(storedRoom, OTHER, 'status')),
      // A bare mention in a cohort's room asks for help, like a bare slash command.
      command: () => sink.during(async () => hs.say(channel, PERSON, 'kohort', { 'm.mentions': { user_ids: [hs.botId] } })),
      unsupported: () => sink.during(async () => hs.sayEncrypted(encryptedRoom, PERSON)),
    };

    return {
      adapter: running.adapter,
      person: { platform: 'matrix', userId: PERSON },
      storedDm: { platform: 'matrix', key: storedRoom, kind: 'dm', reference: { roomId: storedRoom, userId: OTHER } },
      channelId: channel,
      // Anna has no direct room yet: sendToPerson opens one. Its id is known only once it exists.
      conversations: {
        get person() {
          return hs.accountData.get('m.direct') ? ((hs.accountData.get('m.direct') as Record<string, string[]>)[PERSON]?.[0] ?? 'none') : 'none';
        },
        storedDm: storedRoom,
        channel,
      },
      delivered: async () => deliveries(hs),
      inbound,
      failNext(kind) {
        const refusal = REFUSALS[kind as keyof typeof REFUSALS];
        if (!refusal) throw new Error(`Matrix cannot refuse as ${kind}`);
        // A rate refusal is waited out and retried three times; the fourth in a row fails the send.
        hs.refuseNext(refusal, kind === 'rate_limited' ? 4 : 1);
      },
      withinLimits: (delivery) => matrixViolations(delivery.payload as Record<string, unknown>),
      async stop() {
        await running.drain();
        await running.stop();
        await hs.stop();
      },
    };
  },
};

/** kohort's messages as people read them now (edits applied), in every room. */
function deliveries(hs: FakeHomeserver): Delivery[] {
  return hs.roomsWithMessages().flatMap((roomId) =>
    hs.messagesIn(roomId).map((m) => ({
      conversationId: roomId,
      text: String(m.content.body ?? ''),
      messageId: m.eventId,
      ...(m.threadOf ? { threadOf: m.threadOf } : {}),
      payload: m.content,
    })),
  );
}

/** What a Matrix message's content breaks: the event size, an HTML tag outside kohort's set, a missing plain body or mentions. */
export function matrixViolations(content: Record<string, unknown>): string[] {
  const out: string[] = [];
  const bytes = Buffer.byteLength(JSON.stringify(content));
  if (bytes > MATRIX_LIMITS.contentBytes) out.push(`content bytes: ${bytes} > ${MATRIX_LIMITS.contentBytes}`);
  if (typeof content.body !== 'string' || content.body.length === 0) out.push('no plain body');
  if (JSON.stringify(content['m.mentions']) !== '{}') out.push('m.mentions is not empty');
  const html = typeof content.formatted_body === 'string' ? content.formatted_body : '';
  // Text is escaped, so every `<` starts a tag kohort wrote: only its own tags, and no attribute but a link's href.
  for (const [, tag, attributes] of html.matchAll(/<\/?([a-zA-Z0-9]+)([^>]*)>/g)) {
    if (!(MATRIX_HTML_TAGS as readonly string[]).includes(tag!.toLowerCase())) out.push(`HTML tag <${tag}>`);
    for (const [, name] of attributes!.matchAll(/\s([^\s=]+)=/g)) if (!(tag === 'a' && name === 'href')) out.push(`HTML attribute ${name} on <${tag}>`);
  }
  return out;
}
