// A data directory made by PGlite 0.3 (PostgreSQL 17) — what every kohort installation had
// before PGlite 0.5 (PostgreSQL 18) — opens after the upgrade with every row, sequence and
// migration record, later migrations then run on the copied data, and the old directory
// stays beside it, still readable by the PGlite that made it.
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { PGlite as PGlite17 } from 'pglite-03';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/logger.js';
import { MIGRATIONS_DIR, openDatabase, type Database } from '../../src/persistence/database.js';
import { applyMigrations, readMigrations } from '../../src/persistence/migrate.js';
import { PGLITE_MAJOR } from '../../src/persistence/pglite-upgrade.js';
import { pgliteSession } from '../../src/persistence/sql-session.js';
import { tempDir } from '../helpers/database.js';

const PROGRAM = '00000000-0000-4000-8000-0000000000aa';
const COHORT = '00000000-0000-4000-8000-000000000001';
const CSV = Buffer.from('\uFEFFModul;Namn\r\nå;ö\r\n');

let dataDir: string | undefined;
let db: Database | undefined;
afterEach(async () => {
  await db?.close();
  db = undefined;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const versionOf = (dir: string) => readFileSync(path.join(dir, 'PG_VERSION'), 'utf8').trim();

/** What kohort before the upgrade left: PostgreSQL 17, migrated up to (not including) one that reshapes data. */
async function oldDataDir(): Promise<string> {
  const dir = tempDir('kohort-pg17-');
  const old = await PGlite17.create({ dataDir: path.join(dir, 'pglite') });
  try {
    const migrations = await readMigrations(MIGRATIONS_DIR);
    const bytesMigration = migrations.findIndex((m) => m.name.endsWith('_export_content_bytes'));
    await applyMigrations(pgliteSession(old as unknown as PGlite), migrations.slice(0, bytesMigration));
    await old.query(`INSERT INTO "Program" ("id", "slug", "name", "reminderPolicy", "source", "updatedAt") VALUES ($1, 'p', 'P', '{}', '{}', now())`, [PROGRAM]);
    await old.query(`INSERT INTO "Cohort" ("id", "programId", "slug", "name", "joinCode", "updatedAt") VALUES ($1, $2, 'c', 'C', 'CODE-1', now())`, [COHORT, PROGRAM]);
    // Before the bytes migration an export's content was text.
    await old.query(
      `INSERT INTO "Export" ("id", "cohortId", "filename", "contentType", "content", "createdAt", "expiresAt") VALUES ('00000000-0000-4000-8000-000000000002', $1, 'a.csv', 'text/csv', $2, now(), now())`,
      [COHORT, CSV.toString('utf8')],
    );
    for (const action of ['imported', 'broadcast']) await old.query(`INSERT INTO "AuditLog" ("at", "action") VALUES (now(), $1)`, [action]);
  } finally {
    await old.close();
  }
  expect(versionOf(path.join(dir, 'pglite'))).toBe('17');
  return dir;
}

describe('a PGlite 0.3 (PostgreSQL 17) data directory', () => {
  it('is copied once into PostgreSQL 18 with its rows, sequences and migration records, and kept beside it', async () => {
    dataDir = await oldDataDir();
    db = await openDatabase({ dataDir, logger: createLogger('silent') });
    const dir = path.join(dataDir, 'pglite');
    expect(versionOf(dir)).toBe(PGLITE_MAJOR);
    expect(versionOf(`${dir}-pg17`)).toBe('17');

    expect(await db.prisma.cohort.findMany({ select: { id: true, joinCode: true } })).toEqual([{ id: COHORT, joinCode: 'CODE-1' }]);
    // The migration after the copy ran on the copied row: text became the same bytes.
    const [file] = await db.prisma.export.findMany();
    expect(Buffer.from(file!.content).equals(CSV)).toBe(true);
    // The sequence continues where the old database left it.
    const next = await db.prisma.auditLog.create({ data: { at: new Date(), action: 'after' } });
    expect(next.id).toBe(3n);
    const records = await db.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "_prisma_migrations"`;
    expect(records[0]?.n).toBe((await readMigrations(MIGRATIONS_DIR)).length);
    await db.close();

    // The old directory is intact for its own PGlite; the next start copies nothing.
    const kept = await PGlite17.create({ dataDir: `${dir}-pg17` });
    expect((await kept.query<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditLog"`)).rows[0]?.n).toBe(2);
    await kept.close();
    db = await openDatabase({ dataDir, logger: createLogger('silent') });
    expect(existsSync(`${dir}-pg17-2`)).toBe(false);
    expect(await db.prisma.auditLog.count()).toBe(3);
  }, 120_000);

  it('finishes an upgrade interrupted between its two renames', async () => {
    dataDir = await oldDataDir();
    db = await openDatabase({ dataDir, logger: createLogger('silent') });
    await db.close();
    // The moment between moving the old directory aside and the new one in.
    const dir = path.join(dataDir, 'pglite');
    renameSync(dir, `${dir}.upgrading`);
    db = await openDatabase({ dataDir, logger: createLogger('silent') });
    expect(versionOf(dir)).toBe(PGLITE_MAJOR);
    expect(await db.prisma.cohort.count()).toBe(1);
  }, 120_000);
});
