// Real PGlite for tests, without paying initdb (~3 s) per test: one migrated template
// per worker, cloned into a fresh directory for each test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createLogger } from '../../src/core/logger.js';
import { openDatabase, type Database } from '../../src/persistence/database.js';
import { applyMigrations, readMigrations } from '../../src/persistence/migrate.js';
import { MIGRATIONS_DIR } from '../../src/persistence/database.js';
import { pgliteSession } from '../../src/persistence/sql-session.js';

let template: Promise<Blob> | undefined;

function migratedTemplate(): Promise<Blob> {
  template ??= (async () => {
    const db = await PGlite.create();
    await applyMigrations(pgliteSession(db), await readMigrations(MIGRATIONS_DIR));
    const dump = await db.dumpDataDir('none');
    await db.close();
    return dump;
  })();
  return template;
}

export interface TestDatabase extends Database {
  dataDir: string;
  /** Closes like a stopping process would, leaving the data directory for a reopen. */
  closeKeepingData(): Promise<void>;
}

/** `onQuery`: told of every SQL statement, for tests that count round trips. */
export async function freshDatabase(options: { onQuery?: (sql: string) => void } = {}): Promise<TestDatabase> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kohort-test-'));
  return asTestDatabase(await openDatabase({ dataDir, logger: createLogger('silent'), pgliteLoadDataDir: await migratedTemplate(), ...options }), dataDir);
}

/** Reopens a test database's directory, as a restarted process would. */
export async function reopenDatabase(dataDir: string): Promise<TestDatabase> {
  return asTestDatabase(await openDatabase({ dataDir, logger: createLogger('silent') }), dataDir);
}

function asTestDatabase(db: Database, dataDir: string): TestDatabase {
  return {
    ...db,
    dataDir,
    closeKeepingData: () => db.close(),
    async close() {
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function tempDir(prefix = 'kohort-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}
