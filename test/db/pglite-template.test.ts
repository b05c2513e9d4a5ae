// A first start on an empty data directory loads the empty database `npm install` made
// (scripts/pglite-template.ts) instead of running initdb, and the database is like any
// other: migrated, usable, and the same after a restart.
import { existsSync, rmSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/logger.js';
import { openDatabase, type Database } from '../../src/persistence/database.js';
import { pgliteTemplatePath, writePgliteTemplate } from '../../src/persistence/pglite-template.js';
import { tempDir } from '../helpers/database.js';

let dataDir: string | undefined;
let db: Database | undefined;
afterEach(async () => {
  await db?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

function recordingLogger() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { logger: createLogger('info', stream), text: () => text };
}

describe('the empty database made at install', () => {
  it('is where a first start begins, instead of initdb', async () => {
    if (!existsSync(pgliteTemplatePath())) await writePgliteTemplate();
    dataDir = tempDir('kohort-template-');
    const first = recordingLogger();
    db = await openDatabase({ dataDir, logger: first.logger });
    expect(first.text()).toContain('from the empty one made at install');
    expect(first.text()).toContain('database migrations applied');
    await db.prisma.program.create({ data: { slug: 'p', name: 'P', reminderPolicy: {}, source: {} } });
    await db.close();

    const again = recordingLogger();
    db = await openDatabase({ dataDir, logger: again.logger });
    expect(again.text()).not.toContain('made at install');
    expect(await db.prisma.program.count()).toBe(1);
  }, 60_000);
});
