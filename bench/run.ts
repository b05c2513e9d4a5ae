// `npm run bench`: every benchmark, each in a process of its own (so one's memory never
// counts against another's), one after another (so they never compete for the cores).
// Each benchmark's own output goes to stderr as it runs; stdout gets one table of every
// figure and, as its last line, one JSON object with the machine and every figure.
//   npm run bench                 all of them
//   npm run bench -- scheduler    only the ones named
import { spawn } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { formatTable, meets, type BenchReport } from './report.js';

const BENCHES = ['startup', 'scheduler', 'broadcast', 'inbound'] as const;

/** Runs `tsx bench/<name>.ts`, passing its output through, and reads its last line. */
function runBench(name: string): Promise<BenchReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', `bench/${name}.ts`], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      process.stderr.write(chunk);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const last = out.trimEnd().split('\n').at(-1) ?? '';
      try {
        const report = JSON.parse(last) as BenchReport;
        if (code !== 0) reject(new Error(`bench/${name}.ts exited with ${code}`));
        else resolve(report);
      } catch {
        reject(new Error(`bench/${name}.ts exited with ${code} and no report on its last line`));
      }
    });
  });
}

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(BENCHES as readonly string[]).includes(name));
if (unknown.length > 0) {
  process.stderr.write(`unknown benchmark: ${unknown.join(', ')} (there are: ${BENCHES.join(', ')})\n`);
  process.exit(2);
}

const machine = { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: process.platform };
const reports: BenchReport[] = [];
const failures: string[] = [];
for (const name of wanted.length > 0 ? wanted : BENCHES) {
  process.stderr.write(`\n=== bench/${name}.ts ===\n`);
  try {
    reports.push(await runBench(name));
  } catch (error) {
    failures.push((error as Error).message);
  }
}

const missed = reports.flatMap((r) => r.figures.filter((f) => meets(f) === false).map((f) => `${r.bench}: ${f.name}`));
process.stdout.write(`\nkohort benchmarks on ${machine.cpus} × ${machine.cpu}, ${machine.memoryGiB} GiB, Node ${machine.node}\n\n${formatTable(reports)}\n`);
for (const failure of failures) process.stdout.write(`FAILED: ${failure}\n`);
process.stdout.write(`${JSON.stringify({ machine, reports, failures, targetsMissed: missed })}\n`);
process.exitCode = failures.length > 0 ? 1 : 0;
