// Applies prisma/migrations/*/migration.sql at start-up, offline, on PGlite and on
// PostgreSQL. Prisma's own `migrate deploy` cannot run here (its JS engine fails against
// a real PostgreSQL, prisma/orm#27403), so kohort applies the same files itself and keeps
// the bookkeeping in Prisma's `_prisma_migrations` table, with Prisma's checksum
// (sha256 of the script), so `prisma migrate status` agrees with what was applied.
// A session-level advisory lock makes concurrent replicas take turns: the first applies,
// the others wait and then find nothing pending.
import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { KohortError } from '../core/errors.js';
import type { SqlSession } from './sql-session.js';

/** Arbitrary but fixed: "kohort" in ASCII, so it does not collide with other apps' locks. */
const MIGRATION_LOCK_ID = 0x6b6f686f7274;

const BOOKKEEPING_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum"            VARCHAR(64) NOT NULL,
  "finished_at"         TIMESTAMPTZ,
  "migration_name"      VARCHAR(255) NOT NULL,
  "logs"                TEXT,
  "rolled_back_at"      TIMESTAMPTZ,
  "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export interface MigrationFile {
  name: string;
  script: string;
  checksum: string;
}

export async function readMigrations(dir: string): Promise<MigrationFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const script = await readFile(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, script, checksum: createHash('sha256').update(script).digest('hex') };
    }),
  );
}

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

export async function applyMigrations(session: SqlSession, migrations: MigrationFile[]): Promise<MigrationResult> {
  await session.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
  try {
    await session.exec(BOOKKEEPING_TABLE);
    const rows = await session.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL',
    );
    const done = new Map(rows.map((r) => [r.migration_name, r]));
    const applied: string[] = [];
    for (const migration of migrations) {
      const previous = done.get(migration.name);
      if (previous?.finished_at) {
        if (previous.checksum !== migration.checksum) {
          throw new KohortError('migration_modified', `migration ${migration.name} was changed after it was applied; add a new migration instead`);
        }
        continue;
      }
      if (previous) {
        throw new KohortError('migration_failed_before', `migration ${migration.name} failed earlier and needs attention (see _prisma_migrations.logs)`);
      }
      await applyOne(session, migration);
      applied.push(migration.name);
    }
    return { applied, alreadyApplied: migrations.length - applied.length };
  } finally {
    await session.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]);
  }
}

async function applyOne(session: SqlSession, migration: MigrationFile): Promise<void> {
  const id = randomUUID();
  // The script and its bookkeeping row commit together: a crash leaves neither.
  await session.exec('BEGIN');
  try {
    await session.exec(migration.script);
    await session.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), now(), 1)`,
      [id, migration.checksum, migration.name],
    );
    await session.exec('COMMIT');
  } catch (error) {
    await session.exec('ROLLBACK');
    throw new KohortError('migration_failed', `migration ${migration.name} failed: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
