// A minimal SQL session over either driver, used where Prisma cannot help:
// applying migrations (multi-statement scripts, advisory locks) and health checks.
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';

export interface SqlSession {
  /** Runs a script that may hold several statements. */
  exec(script: string): Promise<void>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

export function pgliteSession(db: PGlite): SqlSession {
  return {
    async exec(script) {
      await db.exec(script);
    },
    async query<T>(sql: string, params: unknown[] = []) {
      const result = await db.query<T>(sql, params);
      return result.rows;
    },
  };
}

export function pgSession(client: pg.Client | pg.PoolClient): SqlSession {
  return {
    async exec(script) {
      await client.query(script);
    },
    async query<T>(sql: string, params: unknown[] = []) {
      const result = await client.query(sql, params);
      return result.rows as T[];
    },
  };
}
