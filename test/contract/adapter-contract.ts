// The one suite every chat-platform adapter must pass (vercel/chat's connectWebhookContract
// is the model). A platform joins with one harness: it starts the real adapter against a
// stand-in for its platform, says what reached that platform in neutral terms, makes the
// platform deliver each event it can, and makes it refuse a send in each way it can.
// Everything runs over HTTP on 127.0.0.1; nothing of kohort's own is mocked.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelAdapter, PersonTarget, SentMessageRef } from '../../src/core/adapter.js';
import { DeliveryError, type DeliveryFailure } from '../../src/core/errors.js';
import type { ConversationRef, InboundEvent, InboundEventType } from '../../src/core/events.js';
import { header, message, text } from '../../src/ui/model.js';
import { BLOCK_TYPES, EVERY_BLOCK, everyBlockMessage, LARGE_HEADER, largeMessage, manyBlocksMessage } from './messages.js';

/** One message as the platform holds it now (after any update), in neutral terms. */
export interface Delivery {
  /** The platform's id of the conversation it landed in. */
  conversationId: string;
  /** Everything a person can read in it, as plain text (platform escaping undone). */
  text: string;
  /** The platform's id of the message it replies to, when it sits in a thread. */
  threadOf?: string;
  messageId: string;
  /** The payload exactly as the platform received it, for the limit checks. */
  payload: unknown;
}

/** A running adapter and its stand-in platform. */
export interface AdapterFixture {
  adapter: ChannelAdapter;
  /** A person sendToPerson can reach. */
  person: PersonTarget;
  /** A direct conversation as the core stores it from an earlier event, for sendProactive. */
  storedDm: ConversationRef;
  channelId: string;
  /** Where each send must land, in the platform's own conversation ids. */
  conversations: { person: string; storedDm: string; channel: string };
  /** What reached the platform so far, oldest first. */
  delivered(): Promise<Delivery[]>;
  /**
   * For each event type the platform can deliver: makes the platform send a recorded or
   * realistic request through the adapter's real receiving path and resolves with the
   * neutral event the core received.
   */
  inbound: Partial<Record<InboundEventType, () => Promise<InboundEvent>>>;
  /** Makes the platform refuse the next message send in the way that means `kind`. */
  failNext(kind: DeliveryFailure): void;
  /** Every way the payload of `delivery` breaks the platform's published limits (empty: none). */
  withinLimits(delivery: Delivery): string[];
  stop(): Promise<void>;
}

export interface AdapterHarness {
  name: string;
  /** The inbound event types this platform can deliver; start() offers a trigger for each. */
  inboundTypes: readonly InboundEventType[];
  /** The refusals this platform can express; failNext accepts each. */
  failureKinds: readonly DeliveryFailure[];
  start(): Promise<AdapterFixture>;
}

/** Spelled out rather than read from isPermanent, so a wrong table in the core fails here too. */
const PERMANENT: Record<DeliveryFailure, boolean> = { unreachable: true, forbidden: true, not_found: true, rejected: true, unauthorized: false, rate_limited: false, transient: false };

