// Retention and the daily housekeeping (issue 16.4): after the program's last module plus
// privacy.retentionDays, its people are erased and only counts remain; expired downloads,
// old processed-event ids, long-finished outbox payloads and broadcast drafts never sent go on
// their own schedules. The run returns counts, never a name.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BROADCAST_DRAFTS_KEPT_DAYS, EVENT_IDS_KEPT_DAYS, FINISHED_PAYLOADS_KEPT_DAYS, keepHouse, VISITORS_KEPT_DAYS } from '../../src/persistence/housekeeping.js';
import type { TestDatabase } from '../helpers/database.js';
import type { FakeClock } from '../helpers/fake-clock.js';
import { routerChat } from '../helpers/chat.js';
import { demoCohort, type servicesFor } from '../helpers/services.js';
import { everyRowAsText } from '../helpers/table-dump.js';

const DAY = 24 * 3600_000;
let db: TestDatabase;
let clock: FakeClock;
let wiring: ReturnType<typeof servicesFor>;

beforeEach(async () => {
  ({ db, clock, wiring } = await demoCohort());
});
afterEach(async () => db.close());

const { say } = routerChat(() => wiring);
const house = () => keepHouse(db.prisma, wiring.services.personalData, clock.now());

async function retentionEnds(): Promise<Date> {
  const lastModule = await db.prisma.module.findFirstOrThrow({ orderBy: { startsAt: 'desc' } });
  const program = await db.prisma.program.findFirstOrThrow();
  expect(program.retentionDays).toBe(365);
  return new Date(lastModule.startsAt.getTime() + 365 * DAY);
}

describe('retention', () => {
  it('keeps everything until the last module plus retentionDays, then erases every person and keeps the counts', async () => {
    await say('demo-host/anna', 'sluta Sluta med möten utan dagordning');
    const ends = await retentionEnds();
    clock.set(new Date(ends.getTime() - 60_000));
    expect(await house()).toMatchObject({ programsRetired: 0, peopleErased: 0 });
    expect(await db.prisma.participant.count()).toBe(6);

    clock.set(new Date(ends.getTime() + 60_000));
    expect(await house()).toMatchObject({ programsRetired: 1, peopleErased: 6 });
    expect(await db.prisma.participant.count()).toBe(0);
    const rows = await everyRowAsText(db.prisma);
    for (const name of ['Anna Lindqvist', 'Erik Nyström', 'Sara Ek', 'demo-host/anna', 'Sluta med möten utan dagordning']) expect(rows).not.toContain(name);
    const retired = await db.prisma.auditLog.findFirstOrThrow({ where: { action: 'retention.applied' } });
    expect(retired.detail).toMatchObject({ retentionDays: 365, counts: { participants: 6, commitments: 1 } });
    // A second run finds nothing more to do.
    expect(await house()).toMatchObject({ programsRetired: 0, peopleErased: 0 });
  });
});

