// Slack for the contract: the real Bolt receiver (startSlack) mounted on kohort's HTTP
// server, against the fake Slack Web API. Inbound requests are the recorded payloads of
// test/fixtures/slack, re-signed with a fresh timestamp (Slack's signature covers it, so
// this needs the real time; the adapter's own clock is fake so rate-limit waits are instant).
import { startSlack } from '../../../adapters/slack/slack-app.js';
import { SLACK_LIMITS as L } from '../../../adapters/slack/limits.js';
import { renderFormModal } from '../../../adapters/slack/render.js';
import type { DeliveryFailure } from '../../../src/core/errors.js';
import type { ConversationRef, InboundEvent, InboundEventType } from '../../../src/core/events.js';
import { createLogger } from '../../../src/core/logger.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { deliver, FakeSlack, interactiveBody } from '../../helpers/fake-slack.js';
import { fixture } from '../../helpers/slack-kohort.js';
import type { AdapterFixture, AdapterHarness, Delivery } from '../adapter-contract.js';
import { serve } from './http.js';
import { RecordingSink } from './sink.js';

const SECRET = 'contract-signing-secret';
const INBOUND = ['message', 'command', 'action', 'form', 'installed', 'home_opened'] as const satisfies readonly InboundEventType[];

/** How Slack says each kind (error codes from its Web API reference; 429 past kohort's three waits). */
const REFUSALS: Record<DeliveryFailure, { status: 200; error: string } | { status: 429; retryAfter: number }> = {
  unreachable: { status: 200, error: 'is_archived' },
  forbidden: { status: 200, error: 'not_in_channel' },
  not_found: { status: 200, error: 'channel_not_found' },
  rejected: { status: 200, error: 'invalid_blocks' },
  unauthorized: { status: 200, error: 'token_revoked' },
  rate_limited: { status: 429, retryAfter: 1 },
  transient: { status: 200, error: 'service_unavailable' },
};
/** SlackApi waits out a 429 three times, so four in a row are needed to make it give up. */
const ATTEMPTS_PER_SEND = 4;

