// Real wiring over a real (PGlite) database, with a fake clock and a recording adapter.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createLogger } from '../../src/core/logger.js';
import { loadTranslator } from '../../src/i18n/i18n.js';
import { validateProgramText } from '../../src/domain/program/validate.js';
import { importProgram } from '../../src/persistence/program-import.js';
import { createOutboxWorker } from '../../src/outbox/worker.js';
import { wire } from '../../src/wiring.js';
import type { Database } from '../../src/persistence/database.js';
import { DateTime } from 'luxon';
import { freshDatabase } from './database.js';
import { FakeClock } from './fake-clock.js';
import { ROOT } from './kohort-process.js';
import { RecordingAdapter } from './recording-adapter.js';

/** `textOnly`: the adapter is a plain-text chat (no buttons, no forms). */
export function servicesFor(db: Database, clock: FakeClock, options: { textOnly?: boolean } = {}) {
  const adapter = new RecordingAdapter('local', options);
  const wiring = wire(db, { translator: loadTranslator(), clock, logger: createLogger('silent'), adapters: new Map([['local', adapter]]) });
  return {
    services: wiring.ports,
    wiring,
    adapter,
    route: wiring.route,
    /** An outbox worker over the same wiring, as the scheduler makes one. */
    worker: (workerId = 'w', concurrency?: number) => createOutboxWorker({ ...wiring.worker, workerId, ...(concurrency ? { concurrency } : {}) }),
  };
}

export async function importFixture(db: Database, file: string, importedAt: Date) {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  const result = validateProgramText(text, importedAt);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return importProgram(db.prisma, result.program);
}

/**
 * Everyone in the database has had the privacy notice already (people who used kohort
 * before): for tests about other features, whose answers then arrive without it. The notice
 * itself is tested in test/db/data-rights.test.ts.
 */
export async function noticeAlreadyGiven(db: Database, at: Date): Promise<void> {
  await db.prisma.participant.updateMany({ data: { privacyNoticeAt: at } });
}

/**
 * The demo program on a fresh database at a Stockholm wall-clock time, wired, with its
 * outbox plan made: the starting point of most walks through the demo cohort.
 */
export async function demoCohort(localTime = '2027-01-11T10:00') {
  const db = await freshDatabase();
  const clock = new FakeClock(DateTime.fromISO(localTime, { zone: 'Europe/Stockholm' }).toJSDate());
  await importFixture(db, 'programs/digitalt-forst.yaml', clock.now());
  const wiring = servicesFor(db, clock);
  await wiring.services.planning.replan({}, clock.now());
  return { db, clock, wiring };
}
