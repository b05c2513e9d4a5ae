// What every inbound event reads and writes — the ledger, the person, the conversation —
// and status's deadlines, now read in batches and plain statements (issue 18): the same
// answers as before, nothing stale, and nothing written twice that needs writing once.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ConversationRef } from '../../src/core/events.js';
import { createLogger } from '../../src/core/logger.js';
import { openDatabase, type Database } from '../../src/persistence/database.js';
import { validateProgramText } from '../../src/domain/program/validate.js';
import { importProgram } from '../../src/persistence/program-import.js';
import { prismaEventLedger } from '../../src/persistence/repositories/ledger.js';
import { freshDatabase } from '../helpers/database.js';
import { postgresBinDir, queryPostgres, startPostgres, type TestPostgres } from '../helpers/postgres.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { servicesFor } from '../helpers/services.js';

const PROGRAM = `
program: { slug: reads, name: "Läsningar", locale: sv, timezone: Europe/Stockholm }
modules:
  - number: 1
    title: { sv: "Uppstart", en: "Kick-off" }
    start: "+40d 09:30"
    preparations:
      - { key: p1, kind: read, title: { sv: "Första", en: "First" }, due: "+1d 12:00" }
      - { key: p2, kind: read, title: "Andra", due: "+4d 12:00" }
      - { key: p3, kind: read, title: "Tredje", due: "+5d 12:00" }
      - { key: fri, kind: read, title: "Frivillig", due: "+5d 13:00", tracked: false }
      - { key: p4, kind: read, title: "Fjärde", due: "+6d 12:00" }
      - { key: p5, kind: read, title: "Femte", due: "+7d 12:00" }
      - { key: p6, kind: read, title: "Sjätte", due: "+8d 12:00" }
      - { key: p7, kind: read, title: "Sjunde", due: "+9d 12:00" }
      - { key: p8, kind: read, title: "Åttonde", due: "+10d 12:00" }
cohorts:
  - slug: r-1
    name: "Läsarna"
    joinCode: READ-1
    participants:
      - { key: ada, name: "Ada", locale: en, roles: [participant, team_lead], identities: { slack: U1 } }
      - { key: bo, name: "Bo", roles: [facilitator], identities: { slack: U2, teams: "29:bo" } }
      - { key: cy, name: "Cy", roles: [participant], identities: { slack: U3 } }
`;

// The statements are plain SQL: run on both databases kohort runs on.
let postgres: TestPostgres | undefined;
let databases = 0;
const backends: [string, () => Promise<Database>][] = [
  ['PGlite', freshDatabase],
  [
    'PostgreSQL',
    async () => {
      postgres ??= await startPostgres();
      const name = `reads_${(databases += 1)}`;
      await queryPostgres(postgres.url, `CREATE DATABASE ${name}`);
      return openDatabase({ databaseUrl: postgres.url.replace(/\/postgres$/, `/${name}`), dataDir: '.', logger: createLogger('silent') });
    },
  ],
];
afterAll(() => postgres?.stop());

let db: Database | undefined;
afterEach(async () => db?.close());

async function setUp(open: () => Promise<Database>) {
  db = await open();
  const clock = new FakeClock(new Date('2027-03-01T08:00:00Z'));
  const parsed = validateProgramText(PROGRAM, clock.now());
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  await importProgram(db.prisma, parsed.program);
  return { db, clock, ...servicesFor(db, clock) };
}

