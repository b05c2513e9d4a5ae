// Opens the database kohort runs on: embedded PGlite under DATA_DIR by default, or
// PostgreSQL when DATABASE_URL is set. Pending migrations are applied before the
// Prisma client is handed out, so every caller sees the current schema.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { Logger } from '../core/logger.js';
import { fromRoot } from '../project-root.js';
import { lockDataDir } from './data-dir-lock.js';
import { PrismaClient } from './generated/client.js';
import { withByteArguments } from './pglite-bytes.js';
import { PGLITE_START_PARAMS } from './pglite-params.js';
import { readPgliteTemplate } from './pglite-template.js';
import { upgradePgliteDir } from './pglite-upgrade.js';
import { applyMigrations, readMigrations, type MigrationResult } from './migrate.js';
import { pgliteSession, pgSession } from './sql-session.js';

export const MIGRATIONS_DIR = fromRoot('prisma', 'migrations');

export type Prisma = PrismaClient;

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly prisma: PrismaClient;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  dataDir: string;
  logger: Logger;
  /** Only for tests: start from a migrated template instead of running initdb. */
  pgliteLoadDataDir?: Blob;
  /** Only for tests and benchmarks: told of every SQL statement Prisma sends and its milliseconds (to count round trips). */
  onQuery?: (sql: string, ms: number) => void;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options) : openPglite(options);
}

/** A client that reports its statements when asked to (Prisma's query event exists only when declared up front). */
function prismaClient(adapter: NonNullable<ConstructorParameters<typeof PrismaClient>[0]>['adapter'], onQuery: DatabaseOptions['onQuery']): PrismaClient {
  if (!onQuery) return new PrismaClient({ adapter });
  const client = new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] });
  client.$on('query', (event) => onQuery(event.query, Number(event.duration)));
  return client;
}

async function openPglite(options: DatabaseOptions): Promise<Database> {
  const dir = path.resolve(options.dataDir, 'pglite');
  const unlock = lockDataDir(path.resolve(options.dataDir));
  let pglite: PGlite;
  try {
    const migrations = await readMigrations(MIGRATIONS_DIR);
    await upgradePgliteDir(dir, migrations, options.logger);
    const template = options.pgliteLoadDataDir || existsSync(path.join(dir, 'PG_VERSION')) ? undefined : readPgliteTemplate();
    if (template) options.logger.info({ dir }, 'new embedded database, from the empty one made at install (no initdb)');
    const loadDataDir = options.pgliteLoadDataDir ?? template;
    pglite = await PGlite.create({ dataDir: dir, loadDataDir, startParams: PGLITE_START_PARAMS });
    logMigrations(options.logger, await applyMigrations(pgliteSession(pglite), migrations));
  } catch (error) {
    unlock();
    throw error;
  }
  const prisma = prismaClient(withByteArguments(new PrismaPGlite(yieldingBeforeQueries(pglite))), options.onQuery);
  return {
    kind: 'pglite',
    prisma,
    ping: () => ping(prisma),
    close: once(async () => {
      await prisma.$disconnect();
      await pglite.close();
      unlock();
    }),
  };
}

async function openPostgres(connectionString: string, { logger, onQuery }: DatabaseOptions): Promise<Database> {
  // Migrations run on a dedicated connection: the advisory lock is per session.
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    logMigrations(logger, await applyMigrations(pgSession(client), await readMigrations(MIGRATIONS_DIR)));
  } finally {
    await client.end();
  }
  const prisma = prismaClient(new PrismaPg({ connectionString }), onQuery);
  return {
    kind: 'postgres',
    prisma,
    ping: () => ping(prisma),
    close: once(() => prisma.$disconnect()),
  };
}

/** Closing twice (signal during shutdown, test clean-up) must be harmless. */
function once(fn: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => (closing ??= fn());
}

async function ping(prisma: PrismaClient): Promise<boolean> {
  try {
    await prisma.$queryRaw`SELECT 1`;
    return true;
  } catch {
    return false;
  }
}

function logMigrations(logger: Logger, result: MigrationResult): void {
  if (result.applied.length > 0) logger.info({ applied: result.applied }, 'database migrations applied');
  else logger.debug({ alreadyApplied: result.alreadyApplied }, 'database schema is up to date');
}

/**
 * PGlite executes each query on this thread, and queued queries run back to back without
 * giving the event loop a turn: a burst of events would then hold up new HTTP requests,
 * which Slack wants acknowledged within three seconds. Here queries run one at a time
 * with a turn of the loop before each, so requests get in between any two queries
 * however many events are in progress (measured in `npm run bench`).
 */
function yieldingBeforeQueries(pglite: PGlite): PGlite {
  let previous: Promise<unknown> = Promise.resolve();
  const query = (...args: Parameters<PGlite['query']>) => {
    const next = previous
      .catch(() => undefined)
      .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
      .then(() => pglite.query(...args));
    previous = next;
    return next;
  };
  return new Proxy(pglite, {
    get(target, property) {
      if (property === 'query') return query;
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
