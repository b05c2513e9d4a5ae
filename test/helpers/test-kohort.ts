// kohort as the composition root starts it, in-process on 127.0.0.1 with a fake clock,
// on a fresh (or reopened) PGlite with a program fixture imported.
import { readKohortConfig } from '../../adapters/platforms.js';
import { startKohort } from '../../src/kohort.js';
import { createLogger } from '../../src/core/logger.js';
import { freshDatabase, reopenDatabase } from './database.js';
import { FakeClock } from './fake-clock.js';
import { importFixture } from './services.js';

export interface TestKohortOptions {
  /** Program fixture imported into a fresh database. */
  program: string;
  env: Record<string, string>;
  /** Reopen this data directory (a restart) instead of a fresh, freshly imported database. */
  dataDir?: string;
  /** Leave the data directory in place on stop, for a restart. */
  keepData?: boolean;
  /** Where the fake clock starts (default: the real time). */
  now?: Date;
}

export async function startTestKohort(options: TestKohortOptions) {
  const now = options.now ?? new Date();
  const clock = new FakeClock(now);
  const db = options.dataDir ? await reopenDatabase(options.dataDir) : await freshDatabase();
  if (!options.dataDir) await importFixture(db, options.program, now);
  const database = options.keepData ? { ...db, close: db.closeKeepingData } : db;
  // The fake clock decides when things are due: tests call kohort.scheduler.tick() themselves.
  const config = readKohortConfig({ PORT: '0', DEMO_PROGRAM: '', DATA_DIR: db.dataDir, NODE_ENV: 'test', SCHEDULER_TICK: 'off', ...options.env });
  const kohort = await startKohort(config, createLogger('silent'), clock, database);
  return { db, clock, kohort, url: `http://127.0.0.1:${kohort.port}` };
}