export function adapterContract(harness: AdapterHarness): void {
  describe(`${harness.name} adapter contract`, () => {
    let f: AdapterFixture;
    beforeEach(async () => {
      f = await harness.start();
    });
    afterEach(async () => {
      await f?.stop();
    });

    /** The one delivery holding `ref`'s message: a send must reach the platform exactly once. */
    async function deliveryOf(ref: SentMessageRef): Promise<Delivery> {
      expect(ref.platform).toBe(f.adapter.platform);
      expect(ref.messageId, 'a send returns the platform’s message id').toMatch(/\S/);
      const found = (await f.delivered()).filter((d) => d.messageId === ref.messageId);
      expect(found, `deliveries with message id ${ref.messageId}`).toHaveLength(1);
      return found[0]!;
    }

    describe('capabilities agree with the methods', () => {
      // Both ways: a method without its flag would never be called, a flag without its method would fail.
      it('ephemeral answers if and only if sendEphemeral', () => {
        expect(typeof f.adapter.sendEphemeral === 'function').toBe(f.adapter.capabilities.ephemeral);
      });
      it('a home surface if and only if publishHome', () => {
        expect(typeof f.adapter.publishHome === 'function').toBe(f.adapter.capabilities.home);
      });
      it('message updates if and only if confirmChoice and replaceCard', () => {
        expect(typeof f.adapter.confirmChoice === 'function').toBe(f.adapter.capabilities.messageUpdates);
        expect(typeof f.adapter.replaceCard === 'function').toBe(f.adapter.capabilities.messageUpdates);
      });
    });

    describe('rendering', () => {
      it(`renders a message holding every block type (${BLOCK_TYPES.join(', ')}); its header and text arrive`, async () => {
        const msg = everyBlockMessage();
        expect(new Set(msg.blocks.map((b) => b.type))).toEqual(new Set(BLOCK_TYPES));
        const d = await deliveryOf(await f.adapter.postToChannel(f.channelId, msg));
        expect(d.conversationId).toBe(f.conversations.channel);
        for (const shown of Object.values(EVERY_BLOCK)) expect(d.text).toContain(shown);
        expect(f.withinLimits(d)).toEqual([]);
      });

      it('delivers a very large message within the platform’s limits, its header first', async () => {
        const d = await deliveryOf(await f.adapter.sendProactive(f.storedDm, largeMessage()));
        expect(d.conversationId).toBe(f.conversations.storedDm);
        expect(d.text.trimStart().startsWith(LARGE_HEADER), 'the header leads what arrives').toBe(true);
        expect(f.withinLimits(d)).toEqual([]);
      });

      it('trims a message of many medium blocks to the platform’s limits, its header first', async () => {
        const d = await deliveryOf(await f.adapter.postToChannel(f.channelId, manyBlocksMessage()));
        expect(d.text.trimStart().startsWith(LARGE_HEADER)).toBe(true);
        expect(d.text).toContain('Paragraph 0 lorem');
        expect(f.withinLimits(d)).toEqual([]);
      });
    });

    describe('sending', () => {
      it('sendToPerson arrives in the person’s direct conversation', async () => {
        const ref = await f.adapter.sendToPerson(f.person, message(text('For the person')));
        const d = await deliveryOf(ref);
        expect(d.conversationId).toBe(f.conversations.person);
        expect(ref.conversationKey).toBe(f.conversations.person);
        expect(d.text).toContain('For the person');
      });

      it('postToChannel arrives in the channel, not in a thread', async () => {
        const ref = await f.adapter.postToChannel(f.channelId, message(text('For the channel')));
        const d = await deliveryOf(ref);
        expect(d.conversationId).toBe(f.conversations.channel);
        expect(ref.conversationKey).toBe(f.conversations.channel);
        expect(d.threadOf).toBeUndefined();
        expect(d.text).toContain('For the channel');
      });

      it('sendProactive arrives in the stored direct conversation', async () => {
        const ref = await f.adapter.sendProactive(f.storedDm, message(text('A reminder')));
        const d = await deliveryOf(ref);
        expect(d.conversationId).toBe(f.conversations.storedDm);
        expect(ref.conversationKey).toBe(f.conversations.storedDm);
        expect(d.text).toContain('A reminder');
      });

      it('updateMessage changes what the platform shows for that message, in place', async () => {
        const ref = await f.adapter.sendProactive(f.storedDm, message(header('Before'), text('Original wording')));
        await f.adapter.updateMessage(ref, message(header('After'), text('Updated wording')));
        const d = await deliveryOf(ref);
        expect(d.text).toContain('Updated wording');
        expect(d.text).not.toContain('Original wording');
        expect((await f.delivered()).filter((x) => x.conversationId === f.conversations.storedDm)).toHaveLength(1);
      });

      it('a thread reply arrives as a reply to its parent (capabilities.threads)', async ({ skip }) => {
        if (!f.adapter.capabilities.threads) skip('the platform has no threads');
        const parent = await f.adapter.postToChannel(f.channelId, message(text('Parent post')));
        const reply = await f.adapter.postToChannel(f.channelId, message(text('Thread reply')), { threadOf: parent });
        const d = await deliveryOf(reply);
        expect(d.conversationId).toBe(f.conversations.channel);
        expect(d.threadOf).toBe(parent.messageId);
        expect(d.text).toContain('Thread reply');
        expect((await deliveryOf(parent)).threadOf).toBeUndefined();
      });
    });

    describe('inbound', () => {
      it(`offers a trigger for exactly the declared event types (${harness.inboundTypes.join(', ')})`, () => {
        expect(Object.keys(f.inbound).sort()).toEqual([...harness.inboundTypes].sort());
      });

      for (const type of harness.inboundTypes) {
        it(`${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type} from the platform reaches the core as the neutral ${type} event`, async () => {
          const event = await f.inbound[type]!();
          expect(event.type).toBe(type);
          expect(event.actor.platform).toBe(f.adapter.platform);
          expect(event.actor.userId).toMatch(/\S/);
          expect(event.conversation.platform).toBe(f.adapter.platform);
          expect(event.conversation.key, 'a conversation to answer in').toMatch(/\S/);
          expect(event.eventId, 'an id to drop retries by').toMatch(/\S/);
          expect(event.receivedAt).toBeInstanceOf(Date);
          if (event.type === 'message') expect(event.text).toMatch(/\S/);
          if (event.type === 'command') expect(event.name).toMatch(/\S/);
          if (event.type === 'action') expect(event.actionId).toMatch(/\S/);
          if (event.type === 'form') {
            expect(event.formId).toMatch(/\S/);
            expect(Object.values(event.values).join('')).toMatch(/\S/);
          }
        });
      }
    });

    describe('delivery errors', () => {
      if (harness.failureKinds.length === 0) {
        it('a platform that never refuses loses no send of a burst, nor their order', async () => {
          const refs = [];
          for (let i = 0; i < 20; i += 1) refs.push(await f.adapter.sendProactive(f.storedDm, message(text(`Burst ${i}`))));
          const arrived = (await f.delivered()).filter((d) => d.conversationId === f.conversations.storedDm);
          expect(arrived.map((d) => d.messageId)).toEqual(refs.map((r) => r.messageId));
          expect(arrived.map((d) => d.text)).toEqual(refs.map((_, i) => `Burst ${i}`));
        });
      }
      for (const kind of harness.failureKinds) {
        it(`a send the platform refuses as ${kind} rejects with DeliveryError ${kind}, permanent: ${PERMANENT[kind]}`, async () => {
          f.failNext(kind);
          const error: unknown = await f.adapter.sendProactive(f.storedDm, message(text('Refused'))).then(
            () => undefined,
            (e: unknown) => e,
          );
          expect(error).toBeInstanceOf(DeliveryError);
          expect(error).toMatchObject({ code: 'delivery_failed', kind, permanent: PERMANENT[kind] });
          expect((error as DeliveryError).platformCode, 'the platform’s own code, for the record').toMatch(/\S/);
          // The refusal was for that send alone: the next one goes through.
          const d = await deliveryOf(await f.adapter.sendProactive(f.storedDm, message(text('Accepted'))));
          expect(d.text).toContain('Accepted');
        });
      }
    });
  });
}
