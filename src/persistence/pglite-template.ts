// The empty database PGlite's initdb makes — PostgreSQL's catalogs, 40 MB — is the same for
// every installation of one PGlite version, and making it takes several seconds and about
// 750 MB of memory. `npm install` makes it once (scripts/pglite-template.ts, postinstall), and
// a first start on an empty data directory loads it (about a second) instead of running
// initdb. Without it (a postinstall that failed, another PGlite version) the start runs initdb.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { fromRoot } from '../project-root.js';
import { PGLITE_START_PARAMS } from './pglite-params.js';

/** Keyed by PGlite's version: another version's catalogs are not this one's. */
export function pgliteTemplatePath(): string {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const { version } = JSON.parse(readFileSync(path.join(path.dirname(entry), '..', 'package.json'), 'utf8')) as { version: string };
  return fromRoot('node_modules', '.cache', 'kohort', `pglite-${version}-initdb.tar.gz`);
}

export function readPgliteTemplate(): Blob | undefined {
  const file = pgliteTemplatePath();
  return existsSync(file) ? new Blob([readFileSync(file)]) : undefined;
}

export async function writePgliteTemplate(): Promise<string> {
  const file = pgliteTemplatePath();
  const db = await PGlite.create({ startParams: PGLITE_START_PARAMS });
  try {
    const dump = await db.dumpDataDir('gzip');
    mkdirSync(path.dirname(file), { recursive: true });
    // Written whole, then renamed: a start never reads half a template.
    writeFileSync(`${file}.partial`, Buffer.from(await dump.arrayBuffer()));
    renameSync(`${file}.partial`, file);
  } finally {
    await db.close();
  }
  return file;
}
