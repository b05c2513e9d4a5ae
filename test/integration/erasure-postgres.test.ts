// Erasure on a real PostgreSQL (issue 16.2): `glöm mig` removes the rows from the tables at
// once — nothing of Erik is left in any table, the stored program file or the exports — and
// the next import of the same file does not bring him back.
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/logger.js';
import { openDatabase, type Database } from '../../src/persistence/database.js';
import { buttonOf, routerChat } from '../helpers/chat.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { startPostgres, type TestPostgres } from '../helpers/postgres.js';
import { importFixture, servicesFor } from '../helpers/services.js';
import { everyRowAsText } from '../helpers/table-dump.js';

let postgres: TestPostgres;
let db: Database;
let wiring: ReturnType<typeof servicesFor>;
const clock = new FakeClock(DateTime.fromISO('2027-01-11T10:00', { zone: 'Europe/Stockholm' }).toJSDate());
const ERIK = 'demo-host/erik';

beforeAll(async () => {
  postgres = await startPostgres();
  db = await openDatabase({ databaseUrl: postgres.url, dataDir: '.', logger: createLogger('silent') });
  await importFixture(db, 'programs/digitalt-forst.yaml', clock.now());
  wiring = servicesFor(db, clock);
  await wiring.services.planning.replan({}, clock.now());
});
afterAll(async () => {
  await db?.close();
  postgres?.stop();
});

const { say, press, last } = routerChat(() => wiring);

describe('erasure on PostgreSQL', () => {
  it('leaves nothing of Erik in any table, and the next import says he stays erased', async () => {
    const erik = (await db.prisma.participant.findFirstOrThrow({ where: { key: 'erik' } })).id;
    await say(ERIK, 'sluta Sluta skriva veckobrev som ingen läser');
    await say(ERIK, 'mognadstest');
    await say(ERIK, '3');
    await say(ERIK, 'mina data');
    await say('demo-host/sara', 'beslutsexport');
    expect(await everyRowAsText(db.prisma)).toContain('Nyström');

    await say(ERIK, 'glöm mig');
    await press(ERIK, buttonOf(last(), 'Ja, radera mig'));

    const rows = await everyRowAsText(db.prisma);
    for (const trace of ['Erik', 'Nyström', ERIK, erik, 'veckobrev']) expect(rows).not.toContain(trace);
    expect(await db.prisma.participant.count()).toBe(5);

    const report = await importFixture(db, 'programs/digitalt-forst.yaml', clock.now());
    expect(report.erasedOnRequest).toEqual(['demo-host/erik']);
    expect(await db.prisma.participant.count({ where: { key: 'erik' } })).toBe(0);
  });
});
