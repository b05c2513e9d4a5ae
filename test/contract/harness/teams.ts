// Teams for the contract: botbuilder's CloudAdapter and the teams-ai Application
// (startTeams), unauthenticated as with the Bot Framework Emulator, mounted on kohort's
// HTTP server; replies go to the fake Bot Framework connector at the activity's serviceUrl.
// Inbound activities are the recorded ones of test/fixtures/teams, serviceUrl rewritten.
import { TEAMS_LIMITS as L } from '../../../adapters/teams/limits.js';
import { renderCard } from '../../../adapters/teams/render.js';
import { startTeams } from '../../../adapters/teams/teams-app.js';
import type { DeliveryFailure } from '../../../src/core/errors.js';
import type { InboundEvent, InboundEventType } from '../../../src/core/events.js';
import { createLogger } from '../../../src/core/logger.js';
import { actions, button, message } from '../../../src/ui/model.js';
import { adaptiveCardEvents } from '../../helpers/adaptive-cards.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { FakeConnector } from '../../helpers/fake-connector.js';
import { postActivity, teamsFixture } from '../../helpers/teams-kohort.js';
import type { AdapterFixture, AdapterHarness, Delivery } from '../adapter-contract.js';
import { serve } from './http.js';
import { RecordingSink } from './sink.js';

const INBOUND = ['message', 'action', 'form', 'installed', 'uninstalled'] as const satisfies readonly InboundEventType[];
const TENANT = 'e600d573-4a4a-4352-a3a8-881120c25b4c';
const PERSON = '6d415fdd-f97e-4f70-ac45-e69601e4ecb2';
const CHANNEL = '19:contract-channel@thread.tacv2';
/** Teams addresses a reply in a channel thread as <channel>;messageid=<parent activity id>. */
const THREAD = /^(.*);messageid=(.+)$/;

type Scripted = Parameters<FakeConnector['script']>[0];
/**
 * How the connector says each kind. The connector client retries 429 (after Retry-After)
 * and 5xx itself, three times; four answers in a row make it give up. The fake passes any
 * status through, so 413 is cast past its narrower type.
 */
const REFUSALS: Partial<Record<DeliveryFailure, { answer: Scripted; times: number }>> = {
  forbidden: { answer: { status: 403 }, times: 1 },
  not_found: { answer: { status: 404 }, times: 1 },
  rejected: { answer: { status: 413 } as unknown as Scripted, times: 1 },
  unauthorized: { answer: { status: 401 } as unknown as Scripted, times: 1 },
  rate_limited: { answer: { status: 429, retryAfter: 0 }, times: 4 },
  transient: { answer: { status: 500 }, times: 4 },
};

export const teamsHarness: AdapterHarness = {
  name: 'Teams',
  inboundTypes: INBOUND,
  failureKinds: Object.keys(REFUSALS) as DeliveryFailure[],
  async start(): Promise<AdapterFixture> {
    const connector = await new FakeConnector().start();
    const sink = new RecordingSink();
    const running = startTeams(
      { appType: 'MultiTenant', serviceUrl: connector.url, tenantId: TENANT },
      { sink, clock: new FakeClock(new Date('2026-11-23T08:00:00Z')), logger: createLogger('silent') },
    );
    const server = await serve(running.routes);
    let seq = 0;

    /** A recorded activity with its serviceUrl on the fake and a fresh id, changed by `patch`. */
    const activity = (name: string, patch: (a: Record<string, any>) => void = () => {}) => {
      const a = teamsFixture(name, connector.url);
      a.id = `contract-${(seq += 1)}`;
      patch(a);
      return a;
    };
    const post = (a: Record<string, any>) =>
      sink.during(async () => {
        const { status } = await postActivity(server.url, a);
        if (status !== 200) throw new Error(`the activity was answered ${status}`);
      });
    /** The recorded Action.Execute invoke, carrying `data` as a card kohort rendered would. */
    const execute = (data: Record<string, unknown>) =>
      post(
        activity('adaptive-card-action.activity.json', (a) => {
          a.value = { action: { type: 'Action.Execute', id: '', verb: data.verb, data: data.data }, trigger: 'manual' };
        }),
      );

    const inbound: Record<(typeof INBOUND)[number], () => Promise<InboundEvent>> = {
      message: () => post(activity('message-personal.activity.json', (a) => (a.text = 'status'))),
      action: () => execute(executeOf(message(actions(button('Yes', 'contract.answer', 'yes')))).at(0)!),
      form: () => {
        const submit = executeOf(message({ type: 'input', formId: 'contract.form', inputId: 'reflection', label: 'Your reflection', submitLabel: 'Send', cancelLabel: 'Cancel' })).at(0)!;
        // Teams merges the card's inputs into the action's data.
        return execute({ ...submit, data: { ...(submit.data as object), reflection: 'It went well' } });
      },
      installed: () => post(activity('install-personal.activity.json')),
      uninstalled: () =>
        post(
          activity('install-personal.activity.json', (a) => {
            Object.assign(a, { type: 'installationUpdate', action: 'remove' });
            delete a.membersAdded;
          }),
        ),
    };

    const stored = teamsFixture('adaptive-card-action.activity.json', connector.url);
    return {
      adapter: running.adapter,
      person: { platform: 'teams', userId: PERSON, tenantId: TENANT },
      // What the core stores from an activity in a personal chat (parse.ts: TeamsReference).
      storedDm: {
        platform: 'teams',
        key: stored.conversation.id,
        kind: 'dm',
        reference: {
          serviceUrl: connector.url,
          channelId: 'msteams',
          conversation: { id: stored.conversation.id, conversationType: 'personal', tenantId: TENANT },
          bot: { id: stored.recipient.id, name: stored.recipient.name },
          user: stored.from,
          tenantId: TENANT,
        },
      },
      channelId: CHANNEL,
      // The fake opens a personal chat as a:opened-<member id>.
      conversations: { person: `a:opened-${PERSON}`, storedDm: stored.conversation.id, channel: CHANNEL },
      delivered: async () => deliveries(connector),
      inbound,
      failNext(kind) {
        const refusal = REFUSALS[kind];
        if (!refusal) throw new Error(`Teams cannot refuse as ${kind}`);
        connector.script(refusal.answer, refusal.times);
      },
      withinLimits: (delivery) => teamsViolations(delivery.payload as Record<string, any>),
      async stop() {
        await running.drain();
        await running.stop();
        await server.close();
        await connector.stop();
      },
    };
  },
};

