// PGlite 0.5 embeds PostgreSQL 18; kohort's data directories made before it hold PostgreSQL 17
// (PGlite 0.3), which 0.5 cannot open: PostgreSQL never reads another major version's files.
// On the first start after the upgrade, the old directory is copied into a new one, table by
// table, by the PGlite that made it (kept as the `pglite-03` alias and loaded only here), and
// then kept beside it as `<dir>-pg17` (only ever opened by its own PGlite), so nothing is lost.
//
// The copy is PostgreSQL's own COPY, in one transaction: the new database gets the schema
// from the same migration files the old one recorded as applied, every row of every table,
// the sequences' positions, and the old migration bookkeeping; row counts are compared
// before anything is renamed. A dump with pg_dump would need @electric-sql/pglite-tools,
// whose releases each pin one PGlite version (a peer-dependency conflict at install).
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { KohortError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { applyMigrations, type MigrationFile } from './migrate.js';
import { PGLITE_START_PARAMS } from './pglite-params.js';
import { pgliteSession } from './sql-session.js';

/** The PostgreSQL major version of the PGlite in package.json (a test keeps this true). */
export const PGLITE_MAJOR = '18';
const UPGRADABLE_FROM = '17';

/** Where a finished copy waits before it takes the directory's place. */
const upgradingDir = (dir: string) => `${dir}.upgrading`;

/** Makes `dir` a directory this PGlite opens: nothing to do, or a one-time copy out of an older one. */
export async function upgradePgliteDir(dir: string, migrations: MigrationFile[], logger: Logger): Promise<void> {
  finishInterruptedSwap(dir, logger);
  const version = majorVersionOf(dir);
  if (version === undefined || version === PGLITE_MAJOR) return;
  if (version !== UPGRADABLE_FROM) {
    throw new KohortError('database_upgrade_failed', `${dir} holds a PostgreSQL ${version} database; this kohort opens ${PGLITE_MAJOR} and upgrades ${UPGRADABLE_FROM}`);
  }
  const backup = freeName(`${dir}-pg${version}`);
  const target = upgradingDir(dir);
  logger.info({ dir, from: version, to: PGLITE_MAJOR, keptAt: backup }, 'upgrading the embedded database to a new PostgreSQL version, once; the old directory is kept');
  const started = Date.now();
  rmSync(target, { recursive: true, force: true }); // a copy an earlier start did not finish
  let counts: Map<string, number>;
  try {
    counts = await copyDatabase(dir, target, migrations);
  } catch (error) {
    rmSync(target, { recursive: true, force: true });
    throw new KohortError('database_upgrade_failed', `could not upgrade ${dir} (it is unchanged): ${(error as Error).message}`, { cause: error });
  }
  renameSync(dir, backup);
  renameSync(target, dir);
  const rows = [...counts.values()].reduce((a, b) => a + b, 0);
  logger.info({ dir, keptAt: backup, tables: counts.size, rows, ms: Date.now() - started }, 'embedded database upgraded');
}

/** PG_VERSION names the major version a data directory belongs to; absent in a new one. */
function majorVersionOf(dir: string): string | undefined {
  const file = `${dir}/PG_VERSION`;
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
}

/**
 * The two renames at the end are the only moment the directory is missing: a copy found
 * complete beside a missing directory is put in its place.
 */
function finishInterruptedSwap(dir: string, logger: Logger): void {
  if (existsSync(dir) || !existsSync(upgradingDir(dir))) return;
  renameSync(upgradingDir(dir), dir);
  logger.info({ dir }, 'embedded database upgrade finished (it was interrupted after the copy)');
}

function freeName(base: string): string {
  let name = base;
  for (let n = 2; existsSync(name); n += 1) name = `${base}-${n}`;
  return name;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

type Queryable = Pick<PGlite, 'query' | 'exec'>;

async function copyDatabase(from: string, to: string, migrations: MigrationFile[]): Promise<Map<string, number>> {
  const { PGlite: PGlite17 } = await import('pglite-03');
  const old = await PGlite17.create({ dataDir: from });
  const next = await PGlite.create({ dataDir: to, startParams: PGLITE_START_PARAMS });
  try {
    // The schema the old database has, from the migrations it recorded (later ones are
    // applied afterwards as at any start, so data migrations run on the data).
    const recorded = await appliedMigrations(old);
    const unknown = recorded.filter((name) => !migrations.some((m) => m.name === name));
    if (unknown.length > 0) throw new Error(`it has migrations this kohort does not know (${unknown.join(', ')}); start the kohort version that made it`);
    await applyMigrations(
      pgliteSession(next),
      migrations.filter((m) => recorded.includes(m.name)),
    );
    const tables = (await old.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`)).rows.map((r) => r.name);
    const counts = new Map<string, number>();
    await next.exec('BEGIN');
    // Rows go in in any order: foreign keys are not checked (they held in the old database).
    await next.exec(`SET LOCAL session_replication_role = replica`);
    if (tables.length > 0) await next.exec(`TRUNCATE ${tables.map(quote).join(', ')}`);
    for (const table of tables) {
      const columns = (await columnsOf(old, table)).map(quote).join(', ');
      const out = await old.query(`COPY ${quote(table)} (${columns}) TO '/dev/blob'`);
      if (out.blob) await next.query(`COPY ${quote(table)} (${columns}) FROM '/dev/blob'`, [], { blob: out.blob });
      counts.set(table, await countRows(old, table));
    }
    for (const { name } of (await old.query<{ name: string }>(`SELECT sequencename AS name FROM pg_sequences WHERE schemaname = 'public'`)).rows) {
      const [position] = (await old.query<{ last_value: string; is_called: boolean }>(`SELECT last_value::text, is_called FROM ${quote(name)}`)).rows;
      if (position) await next.query(`SELECT setval($1, $2::bigint, $3)`, [quote(name), position.last_value, position.is_called]);
    }
    await next.exec('COMMIT');
    for (const [table, count] of counts) {
      const copied = await countRows(next, table);
      if (copied !== count) throw new Error(`table ${table}: ${count} rows, ${copied} copied`);
    }
    return counts;
  } finally {
    await old.close();
    await next.close();
  }
}

async function appliedMigrations(db: Queryable): Promise<string[]> {
  const exists = (await db.query<{ found: string | null }>(`SELECT to_regclass('public."_prisma_migrations"')::text AS found`)).rows[0]?.found;
  if (!exists) return [];
  const rows = await db.query<{ name: string }>(`SELECT migration_name AS name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`);
  return rows.rows.map((r) => r.name);
}

/** Stored columns only: a generated column is computed again by the new database. */
async function columnsOf(db: Queryable, table: string): Promise<string[]> {
  const rows = await db.query<{ name: string }>(`SELECT attname AS name FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = '' ORDER BY attnum`, [
    `public.${quote(table)}`,
  ]);
  return rows.rows.map((r) => r.name);
}

async function countRows(db: Queryable, table: string): Promise<number> {
  const rows = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${quote(table)}`);
  return rows.rows[0]?.n ?? 0;
}
