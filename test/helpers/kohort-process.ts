// Starts the real kohort process on a free port and waits for its own "kohort is running" log
// line — no sleeping, no guessing. From source under tsx by default, so a test runs the code
// as it is on disk; COMPILED is what `npm start` runs (build it first: scripts/build.js).
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface KohortProcess {
  child: ChildProcess;
  port: number;
  url: string;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export const FROM_SOURCE = ['--import', 'tsx', 'adapters/main.ts'];
export const COMPILED = ['dist/adapters/main.js'];

export function runKohort(env: Record<string, string>, argv = FROM_SOURCE): ChildProcess {
  return spawn(process.execPath, argv, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

export async function startKohortProcess(env: Record<string, string>, argv = FROM_SOURCE): Promise<KohortProcess> {
  const child = runKohort(env, argv);
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      for (const line of output.split('\n')) {
        if (!line.startsWith('{')) continue;
        try {
          const entry = JSON.parse(line) as { msg?: string; port?: number };
          if (entry.msg === 'kohort is running' && entry.port) return resolve(entry.port);
        } catch {
          /* a partial line; wait for the rest */
        }
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`kohort exited with ${code} before it was ready:\n${output}`)));
  });
  return {
    child,
    port,
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      child.kill(signal);
      return exited(child);
    },
  };
}
