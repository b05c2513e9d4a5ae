// kohort's command line: `npm run -s cli -- <command>` (`-s` keeps npm's own lines out of
// the output, so it can be redirected to a file).
//   program validate FILE             check a program file; every error it can find, each naming its path and line
//   program import FILE               validate, then create or update the program in the database
//   program export [SLUG] [-o FILE]   the program as last imported (YAML)
//   program schema [-o FILE]          the JSON Schema of program files (for editors)
//   db migrate                        apply pending database migrations
//   person export COHORT/KEY [-o FILE] everything kohort holds about one person (JSON), for a request by e-mail or letter
//   person erase COHORT/KEY [--yes]   erase one person as `glöm mig` does; without --yes it only says what it would erase
// `-o FILE` / `--output FILE` writes the document to FILE instead of standard output.
// The entry point is adapters/cli.ts, which adds what the platforms keep on disk (for erasure).
// Exit codes: 0 success, 1 the input or the operation failed, 2 bad usage or configuration.
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { systemClock } from './core/clock.js';
import { isKohortError, KohortError } from './core/errors.js';
import { fileProblem } from './core/file-problem.js';
import { createLogger } from './core/logger.js';
import { readConfig } from './config.js';
import { environment } from './env.js';
import { loadProgramFile } from './domain/program/load.js';
import { formatIssue } from './domain/program/validate.js';
import { programFileSchema } from './domain/program/schema.js';
import { DataDirLockedError } from './persistence/data-dir-lock.js';
import { openDatabase } from './persistence/database.js';
import { loadTranslator } from './i18n/i18n.js';
import { wire } from './wiring.js';
import { runPersonCommand } from './cli-person.js';
import type { Forgetter } from './domain/privacy.js';

const USAGE = `usage: npm run cli -- program validate FILE | program import FILE | program export [SLUG] [-o FILE] | program schema [-o FILE] | db migrate | person export COHORT/KEY [-o FILE] | person erase COHORT/KEY [--yes]`;

interface Invocation {
  area?: string;
  command?: string;
  arg?: string;
  output?: string;
  yes: boolean;
}

/** Undefined on bad usage: an unknown option, `-o` without a file, or `-o` where nothing is printed. */
function parseInvocation(argv: string[]): Invocation | undefined {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { output: { type: 'string', short: 'o' }, yes: { type: 'boolean' } }, allowPositionals: true });
  } catch {
    return undefined;
  }
  const [area, command, arg] = parsed.positionals;
  const { output, yes = false } = parsed.values;
  const printsDocument = (area === 'program' && (command === 'schema' || command === 'export')) || (area === 'person' && command === 'export');
  if (output !== undefined && !printsDocument) return undefined;
  if (yes && !(area === 'person' && command === 'erase')) return undefined;
  return { area, command, arg, output, yes };
}

export interface CliExtras {
  /** What the platforms keep under DATA_DIR (the playground's transcript), loaded only for an erasure. */
  storedData(dataDir: string): Promise<Forgetter[]>;
}

