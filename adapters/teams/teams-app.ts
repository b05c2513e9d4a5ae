// Teams wiring: botbuilder's CloudAdapter (as teams-ai's TeamsAdapter) verifies the Bot
// Framework token of every request to POST /api/messages; teams-ai's Application routes
// Action.Execute invokes (answered with the updated card) apart from everything else.
// Each activity becomes a neutral event for the core and is handled within the turn.
import { Application, TeamsAdapter, type TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import express from 'express';
import type { InboundSink } from '../../src/core/adapter.js';
import type { Clock } from '../../src/core/clock.js';
import { InFlight } from '../../src/core/in-flight.js';
import type { Logger } from '../../src/core/logger.js';
import { SendBudgets, type BudgetStore } from '../../src/core/send-budget.js';
import type { RunningPlatform } from '../../src/platform/integration.js';
import { budgetedConnectorClient, inConnectorScope } from './connector-http.js';
import { TEAMS_LIMITS } from './limits.js';
import { parseActivity, type TeamsReference } from './parse.js';
import { EXECUTE_VERB } from './render.js';
import { TeamsChannelAdapter, UNKNOWN_TENANT } from './teams-adapter.js';

export const TEAMS_MESSAGES_PATH = '/api/messages';
export const DEFAULT_TEAMS_SERVICE_URL = 'https://smba.trafficmanager.net/teams/';

export interface TeamsSettings {
  appId?: string;
  appPassword?: string;
  tenantId?: string;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  /** Where kohort opens chats it starts itself; Teams' global endpoint unless set. */
  serviceUrl?: string;
  /** Requests a second per tenant to start at (TEAMS_REQUESTS_PER_SECOND); adapts from there. */
  requestsPerSecond?: number;
}

export function startTeams(settings: TeamsSettings, deps: { sink: InboundSink; clock: Clock; logger: Logger; budgets?: BudgetStore }): RunningPlatform & { adapter: TeamsChannelAdapter } {
  // Already bound to { platform: 'teams' } by the composition root.
  const logger = deps.logger;
  // Teams' limit is per app and tenant: one budget per tenant, shared by replicas through the store.
  const budgets = new SendBudgets({
    platform: 'teams',
    clock: deps.clock,
    store: deps.budgets,
    perSecond: settings.requestsPerSecond ?? TEAMS_LIMITS.requestsPerSecond,
  });
  // Without an app id botbuilder accepts unauthenticated requests (Bot Framework Emulator);
  // the config layer only allows that with TEAMS_ALLOW_UNAUTHENTICATED outside production.
  const cloud = new TeamsAdapter(
    settings.appId
      ? {
          MicrosoftAppId: settings.appId,
          MicrosoftAppPassword: settings.appPassword,
          MicrosoftAppType: settings.appType,
          MicrosoftAppTenantId: settings.tenantId,
        }
      : {},
    undefined,
    undefined,
    { httpClient: budgetedConnectorClient(budgets, settings.tenantId ?? UNKNOWN_TENANT) },
  );
  cloud.onTurnError = async (_context, error) => {
    logger.error({ err: error }, 'teams turn failed');
  };
  const adapter = new TeamsChannelAdapter(cloud, {
    appId: settings.appId ?? '',
    serviceUrl: settings.serviceUrl ?? DEFAULT_TEAMS_SERVICE_URL,
    tenantId: settings.tenantId,
    clock: deps.clock,
  });

  const app = new Application<TurnState>({ adapter: cloud, botAppId: settings.appId ?? '', startTypingTimer: false, removeRecipientMention: false });
  const inFlight = new InFlight();

  /** Parses the turn's activity and hands it to the core; resolves when the core is done. */
  const handle = async (context: TurnContext): Promise<string | undefined> => {
    const parsed = parseActivity(context.activity, deps.clock.now());
    if (parsed.kind === 'ignored') {
      logger.debug({ reason: parsed.reason }, 'teams activity ignored');
      return undefined;
    }
    const { event } = parsed;
    adapter.rememberPersonalChat(event.actor.userId, event.conversation.reference as TeamsReference);
    if (parsed.invoke) adapter.expectInvokeAnswer(event.eventId);
    await inFlight.track(deps.sink.receive(event));
    return event.eventId;
  };

  app.adaptiveCards.actionExecute(EXECUTE_VERB, async (context) => {
    const eventId = await handle(context);
    // The answer to the invoke: the card with the choice shown, or an empty message.
    return (eventId && adapter.takeInvokeCard(eventId)) || '';
  });
  app.activity(
    async () => true,
    async (context) => {
      await handle(context);
      // Every invoke needs an answer, or Teams shows the person an error.
      if (context.activity.type === 'invoke') {
        await context.sendActivity({ type: 'invokeResponse', value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: '' } } });
      }
    },
  );

  const router = express.Router();
  router.post(TEAMS_MESSAGES_PATH, express.json({ limit: '1mb' }), (req, res) => {
    void cloud.process(req, res, async (context) => {
      // What the SDK itself sends in a person's turn (a typing indicator) is interactive, in their tenant's budget.
      const tenant = adapter.tenantOf({ tenantId: context.activity.channelData?.tenant?.id, conversation: context.activity.conversation ?? {} });
      await inConnectorScope({ priority: 'interactive', tenant }, () => app.run(context));
    });
  });

  logger.info({ authenticated: Boolean(settings.appId) }, 'teams adapter ready');
  return {
    adapter,
    routes: router,
    drain: () => inFlight.drain(),
    stop: async () => undefined,
  };
}
