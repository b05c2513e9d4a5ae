// Real services over a real (PGlite) database, with a fake clock and a recording adapter.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createLogger } from '../../src/core/logger.js';
import { createRouter } from '../../src/features/router.js';
import { loadTranslator } from '../../src/i18n/i18n.js';
import { validateProgramText } from '../../src/domain/program/validate.js';
import { importProgram } from '../../src/persistence/program-import.js';
import { createServices } from '../../src/services.js';
import type { Database } from '../../src/persistence/database.js';
import type { FakeClock } from './fake-clock.js';
import { ROOT } from './kohort-process.js';
import { RecordingAdapter } from './recording-adapter.js';

export function servicesFor(db: Database, clock: FakeClock) {
  const adapter = new RecordingAdapter('local');
  const services = createServices(db, {
    translator: loadTranslator(),
    clock,
    logger: createLogger('silent'),
    adapters: new Map([['local', adapter]]),
  });
  return { services, adapter, route: createRouter(services) };
}

export async function importFixture(db: Database, file: string, importedAt: Date) {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  const result = validateProgramText(text, importedAt);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return importProgram(db.prisma, result.program);
}
