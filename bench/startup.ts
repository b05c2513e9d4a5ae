// Start-up benchmark: kohort started as `npm start` runs it in production (the compiled
// entry, dist/adapters/main.js, built first as prestart does), timed from spawn until the
// playground page answers 200, and its resident memory (VmRSS) after a few idle seconds;
// on PGlite with existing data and with an empty data directory (initdb, migrations, the
// demo program), and on a PostgreSQL the bench starts itself. Medians of several runs.
// The same from source under tsx (how `npm start` ran before) is the comparison.
// The CPU time the process used until ready is reported too: on a machine other work keeps
// busy, it varies far less than the wall-clock time.
//   npm run bench:startup            STARTUP_RUNS=5 (runs each), STARTUP_IDLE_MS=5000,
//                                    STARTUP_SOURCE=0 skips the tsx comparison
//   STARTUP_ROOT=/path/to/checkout   measures another checkout from source (a "before")
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { pgliteTemplatePath } from '../src/persistence/pglite-template.js';
import { tempDir } from '../test/helpers/database.js';
import { ROOT } from '../test/helpers/kohort-process.js';
import { freePort, postgresBinDir, startPostgres } from '../test/helpers/postgres.js';
import { printReport, type Figure } from './report.js';

const RUNS = Number(process.env.STARTUP_RUNS ?? 5);
const IDLE_MS = Number(process.env.STARTUP_IDLE_MS ?? 5000);
/** A checkout to measure from source instead of this one's compiled entry. */
const OTHER_ROOT = process.env.STARTUP_ROOT ? path.resolve(process.env.STARTUP_ROOT) : undefined;
const READY_TIMEOUT_MS = 120_000;

interface Entry {
  label: string;
  root: string;
  args: string[];
}

const COMPILED: Entry = { label: 'compiled', root: ROOT, args: ['dist/adapters/main.js'] };
const fromSource = (root: string): Entry => ({ label: root === ROOT ? 'tsx from source' : `tsx, ${root}`, root, args: ['--import', 'tsx', 'adapters/main.ts'] });

interface Sample {
  readyMs: number;
  /** User and system CPU time of the process (all its threads) until ready. */
  cpuMs: number;
  rss: number;
}

/** utime + stime from /proc/<pid>/stat, in clock ticks of 10 ms. */
function cpuOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
    .replace(/^.*\) /, '')
    .split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function rssOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(line?.replace(/\D+/g, '') ?? 0) * 1024;
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

