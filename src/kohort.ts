// Composition root: port → database → wiring → platforms → dispatcher → outbox → HTTP routes.
// adapters/main.ts wraps this in a process (signals, exit codes) with the platform list;
// tests use it directly.
import { existsSync } from 'node:fs';
import type { Router } from 'express';
import type { Clock } from './core/clock.js';
import { createDispatcher } from './core/dispatch.js';
import type { Logger } from './core/logger.js';
import type { Config } from './config.js';
import { loadProgramFile } from './domain/program/load.js';
import { llmDigestWriter } from './gateways/llm-digest.js';
import { exportsRouter } from './http/exports.js';
import { consoleRouter } from './http/console/router.js';
import { bindHttpServer, createHttpApp, type BoundServer } from './http/server.js';
import { loadTranslator } from './i18n/i18n.js';
import { startScheduler, type Scheduler } from './outbox/scheduler.js';
import { startHousekeeping } from './outbox/housekeeping-timer.js';
import { keepHouse } from './persistence/housekeeping.js';
import { openDatabase, type Database } from './persistence/database.js';
import { importIfEmpty } from './persistence/program-import.js';
import { prismaDirectory } from './persistence/repositories/directory.js';
import { prismaEventLedger } from './persistence/repositories/ledger.js';
import { prismaBudgetStore } from './persistence/repositories/send-budgets.js';
import type { RunningPlatform } from './platform/integration.js';
import { wire, type Wiring } from './wiring.js';

export interface RunningKohort {
  port: number;
  /** The wiring (ports, registry, router), for operators' tools and tests that start work themselves. */
  wiring: Wiring;
  /** The outbox timer; tick() sends what is due now. */
  scheduler: Pick<Scheduler, 'tick'>;
  /** Resolves when every request received so far has been fully handled. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/** `database`: an already open database (tests); otherwise opened from the config. It is closed on stop. */
export async function startKohort(config: Config, logger: Logger, clock: Clock, database?: Database): Promise<RunningKohort> {
  // The port first: a port in use is said at once, before the database is opened, migrated
  // and the demo imported (a first start takes seconds). Requests are answered 503 until the routes are in place.
  let bound: BoundServer;
  try {
    bound = await bindHttpServer(config.PORT, config.HOST);
  } catch (error) {
    await database?.close();
    throw error;
  }
  const { server, port } = bound;
  let opened = database;
  const platforms: RunningPlatform[] = [];
  let scheduler: Scheduler | undefined;
  try {
    const db = (opened ??= await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, logger }));
    await seedDemoProgram(db, config, logger, clock);
    const translator = loadTranslator();
    const order = config.platforms.map((p) => p.integration.platform);
    const wiring = wire(db, { translator, clock, logger, adapters: new Map(), preference: () => order, secret: config.KOHORT_SECRET });
    const { ports } = wiring;
    if (config.LLM_BASE_URL && config.LLM_API_KEY && config.LLM_MODEL) {
      ports.digests = llmDigestWriter({ baseUrl: config.LLM_BASE_URL, apiKey: config.LLM_API_KEY, model: config.LLM_MODEL, timeoutMs: config.LLM_TIMEOUT_MS }, logger);
    }
    const dispatcher = createDispatcher({ ledger: prismaEventLedger(db.prisma), clock, logger, handle: wiring.route });

    const mounts: Router[] = [];
    // Replicas share PostgreSQL, so they share the platforms' budgets there; PGlite is one process, which counts alone.
    const budgets = db.kind === 'postgres' ? prismaBudgetStore(db.prisma) : undefined;
    for (const { integration, settings } of config.platforms) {
      const running = await integration.start(settings, {
        sink: dispatcher,
        clock,
        logger: logger.child({ platform: integration.platform }),
        translator,
        directory: prismaDirectory(db.prisma),
        dataDir: config.DATA_DIR,
        budgets,
      });
      platforms.push(running);
      wiring.adapters.set(integration.platform, running.adapter);
      if (running.forgetter) wiring.forgetters.push(running.forgetter);
      if (running.routes) mounts.push(running.routes);
    }

    // Previews on the platforms that run, in the order a person is reached on them.
    const previewers = config.platforms.flatMap(({ integration }) => (integration.preview ? [integration.preview.bind(integration)] : []));
    ports.previews = { of: (msg) => previewers.map((preview) => preview(msg)) };

    mounts.push(exportsRouter(ports.exports, clock));
    const secure = (config.PUBLIC_URL ?? '').startsWith('https:');
    mounts.push(consoleRouter({ ports, translator, clock, secure, cookieKey: await ports.console.cookieKey() }));
    ports.links.base = (config.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, '');
    // People are answered from here on. Bringing the plan up to date comes after: it is the
    // outbox's business (on existing data it was a third of the start, loading the holiday
    // calendar included), and running it beside requests is what replicas starting together do.
    bound.serve(createHttpApp({ ready: () => db.ping(), mounts, logger }));

    // Brings the plan up to date with the database (a first start, an upgrade, an import made
    // while kohort was down); idempotent, so replicas starting together do no harm. The
    // outbox timer starts after it, so nothing is sent from a plan not yet brought up to date.
    const planned = await ports.planning.replan({}, clock.now());
    logger.info(planned, 'outbox planned');
    scheduler = startScheduler({ ...wiring.worker, expression: config.SCHEDULER_TICK, graceHours: config.OUTBOX_GRACE_HOURS, concurrency: config.OUTBOX_CONCURRENCY, logger });
    const ticking = scheduler;
    const housekeeping = startHousekeeping(config.HOUSEKEEPING_AT, async () => ({ ...(await keepHouse(db.prisma, ports.personalData, clock.now())) }), logger);
    // A facilitator's summary or broadcast goes out now rather than at the next tick (unless the timer is off).
    if (config.SCHEDULER_TICK !== 'off') ports.wake = { now: () => void ticking.tick().catch((error: unknown) => logger.error({ err: error }, 'outbox tick failed')) };
    // Every platform kohort knows, on or off ("slack": "http", "teams": false).
    const running = new Map(config.platforms.map(({ integration }, i) => [integration.name, platforms[i]?.summary ?? true]));
    const known = Object.keys(config).flatMap((key) => (key.endsWith('Enabled') ? [key.slice(0, -'Enabled'.length)] : []));
    const facts = Object.fromEntries(known.map((name) => [name, running.get(name) ?? false]));
    logger.info({ port, database: db.kind, ...facts }, 'kohort is running');
    if (wiring.adapters.has('local')) logger.info(`playground: http://localhost:${port}/`);

    const idle = async () => {
      for (const platform of platforms) await platform.drain();
      await dispatcher.drain();
    };
    return {
      port,
      wiring,
      scheduler: ticking,
      idle,
      async stop() {
        // Stop taking outbox rows at once (the messages in hand are finished, the rest of the
        // claim goes back for the next run), stop accepting, let in-flight events finish,
        // then close long-lived streams and the database.
        const schedulerStopped = ticking.stop();
        await housekeeping.stop();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        for (const platform of platforms) await platform.stop();
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
    for (const platform of platforms) await platform.stop().catch(() => undefined);
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await opened?.close();
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
  const report = await importIfEmpty(db.prisma, program, { secret: config.KOHORT_SECRET });
  if (report) logger.info({ modules: report.modules, participants: report.participants }, 'demo program imported');
}
