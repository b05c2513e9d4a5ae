// kohort's command line: `npm run cli -- <command>`.
//   program validate FILE   check a program file; every error names its path and line
//   program import FILE     validate, then create or update the program in the database
//   program export [SLUG]   print the program as last imported (YAML)
//   program schema          print the JSON Schema of program files (for editors)
//   db migrate              apply pending database migrations
// Exit codes: 0 success, 1 the input or the operation failed, 2 bad usage or configuration.
import { stringify } from 'yaml';
import { z } from 'zod';
import { systemClock } from './core/clock.js';
import { isKohortError } from './core/errors.js';
import { createLogger } from './core/logger.js';
import { readConfig } from './config.js';
import { environment } from './env.js';
import { loadProgramFile } from './domain/program/load.js';
import { programFileSchema } from './domain/program/schema.js';
import { openDatabase } from './persistence/database.js';
import { loadTranslator } from './i18n/i18n.js';
import { importProgram } from './persistence/program-import.js';
import { wire } from './wiring.js';

const USAGE = `usage: npm run cli -- program validate FILE | program import FILE | program export [SLUG] | program schema | db migrate`;

async function main(argv: string[]): Promise<number> {
  const [area, command, arg] = argv;
  const out = (text: string) => process.stdout.write(`${text}\n`);
  if (area === 'program' && command === 'schema') {
    out(JSON.stringify(z.toJSONSchema(programFileSchema, { io: 'input' }), null, 2));
    return 0;
  }
  if (area === 'program' && command === 'validate' && arg) {
    const program = await loadProgramFile(arg, systemClock.now());
    out(`${arg} is valid: ${program.modules.length} modules, ${program.file.cohorts.length} cohort(s).`);
    return 0;
  }
  const needsDb = (area === 'program' && (command === 'import' ? Boolean(arg) : command === 'export')) || (area === 'db' && command === 'migrate');
  if (!needsDb) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const config = readConfig(environment());
  const logger = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, process.stderr);
  // Validate before opening the database: a broken file must leave it untouched.
  const program = command === 'import' && arg ? await loadProgramFile(arg, systemClock.now()) : undefined;
  const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, logger });
  try {
    if (program) {
      const report = await importProgram(db.prisma, program);
      out(`imported ${program.file.program.slug}: ${report.modules} modules, ${report.preparations} preparations, ${report.participants} participants in ${report.cohorts} cohort(s).`);
      if (report.notInFile.length > 0) out(`kept, but no longer in the file: ${report.notInFile.join(', ')}`);
      // Moved deadlines move their reminders; nothing already sent is sent again.
      const { ports } = wire(db, { translator: loadTranslator(), clock: systemClock, logger, adapters: new Map() });
      const plan = await ports.planning.replan({ programIds: [report.programId] }, systemClock.now());
      const { reminders, summaries, reflections, ...others } = plan;
      if (reminders) out(`reminders: ${reminders.planned} new, ${reminders.cancelled} no longer needed.`);
      if (summaries || reflections) out(`summaries: ${summaries?.planned ?? 0} new; reflection questions: ${reflections?.planned ?? 0} new.`);
      for (const [planner, outcome] of Object.entries(others)) out(`${planner}: ${outcome.planned} new, ${outcome.cancelled} no longer needed.`);
    } else if (command === 'export') {
      const rows = await db.prisma.program.findMany({ where: arg ? { slug: arg } : {}, orderBy: { slug: 'asc' } });
      if (rows.length === 0) {
        process.stderr.write(arg ? `no program "${arg}"\n` : 'no programs imported yet\n');
        return 1;
      }
      out(rows.map((row) => stringify(row.source)).join('---\n'));
    } else {
      out(`database is up to date (${db.kind}).`);
    }
    return 0;
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`kohort: ${isKohortError(error) ? error.message : String(error)}\n`);
    process.exit(isKohortError(error, 'config_invalid') ? 2 : 1);
  },
);