export const slackHarness: AdapterHarness = {
  name: 'Slack',
  inboundTypes: INBOUND,
  failureKinds: Object.keys(REFUSALS) as DeliveryFailure[],
  async start(): Promise<AdapterFixture> {
    const fake = await new FakeSlack().start();
    for (const id of ['W111', 'UCJ0BJ4MP', 'userId', 'testUserId', 'UPERSON']) fake.addUser({ id, name: `Person ${id}`, locale: 'en-GB' });
    const sink = new RecordingSink();
    const running = await startSlack(
      { botToken: 'xoxb-contract', signingSecret: SECRET, apiUrl: fake.apiUrl, minIntervalMs: 0 },
      { sink, clock: new FakeClock(new Date('2026-11-23T08:00:00Z')), logger: createLogger('silent') },
    );
    const server = await serve(running.routes);
    const refused: { from: number; count: number }[] = [];
    let seq = 0;

    const signed = (body: string, contentType?: 'application/x-www-form-urlencoded') => () =>
      deliver(server.url, body, { secret: SECRET, ...(contentType ? { contentType } : {}) }).then(({ status }) => {
        if (status !== 200) throw new Error(`Slack's request was answered ${status}`);
      });
    const event = (body: string) => sink.during(signed(body));
    const interactive = (body: string) => sink.during(signed(body, 'application/x-www-form-urlencoded'));
    /** A fresh event id per delivery, as Slack sends one. */
    const fresh = (name: string, patch: (body: Record<string, any>) => void = () => {}) => {
      const body = JSON.parse(fixture(name)) as Record<string, any>;
      body.event_id = `Ev-contract-${(seq += 1)}`;
      patch(body);
      return JSON.stringify(body);
    };
    const localResponseUrl = (raw: string) => raw.replace(/https%3A%2F%2Fhooks\.slack\.com%2F(?:(?!%22)[^&"])+/g, encodeURIComponent(fake.responseUrl(`r${(seq += 1)}`)));

    const inbound: Record<(typeof INBOUND)[number], () => Promise<InboundEvent>> = {
      message: () => event(fresh('MessageBody.json')),
      command: () => interactive(localResponseUrl(fixture('SlashCommandBody.txt'))),
      action: () => interactive(localResponseUrl(fixture('BlockActionsBody.txt'))),
      form: () => interactive(interactiveBody(formSubmission())),
      // Slack says "installed" by opening the Messages tab the first time, and "home" with the Home tab.
      installed: () => event(fresh('app_home_opened.json')),
      home_opened: () => event(fresh('app_home_opened.json', (b) => (b.event.tab = 'home'))),
    };

    return {
      adapter: running.adapter,
      person: { platform: 'slack', userId: 'UPERSON', tenantId: 'T111' },
      storedDm: storedDm('DSTORED'),
      channelId: 'C111',
      // conversations.open on the fake answers D-<user>, as Slack answers the DM's channel id.
      conversations: { person: 'D-UPERSON', storedDm: 'DSTORED', channel: 'C111' },
      delivered: async () => deliveries(fake, refused),
      inbound,
      failNext(kind) {
        const count = kind === 'rate_limited' ? ATTEMPTS_PER_SEND : 1;
        refused.push({ from: fake.callsOf('chat.postMessage').length, count });
        fake.script('chat.postMessage', REFUSALS[kind], count);
      },
      withinLimits: (delivery) => slackViolations(delivery.payload as Record<string, unknown>),
      async stop() {
        await running.drain();
        await running.stop();
        await server.close();
        await fake.stop();
      },
    };
  },
};

function storedDm(channel: string): ConversationRef {
  return { platform: 'slack', key: channel, kind: 'dm', reference: { channel, team: 'T111' } };
}

/** The recorded view_submission, submitted in the modal kohort opens for a form button. */
function formSubmission(): Record<string, any> {
  const body = JSON.parse(fixture('view_submission.json')) as Record<string, any>;
  const modal = renderFormModal(
    { formId: 'contract.form', inputId: 'reflection', label: 'Your reflection', submitLabel: 'Send', cancelLabel: 'Cancel' },
    { formId: 'contract.form', inputId: 'reflection', channel: 'D111', kind: 'dm' },
  );
  const input = modal.blocks[0] as { block_id: string; element: { action_id: string } };
  Object.assign(body.view, { callback_id: modal.callback_id, private_metadata: modal.private_metadata, blocks: modal.blocks });
  body.view.state.values = { [input.block_id]: { [input.element.action_id]: { type: 'plain_text_input', value: 'It went well' } } };
  return body;
}

/**
 * Messages Slack accepted, with each update applied. The fake numbers ts 1700000000.NNNNNN
 * in the order it accepts posts, ephemeral posts and upload tickets; refusals the harness
 * scripted take no number. A change there makes the message ids disagree, loudly.
 */
function deliveries(fake: FakeSlack, refused: { from: number; count: number }[]): Delivery[] {
  const out: Delivery[] = [];
  let next = 1;
  let posts = 0;
  for (const call of fake.calls) {
    const args = call.args;
    if (call.method === 'chat.postMessage') {
      const index = posts++;
      if (refused.some((r) => index >= r.from && index < r.from + r.count)) continue;
      const ts = `1700000000.${String(next++).padStart(6, '0')}`;
      out.push({ conversationId: String(args.channel), text: slackText(args), messageId: ts, payload: args, ...(args.thread_ts ? { threadOf: String(args.thread_ts) } : {}) });
    } else if (call.method === 'chat.postEphemeral' || call.method === 'files.getUploadURLExternal') {
      next += 1;
    } else if (call.method === 'chat.update') {
      const target = out.find((d) => d.conversationId === args.channel && d.messageId === args.ts);
      if (target) Object.assign(target, { text: slackText(args), payload: { ...args, thread_ts: (target.payload as Record<string, unknown>).thread_ts } });
    }
  }
  return out;
}

/** What a person reads: every text object in the blocks (or the fallback text), Slack's escapes undone. */
function slackText(args: Record<string, unknown>): string {
  const texts: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if ((o.type === 'plain_text' || o.type === 'mrkdwn') && typeof o.text === 'string') texts.push(o.text);
    if (o.type === 'image' && typeof o.alt_text === 'string') texts.push(o.alt_text);
    for (const value of Object.values(o)) visit(value);
  };
  visit(args.blocks);
  const shown = texts.length > 0 ? texts.join('\n') : String(args.text ?? '');
  return shown.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Every published Block Kit limit (adapters/slack/limits.ts) the payload breaks. */
export function slackViolations(args: Record<string, unknown>): string[] {
  const out: string[] = [];
  const max = (what: string, actual: number, limit: number) => {
    if (actual > limit) out.push(`${what}: ${actual} > ${limit}`);
  };
  const blocks = (args.blocks ?? []) as Record<string, any>[];
  max('blocks in the message', blocks.length, L.blocksPerMessage);
  max('fallback text', String(args.text ?? '').length, L.fallbackText);
  const blockIds = blocks.map((b) => b.block_id).filter(Boolean);
  if (new Set(blockIds).size !== blockIds.length) out.push('block_id not unique in the message');
  const element = (at: string, e: Record<string, any>) => {
    max(`${at} action_id`, String(e.action_id ?? '').length, L.actionId);
    if (e.type === 'button') {
      max(`${at} button text`, e.text.text.length, L.buttonText);
      max(`${at} button value`, String(e.value ?? '').length, L.buttonValue);
    }
    if (e.type === 'static_select') {
      max(`${at} select placeholder`, e.placeholder.text.length, L.selectPlaceholder);
      max(`${at} select options`, e.options.length, L.selectOptions);
      for (const o of e.options as Record<string, any>[]) {
        max(`${at} option text`, o.text.text.length, L.optionText);
        max(`${at} option value`, o.value.length, L.optionValue);
      }
    }
  };
  blocks.forEach((b, i) => {
    const at = `block ${i} (${b.type})`;
    if (b.block_id) max(`${at} block_id`, b.block_id.length, L.blockId);
    if (b.type === 'header') max(`${at} text`, b.text.text.length, L.headerText);
    if (b.type === 'section') {
      if (b.text) max(`${at} text`, b.text.text.length, L.sectionText);
      if (b.fields) {
        max(`${at} fields`, b.fields.length, L.fieldsPerSection);
        for (const field of b.fields) max(`${at} field text`, field.text.length, L.fieldText);
      }
      if (b.accessory) element(at, b.accessory);
    }
    if (b.type === 'context') {
      max(`${at} elements`, b.elements.length, L.contextElements);
      for (const e of b.elements) max(`${at} text`, String(e.text ?? '').length, L.contextText);
    }
    if (b.type === 'actions') {
      max(`${at} elements`, b.elements.length, L.actionsElements);
      const ids = (b.elements as Record<string, any>[]).map((e) => e.action_id);
      if (new Set(ids).size !== ids.length) out.push(`${at}: action_id not unique in the block`);
      for (const e of b.elements) element(at, e);
    }
    if (b.type === 'image') {
      max(`${at} image_url`, b.image_url.length, L.imageUrl);
      max(`${at} alt_text`, b.alt_text.length, L.imageAltText);
    }
  });
  return out;
}
