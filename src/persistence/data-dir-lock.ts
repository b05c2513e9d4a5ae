// PGlite is an in-process database: two processes opening the same directory would
// corrupt it. A pid file turns that mistake into a clear error instead.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { KohortError } from '../core/errors.js';

/** The directory is in use by another live kohort process (its pid: `holder`). */
export class DataDirLockedError extends KohortError {
  readonly dir: string;
  readonly holder: number;

  constructor(dir: string, holder: number) {
    super('data_dir_locked', `another kohort process (pid ${holder}) is using ${dir}; stop it first, or point DATA_DIR elsewhere`);
    this.dir = dir;
    this.holder = holder;
  }
}

export function lockDataDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'kohort.pid');
  const holder = readHolder(file);
  if (holder !== undefined && holder !== process.pid && isAlive(holder)) {
    throw new DataDirLockedError(dir, holder);
  }
  writeFileSync(file, String(process.pid));
  return () => {
    if (readHolder(file) === process.pid) rmSync(file, { force: true });
  };
}

function readHolder(file: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
    return Number.isFinite(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
