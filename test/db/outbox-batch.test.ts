// The outbox composes a claimed batch as a set: a few queries for all its rows, whatever
// their kinds, people and languages. On real PGlite: every row is composed (or skipped)
// exactly as it is alone, the first-contact notice comes once, and the statements a batch
// costs do not grow with the batch.
import { afterEach, describe, expect, it } from 'vitest';
import type { OutboxRow } from '../../src/domain/outbox.js';
import { prismaOutbox } from '../../src/persistence/repositories/outbox.js';
import { toPlainText } from '../../src/ui/plain-text.js';
import { freshDatabase, type TestDatabase } from '../helpers/database.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { arrangeMix, batchCohort, claimAll, claimedMix, mixRows, morePeople, type BatchCohort } from '../helpers/outbox-batch.js';
import { noticeAlreadyGiven, servicesFor } from '../helpers/services.js';

const t0 = new Date('2027-03-01T08:00:00Z');
let db: TestDatabase;
let statements: string[] = [];
afterEach(async () => db?.close());

async function setUp(): Promise<{ cohort: BatchCohort; clock: FakeClock; wiring: ReturnType<typeof servicesFor>['wiring'] }> {
  statements = [];
  db = await freshDatabase({ onQuery: (sql) => statements.push(sql) });
  const clock = new FakeClock(t0);
  const cohort = await batchCohort(db, t0);
  return { cohort, clock, wiring: servicesFor(db, clock).wiring };
}

/** What became of each row, by key: the message as plain text, or why it is skipped. */
function outcomes(composed: { row: OutboxRow; composed: object }[]): Record<string, string> {
  return Object.fromEntries(
    composed.map(({ row, composed: c }) => [
      row.idempotencyKey,
      'message' in c ? toPlainText(c.message as never) : 'skip' in c ? `skip: ${String(c.skip)}` : `error: ${String((c as { error: unknown }).error)}`,
    ]),
  );
}

describe('the outbox composes a batch as a set', () => {
  it('composes a batch mixing kinds, people and languages exactly as each row alone, skips included', async () => {
    const { cohort, wiring } = await setUp();
    await noticeAlreadyGiven(db, t0);
    const rows = await claimedMix(db, cohort, t0);
    const late = (row: OutboxRow) => row.idempotencyKey === 'reminder:ben:p1';
    const together = outcomes(
      (
        await wiring.worker.compose(
          rows.map((row) => ({ row, late: late(row) })),
          t0,
        )
      ).rows,
    );
    const alone: Record<string, string> = {};
    for (const row of rows) Object.assign(alone, outcomes((await wiring.worker.compose([{ row, late: late(row) }], t0)).rows));
    expect(together).toEqual(alone);

    // And what that is: each reason to skip, each language.
    const skipped = Object.fromEntries(Object.entries(together).filter(([, v]) => v.startsWith('skip')));
    expect(skipped).toEqual({
      'reminder:cleo:p1 (paused)': 'skip: paused',
      'reminder:dag:p1 (done)': 'skip: done',
      'reminder:anna:gone (preparation gone)': 'skip: preparation gone',
      'reminder:eli:p1 (participant gone)': 'skip: participant gone',
      'notice:ben:m2 (module started)': 'skip: module gone or started',
      'follow-up:ben (commitment closed)': 'skip: commitment closed',
      'reflection:ben (answered)': 'skip: answered',
    });
    expect(Object.keys(together)).toHaveLength(18);
    expect(together['reminder:anna:p1']).toContain('Läs kapitlet');
    expect(together['reminder:ben:p1']).toContain('Read the chapter');
    expect(together['reminder:ben:p1']).toContain('late');
    expect(together['reminder:dag:p2']).toContain('Do the task');
    // Dag's notice shows p1 done, Anna's shows it open.
    expect(together['notice:dag:m1']).toContain('✓ Read the chapter');
    expect(together['notice:anna:m1']).toContain('• Läs kapitlet');
    expect(together['broadcast:anna']).toContain('Hej alla!');
    expect(together['reflection:anna']).toContain('Vad tar du med dig?');
    // A typed reply from Anna now answers the question she is about to get.
    expect(await wiring.ports.reflections.awaited(cohort.people.anna)).toMatchObject({ preparationId: cohort.preparations.p1, index: 0 });
  });

  it('adds the first-contact notice to the first message of the batch to each person who has not had it, once', async () => {
    const { cohort, wiring } = await setUp();
    await db.prisma.participant.updateMany({ where: { id: { not: cohort.people.anna } }, data: { privacyNoticeAt: t0 } });
    const rows = await claimedMix(db, cohort, t0);
    const batch = await wiring.worker.compose(
      rows.map((row) => ({ row, late: false })),
      t0,
    );
    const withNotice = batch.rows.filter((r) => 'message' in r.composed && toPlainText(r.composed.message).includes('Personuppgiftsansvarig'));
    // Of her messages in the batch (in due order), the first.
    const hers = batch.rows.filter((r) => r.row.participantId === cohort.people.anna && 'message' in r.composed);
    expect(hers.length).toBeGreaterThan(3);
    expect(withNotice.map((r) => r.row.idempotencyKey)).toEqual([hers[0]!.row.idempotencyKey]);
    expect(batch.rows.filter((r) => r.firstContact)).toEqual(withNotice);
    expect((await db.prisma.participant.findUniqueOrThrow({ where: { id: cohort.people.anna } })).privacyNoticeAt).toEqual(t0);

    // Not delivered after all (a stop, a refusal): her next message carries it instead.
    await batch.notDelivered(withNotice.map((r) => r.row));
    expect((await db.prisma.participant.findUniqueOrThrow({ where: { id: cohort.people.anna } })).privacyNoticeAt).toBeNull();
  });

  it('costs the same statements for a batch of 40 rows as for one of 240, composing and routing', async () => {
    const { cohort, wiring } = await setUp();
    const outbox = prismaOutbox(db.prisma);
    const refs = await arrangeMix(db, cohort, t0);
    const costOf = async (extra: number, now: Date) => {
      await outbox.plan([...mixRows(cohort, refs, now, `@${extra}`), ...(await morePeople(db, cohort, extra, now))]);
      const rows = (await claimAll(db, now)).map((row) => ({ row, late: false }));
      statements = [];
      const batch = await wiring.worker.compose(rows, now);
      const people = batch.rows.flatMap((r) => ('message' in r.composed && r.row.participantId ? [r.row.participantId] : []));
      await wiring.worker.delivery.routes(people);
      return { rows: rows.length, statements: statements.length };
    };
    const small = await costOf(11, t0);
    // The same people again, later, with ten times as many others (who have not had the privacy notice either).
    const large = await costOf(111, new Date(t0.getTime() + 60_000));
    expect([small.rows, large.rows]).toEqual([18 + 22, 18 + 222]);
    expect(large.statements).toBe(small.statements);
    // A handful per kind, not one per row.
    expect(small.statements).toBeLessThan(25);
  });
});
