// A stored download comes back byte for byte, on both engines. As text, PGlite's reader (a
// TextDecoder) dropped a CSV's leading byte-order mark, so the served file started with "mo".
import { PGlite } from '@electric-sql/pglite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/logger.js';
import type { ExportStore } from '../../src/domain/ports.js';
import { MIGRATIONS_DIR, openDatabase, type Database } from '../../src/persistence/database.js';
import { applyMigrations, readMigrations } from '../../src/persistence/migrate.js';
import { prismaExports } from '../../src/persistence/repositories/exports.js';
import { pgliteSession } from '../../src/persistence/sql-session.js';
import { freshDatabase } from '../helpers/database.js';
import { startPostgres, type TestPostgres } from '../helpers/postgres.js';

const AT = new Date('2027-01-11T09:00:00Z');
const CSV = Uint8Array.from([0xef, 0xbb, 0xbf, ...Buffer.from('Modul;Namn\r\nå;ö\r\n')]);
const COHORT = '00000000-0000-4000-8000-000000000001';
const file = (content: Uint8Array<ArrayBuffer>) => ({
  cohortId: COHORT,
  filename: 'beslut-x.csv',
  contentType: 'text/csv; charset=utf-8',
  content,
  at: AT,
  expiresAt: new Date(AT.getTime() + 3600_000),
});

async function roundTrip(store: ExportStore): Promise<number[] | undefined> {
  const found = await store.find(await store.create(file(CSV)), AT);
  return found && [...found.content];
}

let db: Database | undefined;
afterEach(async () => db?.close());

/** A download belongs to a cohort (and goes with it). */
async function withCohort(opened: Database): Promise<Database> {
  await opened.prisma.program.create({ data: { slug: 'p', name: 'P', reminderPolicy: {}, source: {}, cohorts: { create: { id: COHORT, slug: 'c', name: 'C', joinCode: 'CODE-1' } } } });
  return opened;
}

describe('export store on PGlite', () => {
  it('gives back exactly the bytes it stored, byte-order mark included', async () => {
    db = await withCohort(await freshDatabase());
    expect(await roundTrip(prismaExports(db.prisma))).toEqual([...CSV]);
  });

  it('stores bytes inside a transaction too (the adapter shim covers both paths)', async () => {
    db = await withCohort(await freshDatabase());
    const { at: createdAt, ...data } = file(CSV);
    const row = await db.prisma.$transaction((tx) => tx.export.create({ data: { ...data, createdAt } }));
    expect([...row.content]).toEqual([...CSV]);
  });

  it('keeps a file stored as text before the upgrade, byte-order mark included', async () => {
    const pglite = await PGlite.create();
    try {
      const migrations = await readMigrations(MIGRATIONS_DIR);
      const upgrade = migrations.findIndex((m) => m.name.endsWith('_export_content_bytes'));
      await applyMigrations(pgliteSession(pglite), migrations.slice(0, upgrade));
      await pglite.query(`INSERT INTO "Program" ("id", "slug", "name", "reminderPolicy", "source", "updatedAt") VALUES ('00000000-0000-4000-8000-0000000000aa', 'p', 'P', '{}', '{}', now())`);
      await pglite.query(`INSERT INTO "Cohort" ("id", "programId", "slug", "name", "joinCode", "updatedAt") VALUES ($1, '00000000-0000-4000-8000-0000000000aa', 'c', 'C', 'CODE-1', now())`, [COHORT]);
      await pglite.query(`INSERT INTO "Export" VALUES ('00000000-0000-4000-8000-000000000002', $1, 'a.csv', 'text/csv', $2, now(), now())`, [
        '00000000-0000-4000-8000-000000000001',
        '\uFEFFModul;Namn\r\nå;ö\r\n',
      ]);
      await applyMigrations(pgliteSession(pglite), migrations);
      const rows = await pglite.query<{ hex: string }>(`SELECT encode(content, 'hex') AS hex FROM "Export"`);
      expect(rows.rows[0]?.hex).toBe(Buffer.from(CSV).toString('hex'));
    } finally {
      await pglite.close();
    }
  });
});

describe('export store on PostgreSQL', () => {
  let postgres: TestPostgres;
  beforeAll(async () => (postgres = await startPostgres()));
  afterAll(() => postgres?.stop());

  it('gives back exactly the bytes it stored, byte-order mark included', async () => {
    db = await withCohort(await openDatabase({ databaseUrl: postgres.url, dataDir: '', logger: createLogger('silent') }));
    expect(await roundTrip(prismaExports(db.prisma))).toEqual([...CSV]);
  });
});