/** The Action.Execute actions of the card kohort renders for `msg`: what a click sends back. */
function executeOf(msg: Parameters<typeof renderCard>[0]): Record<string, unknown>[] {
  return renderCard(msg).body.flatMap((e) => (e.type === 'ActionSet' ? (e.actions as Record<string, unknown>[]) : []));
}

/** Activities the connector accepted, each update applied; refused requests are not messages. */
function deliveries(connector: FakeConnector): Delivery[] {
  const out: Delivery[] = [];
  for (const call of connector.calls) {
    if (call.verb === 'send' && call.conversationId !== 'refused') {
      const thread = THREAD.exec(call.conversationId);
      out.push({
        conversationId: thread ? thread[1]! : call.conversationId,
        ...(thread ? { threadOf: thread[2]! } : {}),
        text: cardText(call.body),
        messageId: call.activityId!,
        payload: call.body,
      });
    } else if (call.verb === 'update') {
      const target = out.find((d) => d.messageId === call.activityId);
      if (target) Object.assign(target, { text: cardText(call.body), payload: call.body });
    }
  }
  return out;
}

/** What a person reads on the card, Markdown escapes undone; a fallback repeats its action, so it is skipped. */
function cardText(activity: Record<string, any>): string {
  const texts: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, any>;
    if (o.type === 'TextBlock') texts.push(o.text);
    if (o.type === 'FactSet') for (const fact of o.facts) texts.push(`${fact.title}: ${fact.value}`);
    if (o.type === 'Image') texts.push(o.altText ?? '');
    if (o.type === 'Input.Text') texts.push(o.label ?? '', o.placeholder ?? '');
    if (o.type === 'Input.ChoiceSet') texts.push(o.placeholder ?? '', ...o.choices.map((c: { title: string }) => c.title));
    if (typeof o.type === 'string' && o.type.startsWith('Action.')) return void texts.push(o.title);
    for (const value of Object.values(o)) visit(value);
  };
  visit(activity.attachments?.map((a: { content: unknown }) => a.content));
  return texts.join('\n').replace(/\\([\\*_[\]()~`>#])/g, '$1');
}

/** Every Teams limit (adapters/teams/limits.ts) the activity breaks. */
export function teamsViolations(activity: Record<string, any>): string[] {
  const out: string[] = [];
  const max = (what: string, actual: number, limit: number) => {
    if (actual > limit) out.push(`${what}: ${actual} > ${limit}`);
  };
  // As Microsoft counts a bot message against its 40 KB: the JSON encoded as UTF-16, two
  // bytes a code unit, Base64 images left out. The renderer budgets the card; the activity
  // around it (summary, ids) must still leave the whole under Teams' limit.
  const bytes = (value: unknown) => JSON.stringify(value).replace(/data:image\/png;base64,[A-Za-z0-9+/=]+/g, '').length * 2;
  for (const attachment of activity.attachments ?? []) max('card bytes (UTF-16)', bytes(attachment.content), L.cardUtf16Bytes);
  max('activity bytes (UTF-16)', bytes(activity), L.activityUtf16Bytes);
  // Microsoft's own library must find nothing wrong with the card (schema 1.5, Teams host config).
  for (const attachment of activity.attachments ?? []) out.push(...adaptiveCardEvents(attachment.content).map((e) => `card: ${e}`));
  const visit = (node: unknown, at: string): void => {
    if (Array.isArray(node)) return node.forEach((n, i) => visit(n, `${at}[${i}]`));
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, any>;
    if (o.type === 'AdaptiveCard' && o.version !== '1.5') out.push(`${at}: card version ${o.version}, not 1.5`);
    if (o.type === 'ActionSet') max(`${at} actions in a set`, o.actions.length, L.actionsPerSet);
    if (o.type === 'Input.ChoiceSet') max(`${at} choices`, o.choices.length, L.choiceSetChoices);
    if (o.type === 'Input.Text') max(`${at} maxLength`, o.maxLength ?? 0, L.inputMaxLength);
    for (const [key, value] of Object.entries(o)) visit(value, `${at}.${key}`);
  };
  visit(activity.attachments, 'attachments');
  return out;
}