/** One start: spawn, poll the playground until it answers 200, idle, read RSS, stop cleanly. */
async function startOnce(entry: Entry, env: Record<string, string>, idleMs = IDLE_MS): Promise<Sample> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, entry.args, {
    cwd: entry.root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'warn', DEMO_PROGRAM: 'programs/digitalt-forst.yaml', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  try {
    while (!(await answers(`http://127.0.0.1:${port}/`))) {
      if (exitCode !== undefined) throw new Error(`kohort exited with ${exitCode}:\n${stderr}`);
      if (performance.now() - started > READY_TIMEOUT_MS) throw new Error(`kohort not ready after ${READY_TIMEOUT_MS} ms:\n${stderr}`);
      await sleep(20);
    }
    const readyMs = performance.now() - started;
    const cpuMs = cpuOf(child.pid!);
    await sleep(idleMs);
    return { readyMs, cpuMs, rss: rssOf(child.pid!) };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

interface Scenario {
  name: string;
  /** A fresh environment (data directory, database URL) for each run. */
  env(): Record<string, string>;
  cleanup?(env: Record<string, string>): void;
  readyTarget?: string;
  rssTarget?: string;
  /** Around all runs of the scenario. */
  before?(): void;
  after?(): void;
}

async function measure(entry: Entry, scenario: Scenario, figures: Figure[]): Promise<void> {
  const samples: Sample[] = [];
  scenario.before?.();
  try {
    for (let i = 0; i < RUNS; i += 1) {
      const env = scenario.env();
      try {
        samples.push(await startOnce(entry, env));
      } finally {
        scenario.cleanup?.(env);
      }
    }
  } finally {
    scenario.after?.();
  }
  const ready = median(samples.map((s) => s.readyMs)) / 1000;
  const cpu = median(samples.map((s) => s.cpuMs)) / 1000;
  const rss = median(samples.map((s) => s.rss)) / 1024 / 1024;
  const list = (pick: (s: Sample) => number, digits: number) => samples.map((s) => pick(s).toFixed(digits)).join(' ');
  const readies = list((s) => s.readyMs / 1000, 2);
  const cpus = list((s) => s.cpuMs / 1000, 2);
  const rsses = list((s) => s.rss / 1048576, 0);
  process.stdout.write(`${entry.label}, ${scenario.name}: ready ${readies} s; CPU ${cpus} s; RSS ${rsses} MB\n`);
  figures.push({ name: `ready, ${scenario.name} (${entry.label}, median of ${RUNS})`, value: ready, unit: 's', target: scenario.readyTarget });
  figures.push({ name: `CPU until ready, ${scenario.name} (${entry.label}, median of ${RUNS})`, value: cpu, unit: 's' });
  figures.push({ name: `idle RSS, ${scenario.name} (${entry.label}, median of ${RUNS})`, value: rss, unit: 'MB', target: scenario.rssTarget });
}

/** A data directory a previous start left: made once by the entry itself, copied for each run. */
async function existingDataDir(entry: Entry): Promise<string> {
  const dir = tempDir('kohort-bench-startup-');
  await startOnce(entry, { DATA_DIR: dir }, 0);
  return dir;
}

function pgliteScenarios(template: string): Scenario[] {
  const fresh = (copyFrom?: string) => () => {
    const dir = tempDir('kohort-bench-startup-');
    if (copyFrom) cpSync(copyFrom, dir, { recursive: true });
    return { DATA_DIR: dir };
  };
  const cleanup = (env: Record<string, string>) => rmSync(env.DATA_DIR!, { recursive: true, force: true });
  const scenarios: Scenario[] = [
    { name: 'PGlite, existing data', env: fresh(template), cleanup, readyTarget: '<= 2', rssTarget: '<= 350' },
    { name: 'PGlite, empty data directory', env: fresh(), cleanup, readyTarget: '<= 5' },
  ];
  // The same first start without the empty database npm install makes: PGlite's initdb runs.
  const made = pgliteTemplatePath();
  if (!OTHER_ROOT && existsSync(made)) {
    const aside = `${made}.bench-aside`;
    scenarios.push({ name: 'PGlite, empty data directory, initdb (no install-time template)', env: fresh(), cleanup, before: () => renameSync(made, aside), after: () => renameSync(aside, made) });
  }
  return scenarios;
}

async function main(): Promise<void> {
  const figures: Figure[] = [];
  const entries: Entry[] = [];
  if (OTHER_ROOT) {
    entries.push(fromSource(OTHER_ROOT));
  } else {
    // As prestart does; timed, because `npm start` pays it at every start.
    const built = performance.now();
    execFileSync(process.execPath, ['scripts/build.js'], { cwd: ROOT, stdio: 'inherit' });
    figures.push({ name: 'build before start (prestart: esbuild, src/ and adapters/)', value: (performance.now() - built) / 1000, unit: 's' });
    entries.push(COMPILED);
    if (process.env.STARTUP_SOURCE !== '0') entries.push(fromSource(ROOT));
  }

  for (const entry of entries) {
    const template = await existingDataDir(entry);
    try {
      for (const scenario of pgliteScenarios(template)) await measure(entry, scenario, figures);
    } finally {
      rmSync(template, { recursive: true, force: true });
    }
  }

  if (!postgresBinDir()) {
    process.stdout.write('PostgreSQL: skipped, no server binaries under /usr/lib/postgresql (apt-get install postgresql)\n');
  } else {
    const postgres = await startPostgres();
    try {
      const dataDir = tempDir('kohort-bench-startup-');
      const env = () => ({ DATABASE_URL: postgres.url, DATA_DIR: dataDir });
      // The first start migrates and imports the demo program; the runs find it there.
      await startOnce(entries[0]!, env(), 0);
      for (const entry of entries) await measure(entry, { name: 'PostgreSQL, existing data', env, readyTarget: '<= 2', rssTarget: '<= 200' }, figures);
      rmSync(dataDir, { recursive: true, force: true });
    } finally {
      postgres.stop();
    }
  }

  const compiledOnly = (f: Figure) => (f.name.includes('(compiled') ? f : { ...f, target: undefined });
  printReport({
    bench: 'startup',
    context: `${os.cpus().length} cores, Node ${process.versions.node}, ${RUNS} runs each, RSS after ${IDLE_MS / 1000} s idle${OTHER_ROOT ? `, ${OTHER_ROOT}` : ''}`,
    // The targets are for production's compiled start; the tsx rows are the comparison.
    figures: OTHER_ROOT ? figures : figures.map(compiledOnly),
  });
}

await main();