export async function runCli(argv: string[], extras: CliExtras): Promise<number> {
  const call = parseInvocation(argv);
  const { area, command, arg } = call ?? {};
  const out = (text: string) => process.stdout.write(`${text}\n`);
  /** The command's document: into the file the operator named, else to standard output. */
  const emit = async (text: string) => {
    if (!call?.output) return out(text);
    try {
      await writeFile(call.output, `${text}\n`);
    } catch (error) {
      throw new KohortError('bad_input', `cannot write ${call.output}: ${fileProblem(error)}`, { cause: error });
    }
    out(`wrote ${call.output}`);
  };
  if (area === 'program' && command === 'schema') {
    await emit(JSON.stringify(z.toJSONSchema(programFileSchema, { io: 'input' }), null, 2));
    return 0;
  }
  if (area === 'program' && command === 'validate' && arg) {
    const program = await loadProgramFile(arg, systemClock.now());
    out(`${arg} is valid: ${program.modules.length} modules, ${program.file.cohorts.length} cohort(s).`);
    // Valid, so the exit code says so; what is probably not meant is said all the same.
    for (const warning of program.warnings) out(`  warning: ${formatIssue(warning)}`);
    return 0;
  }
  const isPerson = area === 'person' && (command === 'export' || command === 'erase') && Boolean(arg);
  const needsDb = (area === 'program' && (command === 'import' ? Boolean(arg) : command === 'export')) || (area === 'db' && command === 'migrate') || isPerson;
  if (!call || !needsDb) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const config = readConfig(environment());
  const logger = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, process.stderr);
  // Validate before opening the database: a broken file must leave it untouched.
  const program = command === 'import' && arg ? await loadProgramFile(arg, systemClock.now()) : undefined;
  const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, logger }).catch((error: unknown) => {
    throw error instanceof DataDirLockedError ? new KohortError('data_dir_locked', whileRunning(command, error), { cause: error }) : error;
  });
  try {
    if (isPerson) {
      const wiring = wire(db, { translator: loadTranslator(), clock: systemClock, logger, adapters: new Map(), secret: config.KOHORT_SECRET });
      const person = { command: command as 'export' | 'erase', who: arg!, confirmed: call.yes, now: systemClock.now() };
      return await runPersonCommand(db, wiring, person, { emit: async (text) => void (await emit(text)), out, storedData: () => extras.storedData(config.DATA_DIR) });
    }
    // The console imports and exports through the same port, so a file goes in and out one way.
    const { ports } = wire(db, { translator: loadTranslator(), clock: systemClock, logger, adapters: new Map(), secret: config.KOHORT_SECRET });
    if (program) {
      const report = await ports.programs.import(program);
      out(`imported ${program.file.program.slug}: ${report.modules} modules, ${report.preparations} preparations, ${report.participants} participants in ${report.cohorts} cohort(s).`);
      if (report.notInFile.length > 0) out(`kept, but no longer in the file: ${report.notInFile.join(', ')}`);
      if (report.erasedOnRequest.length > 0) out(`not imported, erased on request: ${report.erasedOnRequest.join(', ')} – remove them from the file.`);
      for (const warning of program.warnings) out(`  warning: ${formatIssue(warning)}`);
      // Moved deadlines move their reminders; nothing already sent is sent again.
      const plan = await ports.planning.replan({ programIds: [report.programId] }, systemClock.now());
      const { reminders, summaries, reflections, ...others } = plan;
      if (reminders) out(`reminders: ${reminders.planned} new, ${reminders.cancelled} no longer needed.`);
      if (summaries || reflections) out(`summaries: ${summaries?.planned ?? 0} new; reflection questions: ${reflections?.planned ?? 0} new.`);
      for (const [planner, outcome] of Object.entries(others)) out(`${planner}: ${outcome.planned} new, ${outcome.cancelled} no longer needed.`);
    } else if (command === 'export') {
      const file = await ports.programs.exportFile(arg);
      if (file === undefined) {
        process.stderr.write(arg ? `no program "${arg}"\n` : 'no programs imported yet\n');
        return 1;
      }
      await emit(file);
    } else {
      out(`database is up to date (${db.kind}).`);
    }
    return 0;
  } finally {
    await db.close();
  }
}

/**
 * The embedded database can be open in one process only, and a running kohort holds it:
 * say what to do, in one line, for the command that was refused.
 */
function whileRunning(command: string | undefined, locked: DataDirLockedError): string {
  const running = `kohort is running on the embedded database in ${locked.dir} (pid ${locked.holder}), which only one process can open at a time`;
  if (command === 'migrate') return `cannot migrate: ${running}. Stop kohort first; it applies pending migrations itself when it starts.`;
  return `cannot ${command}: ${running}. Stop kohort first, run this again, then start kohort; or run kohort on PostgreSQL (DATABASE_URL), where ${command} works while kohort runs.`;
}

/** How the entry point ends the process: the exit code, or one line for an error. */
export function exitWith(run: Promise<number>): void {
  run.then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`kohort: ${isKohortError(error) ? error.message : String(error)}\n`);
      process.exit(isKohortError(error, 'config_invalid') ? 2 : 1);
    },
  );
}
