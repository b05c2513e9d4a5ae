// Real services over a real (PGlite) database, with a fake clock and a recording adapter.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createLogger } from '../../src/core/logger.js';
import type { Services } from '../../src/features/context.js';
import { createRouter } from '../../src/features/router.js';
import { loadTranslator } from '../../src/i18n/i18n.js';
import { validateProgramText } from '../../src/domain/program/validate.js';
import { importProgram } from '../../src/persistence/program-import.js';
import { prismaCohorts, prismaDeadlines } from '../../src/persistence/repositories/cohorts.js';
import { prismaAudit, prismaConversations, prismaEventLedger } from '../../src/persistence/repositories/ledger.js';
import { prismaPeople } from '../../src/persistence/repositories/people.js';
import type { Database } from '../../src/persistence/database.js';
import type { FakeClock } from './fake-clock.js';
import { ROOT } from './kohort-process.js';
import { RecordingAdapter } from './recording-adapter.js';

export function servicesFor(db: Database, clock: FakeClock) {
  const adapter = new RecordingAdapter('local');
  const services: Services = {
    people: prismaPeople(db.prisma),
    cohorts: prismaCohorts(db.prisma),
    deadlines: prismaDeadlines(db.prisma),
    ledger: prismaEventLedger(db.prisma),
    conversations: prismaConversations(db.prisma),
    audit: prismaAudit(db.prisma),
    translator: loadTranslator(),
    clock,
    logger: createLogger('silent'),
    adapters: new Map([['local', adapter]]),
  };
  return { services, adapter, route: createRouter(services) };
}

export async function importFixture(db: Database, file: string, importedAt: Date) {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  const result = validateProgramText(text, importedAt);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return importProgram(db.prisma, result.program);
}
