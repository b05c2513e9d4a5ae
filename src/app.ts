// Composition root: config → database → repositories → adapters → dispatcher → HTTP.
// main.ts wraps this in a process (signals, exit codes); tests can use it directly.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Router } from 'express';
import { LocalAdapter } from '../adapters/local/local-adapter.js';
import { playgroundRouter } from '../adapters/local/routes.js';
import { startSlack, type SlackIntegration } from '../adapters/slack/slack-app.js';
import { startTeams, type TeamsIntegration } from '../adapters/teams/teams-app.js';
import { Transcript } from '../adapters/local/transcript.js';
import type { ChannelAdapter } from './core/adapter.js';
import type { Clock } from './core/clock.js';
import { createDispatcher } from './core/dispatch.js';
import type { Platform } from './core/events.js';
import type { Logger } from './core/logger.js';
import type { Config } from './config.js';
import { loadProgramFile } from './domain/program/load.js';
import { createRouter } from './features/router.js';
import { exportsRouter } from './http/exports.js';
import { createHttpServer, listen } from './http/server.js';
import { loadTranslator, type Locale, type Translator } from './i18n/i18n.js';
import { openDatabase, type Database } from './persistence/database.js';
import { importIfEmpty } from './persistence/program-import.js';
import { listPlaygroundChannels, listPlaygroundPeople } from './persistence/repositories/playground.js';
import { replanEverything } from './features/planning.js';
import { llmDigestWriter } from './features/summaries/llm-digest.js';
import { startScheduler, type Scheduler } from './scheduler.js';
import { createServices } from './services.js';
import type { Services } from './features/context.js';

