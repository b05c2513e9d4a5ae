import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../src/persistence/database.js';
import { applyMigrations, readMigrations } from '../../src/persistence/migrate.js';
import { pgliteSession } from '../../src/persistence/sql-session.js';

let db: PGlite | undefined;
afterEach(async () => db?.close());

describe('migration runner', () => {
  it('applies every migration once and records it as Prisma would', async () => {
    db = await PGlite.create();
    const migrations = await readMigrations(MIGRATIONS_DIR);
    const first = await applyMigrations(pgliteSession(db), migrations);
    expect(first.applied).toEqual(migrations.map((m) => m.name));
    const second = await applyMigrations(pgliteSession(db), migrations);
    expect(second).toEqual({ applied: [], alreadyApplied: migrations.length });

    const rows = await db.query<{ migration_name: string; checksum: string; applied_steps_count: number; finished_at: Date | null }>(
      'SELECT migration_name, checksum, applied_steps_count, finished_at FROM "_prisma_migrations" ORDER BY migration_name',
    );
    const name = migrations[0]?.name as string;
    const script = readFileSync(path.join(MIGRATIONS_DIR, name, 'migration.sql'));
    expect(rows.rows[0]).toMatchObject({
      migration_name: name,
      checksum: createHash('sha256').update(script).digest('hex'),
      applied_steps_count: 1,
    });
    expect(rows.rows[0]?.finished_at).toBeInstanceOf(Date);
  });

  it('refuses to run when an applied migration was edited afterwards', async () => {
    db = await PGlite.create();
    const migrations = await readMigrations(MIGRATIONS_DIR);
    await applyMigrations(pgliteSession(db), migrations);
    const edited = migrations.map((m, i) => (i === 0 ? { ...m, checksum: '0'.repeat(64) } : m));
    await expect(applyMigrations(pgliteSession(db), edited)).rejects.toMatchObject({ code: 'migration_modified' });
  });

  it('rolls a failing migration back completely and leaves no bookkeeping row', async () => {
    db = await PGlite.create();
    const broken = [{ name: '20990101000000_broken', script: 'CREATE TABLE "Half" (id int); SELECT nonsense FROM nowhere;', checksum: 'x'.repeat(64) }];
    await expect(applyMigrations(pgliteSession(db), broken)).rejects.toMatchObject({ code: 'migration_failed' });
    const tables = await db.query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'Half'`);
    expect(tables.rows).toHaveLength(0);
    const rows = await db.query('SELECT 1 FROM "_prisma_migrations"');
    expect(rows.rows).toHaveLength(0);
  });
});