describe.each(backends.filter(([name]) => name === 'PGlite' || postgresBinDir()))('what every inbound event reads (%s)', (_name, open) => {
  it('reads the people of events in progress together, each their own, and sees a change at once', async () => {
    const { services } = await setUp(open);
    const [ada, bo, cy, nobody, boOnTeams] = await Promise.all([
      services.people.findByIdentity('slack', 'U1'),
      services.people.findByIdentity('slack', 'U2'),
      services.people.findByIdentity('slack', 'U3'),
      services.people.findByIdentity('slack', 'U404'),
      services.people.findByIdentity('teams', '29:bo'),
    ]);
    expect(ada).toMatchObject({ displayName: 'Ada', locale: 'en', cohortName: 'Läsarna', programLocale: 'sv', timezone: 'Europe/Stockholm', privacyNoticed: false });
    expect([...ada!.roles].sort()).toEqual(['participant', 'team_lead']);
    expect(bo).toMatchObject({ displayName: 'Bo', locale: null, roles: ['facilitator'] });
    expect(cy?.displayName).toBe('Cy');
    expect(nobody).toBeUndefined();
    expect(boOnTeams?.participantId).toBe(bo?.participantId);

    // A person who changes their language is answered in it from their next message on.
    await services.people.setLocale(ada!.participantId, 'sv');
    expect((await services.people.findByIdentity('slack', 'U1'))?.locale).toBe('sv');
  });

  it('takes a message from someone marked unreachable as proof they can be reached again', async () => {
    const { db, clock, services } = await setUp(open);
    await services.people.markUnreachable({ platform: 'slack', userId: 'U3' }, clock.now());
    const unreachable = () => db.prisma.platformIdentity.findFirstOrThrow({ where: { externalId: 'U3' } }).then((i) => i.unreachableSince);
    expect(await unreachable()).not.toBeNull();
    await Promise.all([services.people.findByIdentity('slack', 'U3'), services.people.findByIdentity('slack', 'U1')]);
    expect(await unreachable()).toBeNull();
  });

  it('records each event once, however many arrive together and however often each does', async () => {
    const { db, clock } = await setUp(open);
    const ledger = prismaEventLedger(db.prisma);
    const seen = await Promise.all(['a', 'b', 'a', 'c', 'b', 'a'].map((id) => ledger.firstSeen('slack', id, clock.now())));
    expect(seen).toEqual([true, true, false, true, false, false]);
    expect(await ledger.firstSeen('slack', 'a', clock.now())).toBe(false);
    // Event ids are the platform's own: the same id from another platform is another event.
    expect(await ledger.firstSeen('teams', 'a', clock.now())).toBe(true);
    expect(await db.prisma.processedEvent.count()).toBe(4);
  });

  it('writes a conversation down once while it stays the same, and again when it changes, is forgotten or ten minutes passed', async () => {
    const { db, clock, services } = await setUp(open);
    const ada = (await services.people.findByIdentity('slack', 'U1'))!.participantId;
    const ref: ConversationRef = { platform: 'slack', key: 'D1', kind: 'dm', reference: { channel: 'D1' } };
    // xmin is the transaction that last wrote the row: it changes with every write.
    const version = async () => (await db.prisma.$queryRaw<{ v: string }[]>`SELECT xmin::text AS v FROM "ConversationReference" WHERE "key" = 'D1'`)[0]?.v;

    expect(await services.conversations.remember(ref, ada)).toBe(true);
    const written = await version();
    clock.advance(60_000);
    expect(await services.conversations.remember(ref, ada)).toBe(false);
    expect(await version()).toBe(written);

    const moved = { ...ref, reference: { channel: 'D1', team: 'T1' } };
    expect(await services.conversations.remember(moved, ada)).toBe(false);
    const rewritten = await version();
    expect(rewritten).not.toBe(written);
    expect((await services.conversations.directOf(ada))[0]?.reference).toEqual({ channel: 'D1', team: 'T1' });

    clock.advance(10 * 60_000);
    await services.conversations.remember(moved, ada);
    expect(await version()).not.toBe(rewritten);

    await services.conversations.forget(moved);
    expect(await services.conversations.directOf(ada)).toEqual([]);
    expect(await services.conversations.remember(moved, ada)).toBe(true);
    expect(await services.conversations.directOf(ada)).toHaveLength(1);
  });

  it('gives status the next five deadlines not done, in order and in the reader’s language, and how many there are', async () => {
    const { clock, services } = await setUp(open);
    const ada = (await services.people.findByIdentity('slack', 'U1'))!;
    const ids = new Map((await services.reminders.planInputs({ programId: ada.programId }))[0]!.program.modules[0]!.preparations.map((p, i) => [i, p.id]));
    clock.advance(2 * 24 * 3600_000); // the first is past now
    await services.reminders.markDone(ada.participantId, ids.get(2)!, clock.now()); // Tredje

    const { items, total } = await services.deadlines.upcoming(ada, clock.now(), 5, 'en');
    expect(items.map((i) => i.title)).toEqual(['Andra', 'Fjärde', 'Femte', 'Sjätte', 'Sjunde']);
    expect(total).toBe(6);
    expect(items[0]).toMatchObject({ moduleNumber: 1, moduleTitle: 'Kick-off', preparationId: ids.get(1) });
    expect(items[0]!.dueAt).toEqual(new Date('2027-03-05T11:00:00Z'));

    const everything = await services.deadlines.upcoming(ada, new Date('2027-02-01T00:00:00Z'), 10, 'sv');
    expect(everything.items.map((i) => i.title)).toEqual(['Första', 'Andra', 'Fjärde', 'Femte', 'Sjätte', 'Sjunde', 'Åttonde']);
    expect(everything.total).toBe(7);
    expect((await services.deadlines.upcoming(ada, new Date('2028-01-01T00:00:00Z'), 5, 'sv')).total).toBe(0);
  });
});