export interface RunningKohort {
  port: number;
  /** The wired use-case services (for operators' tools and tests that start work themselves). */
  services: Services;
  /** The outbox timer; tick() sends what is due now. */
  scheduler: Pick<Scheduler, 'tick'>;
  /** Resolves when every request received so far has been fully handled. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/** `database`: an already open database (tests); otherwise opened from the config. It is closed on stop. */
export async function startKohort(config: Config, logger: Logger, clock: Clock, database?: Database): Promise<RunningKohort> {
  const db = database ?? (await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, logger }));
  let slack: SlackIntegration | undefined;
  let teams: TeamsIntegration | undefined;
  let scheduler: Scheduler | undefined;
  try {
    await seedDemoProgram(db, config, logger, clock);
    const translator = loadTranslator();
    const adapters = new Map<Platform, ChannelAdapter>();
    const mounts: Router[] = [];
    const services = createServices(db, { translator, clock, logger, adapters });
    if (config.LLM_BASE_URL && config.LLM_API_KEY && config.LLM_MODEL) {
      services.digests = llmDigestWriter({ baseUrl: config.LLM_BASE_URL, apiKey: config.LLM_API_KEY, model: config.LLM_MODEL, timeoutMs: config.LLM_TIMEOUT_MS }, logger);
    }
    const dispatcher = createDispatcher({ ledger: services.ledger, clock, logger, handle: createRouter(services) });

    if (config.playgroundEnabled) {
      const transcript = new Transcript(path.join(config.DATA_DIR, 'playground'));
      adapters.set('local', new LocalAdapter(transcript, clock));
      mounts.push(
        playgroundRouter({
          transcript,
          sink: dispatcher,
          clock,
          listPeople: () => listPlaygroundPeople(db.prisma),
          listChannels: () => listPlaygroundChannels(db.prisma),
          texts: (locale) => playgroundTexts(translator, locale),
        }),
      );
    }

    if (config.slackEnabled && config.SLACK_BOT_TOKEN) {
      slack = await startSlack(
        {
          botToken: config.SLACK_BOT_TOKEN,
          signingSecret: config.SLACK_SIGNING_SECRET,
          appToken: config.SLACK_APP_TOKEN,
          apiUrl: config.SLACK_API_URL,
        },
        { sink: dispatcher, clock, logger },
      );
      adapters.set('slack', slack.adapter);
      if (slack.router) mounts.push(slack.router);
    }

    if (config.teamsEnabled) {
      if (config.TEAMS_ALLOW_UNAUTHENTICATED) {
        logger.warn('TEAMS_ALLOW_UNAUTHENTICATED=true: /api/messages accepts requests without a Bot Framework token (for the Emulator only)');
      }
      teams = startTeams(
        {
          appId: config.MICROSOFT_APP_ID,
          appPassword: config.MICROSOFT_APP_PASSWORD,
          tenantId: config.MICROSOFT_APP_TENANT_ID,
          appType: config.MICROSOFT_APP_TYPE,
          serviceUrl: config.TEAMS_SERVICE_URL,
        },
        { sink: dispatcher, clock, logger },
      );
      adapters.set('teams', teams.adapter);
      mounts.push(teams.router);
    }

    // Brings the plan up to date with the database (a first start, an upgrade, an import made
    // while kohort was down); idempotent, so replicas starting together do no harm.
    const planned = await replanEverything(services, undefined, clock.now());
    logger.info({ reminders: planned.reminders.planned, cancelled: planned.reminders.cancelled, summaries: planned.summaries, reflections: planned.reflections }, 'outbox planned');
    scheduler = startScheduler({ expression: config.SCHEDULER_TICK, graceHours: config.OUTBOX_GRACE_HOURS, services, clock, logger });
    const ticking = scheduler;
    // A facilitator's summary or broadcast goes out now rather than at the next tick (unless the timer is off).
    if (config.SCHEDULER_TICK !== 'off') services.kick = () => void ticking.tick().catch((error: unknown) => logger.error({ err: error }, 'outbox tick failed'));

    mounts.push(exportsRouter(services.exports, clock));
    const server = createHttpServer({ ready: () => db.ping(), mounts, logger });
    const port = await listen(server, config.PORT, config.HOST);
    services.links.base = (config.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, '');
    logger.info({ port, database: db.kind, playground: config.playgroundEnabled, slack: slack?.mode ?? 'off', teams: config.teamsEnabled }, 'kohort is running');
    if (config.playgroundEnabled) logger.info(`playground: http://localhost:${port}/`);

    const idle = async () => {
      await slack?.drain();
      await teams?.drain();
      await dispatcher.drain();
    };
    const running = scheduler;
    return {
      port,
      services,
      scheduler: running,
      idle,
      async stop() {
        // Stop taking outbox rows at once (the messages in hand are finished, the rest of the
        // claim goes back for the next run), stop accepting, let in-flight events finish,
        // then close long-lived streams and the database.
        const schedulerStopped = running.stop();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        await slack?.stop();
        await schedulerStopped;
        await idle();
        server.closeAllConnections();
        await closed;
        await db.close();
        logger.info('kohort stopped');
      },
    };
  } catch (error) {
    await scheduler?.stop().catch(() => undefined);
    await slack?.stop().catch(() => undefined);
    await db.close();
    throw error;
  }
}

/** On an empty database, import the demo program so a first start has something to show. */
async function seedDemoProgram(db: Database, config: Config, logger: Logger, clock: Clock): Promise<void> {
  if (!config.DEMO_PROGRAM || (await db.prisma.program.count()) > 0) return;
  if (!existsSync(config.DEMO_PROGRAM)) {
    logger.warn({ file: config.DEMO_PROGRAM }, 'demo program file not found; starting empty');
    return;
  }
  const program = await loadProgramFile(config.DEMO_PROGRAM, clock.now());
  const report = await importIfEmpty(db.prisma, program);
  if (report) logger.info({ modules: report.modules, participants: report.participants }, 'demo program imported');
}

/** The page's own texts plus role names for the person picker ("role.team_lead"). */
function playgroundTexts(translator: Translator, locale: Locale): Record<string, string> {
  const roles = Object.entries(translator.section(locale, 'common.roles')).map(([role, name]) => [`role.${role}`, name]);
  return { ...translator.section(locale, 'playground'), ...Object.fromEntries(roles) };
}
