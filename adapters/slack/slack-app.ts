// Bolt wiring: the receiver verifies Slack's signature, parses the body and acknowledges;
// one global middleware turns every request into a neutral event for the core. HTTP mode
// mounts Bolt's router on kohort's own server at POST /slack/events; Socket Mode (when an
// app-level token is set) needs no public URL at all.
import { App, ExpressReceiver, SocketModeReceiver, type AuthorizeResult, type Receiver, type ReceiverEvent } from '@slack/bolt';
import express from 'express';
import type { InboundSink } from '../../src/core/adapter.js';
import type { Clock } from '../../src/core/clock.js';
import { DeliveryError, KohortError } from '../../src/core/errors.js';
import { InFlight } from '../../src/core/in-flight.js';
import type { Logger } from '../../src/core/logger.js';
import type { BudgetStore } from '../../src/core/send-budget.js';
import type { RunningPlatform } from '../../src/platform/integration.js';
import { SlackDirectory } from './directory.js';
import { toSlackLogger } from './slack-logger.js';
import { parseSlackBody, type BotIdentity } from './parse.js';
import { SlackAdapter } from './slack-adapter.js';
import { SlackApi, slackClientOptions } from './slack-api.js';

export const SLACK_EVENTS_PATH = '/slack/events';

export interface SlackSettings {
  botToken: string;
  /** Verifies HTTP requests; not needed in Socket Mode. */
  signingSecret?: string;
  /** App-level token (xapp-…): Socket Mode instead of HTTP. */
  appToken?: string;
  apiUrl?: string;
  /** Spacing of messages into one conversation; tests set 0 to run at full speed. */
  minIntervalMs?: number;
  /** Posts a second per workspace to start at (SLACK_POSTS_PER_SECOND); adapts from there. */
  postsPerSecond?: number;
}

/**
 * Bolt leaves a request it cannot classify unanswered, and its receiver then answers
 * 404 after three seconds. Slack treats that as a failure and retries; kohort answers
 * every verified request 200 and ignores what it does not handle.
 */
class AlwaysAcknowledgingApp extends App {
  override async processEvent(event: ReceiverEvent): Promise<void> {
    let acknowledged = false;
    const ack = async (response?: unknown) => {
      acknowledged = true;
      await event.ack(response as never);
    };
    await super.processEvent({ ...event, ack });
    if (!acknowledged) await event.ack();
  }
}

export async function startSlack(settings: SlackSettings, deps: { sink: InboundSink; clock: Clock; logger: Logger; budgets?: BudgetStore }): Promise<RunningPlatform & { adapter: SlackAdapter }> {
  // Already bound to { platform: 'slack' } by the composition root.
  const logger = deps.logger;
  const api = new SlackApi({
    token: settings.botToken,
    apiUrl: settings.apiUrl,
    clock: deps.clock,
    logger,
    minIntervalMs: settings.minIntervalMs,
    postsPerSecond: settings.postsPerSecond,
    budgets: deps.budgets,
  });
  const adapter = new SlackAdapter(api, new SlackDirectory(api, deps.clock, logger), deps.clock, logger);
  const identity = new BotIdentityCache(api, settings.botToken, logger);
  await identity.verify();

  const boltLogger = toSlackLogger(logger, 'bolt');
  const router = settings.appToken ? undefined : express.Router();
  const receiver: Receiver = settings.appToken
    ? new SocketModeReceiver({
        appToken: settings.appToken,
        logger: boltLogger,
        installerOptions: { clientOptions: slackClientOptions({ apiUrl: settings.apiUrl, logger }) },
      })
    : new ExpressReceiver({
        signingSecret: requireSecret(settings.signingSecret),
        endpoints: SLACK_EVENTS_PATH,
        router,
        logger: boltLogger,
        // Acknowledge first, work afterwards: Slack wants an answer within three seconds.
        processBeforeResponse: false,
      });

  const app = new AlwaysAcknowledgingApp({
    receiver,
    logger: boltLogger,
    authorize: () => identity.authorize(),
    clientOptions: slackClientOptions({ apiUrl: settings.apiUrl, logger }),
    ignoreSelf: true,
    // Bolt's conversation store is unused here, and looking an event's conversation up in it
    // builds an Error with a stack trace ("Conversation not found") on every event.
    convoStore: false,
  });

  const inFlight = new InFlight();
  const complete = async (body: unknown) => {
    try {
      await adapter.handle(parseSlackBody(body, identity.current(), deps.clock.now()), deps.sink);
    } catch (error) {
      // Never rethrow into Bolt: the answer to Slack has gone, and a throw only makes noise.
      logger.warn({ reason: error instanceof DeliveryError ? error.platformCode : 'internal', err: error }, 'slack request could not be completed');
    }
  };
  app.use(async ({ body, ack }) => {
    // Events API requests were acknowledged by Bolt already; everything else is now.
    if (ack) await ack();
    await inFlight.track(complete(body));
  });
  app.error(async (error) => {
    logger.error({ err: error }, 'slack request failed');
  });

  if (settings.appToken) await app.start();
  logger.info({ mode: settings.appToken ? 'socket' : 'http' }, 'slack adapter ready');
  return {
    adapter,
    routes: router,
    summary: settings.appToken ? 'socket' : 'http',
    drain: () => inFlight.drain(),
    async stop() {
      if (settings.appToken) await app.stop();
    },
  };
}

/**
 * Who kohort is in the workspace (auth.test), asked once at start. A refused token
 * stops start-up with a clear message; an unreachable Slack does not — the identity
 * is asked for again on the next request.
 */
class BotIdentityCache {
  private identity: (BotIdentity & { teamId?: string }) | undefined;

  constructor(
    private readonly api: SlackApi,
    private readonly botToken: string,
    private readonly logger: Logger,
  ) {}

  async verify(): Promise<void> {
    try {
      await this.fetch();
    } catch (error) {
      // A refused token (unauthorized) or another refusal for good: the configuration is wrong.
      if (error instanceof DeliveryError && (error.permanent || error.kind === 'unauthorized')) {
        throw new KohortError('config_invalid', `SLACK_BOT_TOKEN was refused by Slack (${error.platformCode})`, { cause: error });
      }
      this.logger.warn({ reason: error instanceof DeliveryError ? error.platformCode : 'unknown' }, 'slack unreachable at start; will retry on the first request');
    }
  }

  current(): BotIdentity {
    return this.identity ?? {};
  }

  async authorize(): Promise<AuthorizeResult> {
    const identity = this.identity ?? (await this.fetch());
    return { botToken: this.botToken, botUserId: identity.userId, botId: identity.botId, teamId: identity.teamId };
  }

  private async fetch(): Promise<BotIdentity & { teamId?: string }> {
    const result = await this.api.call<{ user_id?: string; bot_id?: string; team_id?: string }>('auth.test', {});
    this.identity = { userId: result.user_id, botId: result.bot_id, teamId: result.team_id };
    return this.identity;
  }
}

function requireSecret(secret: string | undefined): string {
  if (!secret) throw new KohortError('config_invalid', 'SLACK_SIGNING_SECRET is required for Slack over HTTP (or set SLACK_APP_TOKEN for Socket Mode)');
  return secret;
}