describe('housekeeping', () => {
  it('purges expired downloads, old event ids and the payloads of long-finished messages, and nothing newer', async () => {
    const cohort = await db.prisma.cohort.findFirstOrThrow();
    const file = (expiresAt: Date) => ({ cohortId: cohort.id, filename: 'x.csv', contentType: 'text/csv', content: Uint8Array.from([65]), createdAt: clock.now(), expiresAt });
    await db.prisma.export.createMany({ data: [file(new Date(clock.now().getTime() - 1)), file(new Date(clock.now().getTime() + DAY))] });
    await db.prisma.processedEvent.createMany({
      data: [
        { platform: 'slack', eventId: 'old', receivedAt: new Date(clock.now().getTime() - (EVENT_IDS_KEPT_DAYS + 1) * DAY) },
        { platform: 'slack', eventId: 'new', receivedAt: clock.now() },
      ],
    });
    const [oldRow, newRow] = await db.prisma.outboundMessage.findMany({ where: { kind: 'reminder' }, take: 2, orderBy: { dueAt: 'asc' } });
    await db.prisma.outboundMessage.update({ where: { id: oldRow!.id }, data: { status: 'sent', dueAt: new Date(clock.now().getTime() - (FINISHED_PAYLOADS_KEPT_DAYS + 1) * DAY) } });
    await db.prisma.outboundMessage.update({ where: { id: newRow!.id }, data: { status: 'sent', dueAt: new Date(clock.now().getTime() - DAY) } });

    const visitorConversation = (key: string, updatedAt: Date) => ({ platform: 'teams' as const, kind: 'dm' as const, key, reference: { user: { name: 'A visitor' } }, updatedAt });
    await db.prisma.conversationReference.create({ data: visitorConversation('old-visitor', new Date(clock.now().getTime() - (VISITORS_KEPT_DAYS + 1) * DAY)) });
    await db.prisma.conversationReference.create({ data: visitorConversation('new-visitor', clock.now()) });

    expect(await house()).toEqual({ programsRetired: 0, peopleErased: 0, exportsPurged: 1, consoleAccessPurged: 0, visitorsForgotten: 1, eventIdsPurged: 1, payloadsPurged: 1, draftsPurged: 0 });
    expect((await db.prisma.conversationReference.findMany({ where: { participantId: null, platform: 'teams' } })).map((c) => c.key)).toEqual(['new-visitor']);
    expect(await db.prisma.export.count()).toBe(1);
    expect((await db.prisma.processedEvent.findMany()).map((e) => e.eventId)).toEqual(['new']);
    expect((await db.prisma.outboundMessage.findUniqueOrThrow({ where: { id: oldRow!.id } })).payload).toEqual({});
    expect((await db.prisma.outboundMessage.findUniqueOrThrow({ where: { id: newRow!.id } })).payload).not.toEqual({});
  });

  it('deletes broadcast drafts never sent a day after their preview, and keeps sent, scheduled and called-off broadcasts', async () => {
    const cohort = await db.prisma.cohort.findFirstOrThrow();
    const sara = await db.prisma.participant.findFirstOrThrow({ where: { key: 'sara' } });
    const at = (days: number) => new Date(clock.now().getTime() - days * DAY);
    // A minute past the day drafts are kept.
    const old = new Date(clock.now().getTime() - BROADCAST_DRAFTS_KEPT_DAYS * DAY - 60_000);
    const broadcast = (text: string, createdAt: Date, more: object = {}) =>
      db.prisma.broadcast.create({ data: { cohortId: cohort.id, createdById: sara.id, contentKind: 'text', text, createdAt, ...more } });
    // A draft chat previewed a minute ago, whose buttons may be clicked right now.
    expect(await say('demo-host/sara', 'utskick Ett färskt utkast')).toContain('Ett färskt utkast');
    await broadcast('Gammalt utkast', old);
    await broadcast('Gammalt utkast med mottagare', old, { audience: 'all' });
    await broadcast('Avbrutet i chatten', old, { status: 'cancelled' });
    await broadcast('Skickat', at(10), { audience: 'all', status: 'sending', confirmedAt: at(10) });
    await broadcast('Schemalagt och avbrutet', at(10), { audience: 'all', status: 'cancelled', confirmedAt: at(10) });

    expect(await house()).toMatchObject({ draftsPurged: 3 });
    expect((await db.prisma.broadcast.findMany({ orderBy: { text: 'asc' } })).map((b) => b.text)).toEqual(['Ett färskt utkast', 'Schemalagt och avbrutet', 'Skickat']);
    expect(await house()).toMatchObject({ draftsPurged: 0 });

    // A day after its preview the fresh one goes too.
    clock.advance(BROADCAST_DRAFTS_KEPT_DAYS * DAY + 60_000);
    expect(await house()).toMatchObject({ draftsPurged: 1 });
    expect(await everyRowAsText(db.prisma)).not.toContain('Ett färskt utkast');
  });
});
