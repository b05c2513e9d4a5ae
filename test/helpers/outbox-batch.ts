// A cohort and an outbox holding one row of every kind and every reason to skip, for
// tests of the outbox's batch path: two languages, a paused person, a done preparation,
// a started module, a closed commitment, an answered reflection, a gone preparation.
import { randomUUID } from 'node:crypto';
import { validateProgramText } from '../../src/domain/program/validate.js';
import { parseClaimed, type OutboxRow, type StoredMessage } from '../../src/domain/outbox.js';
import { importProgram } from '../../src/persistence/program-import.js';
import type { Database } from '../../src/persistence/database.js';
import { prismaOutbox } from '../../src/persistence/repositories/outbox.js';
import { message, text } from '../../src/ui/model.js';

const PROGRAM = `
program: { slug: batch, name: "Batch", locale: sv }
modules:
  - number: 1
    title: { sv: "Start", en: "Kick-off" }
    start: "+20d 09:30"
    preparations:
      - key: p1
        kind: read
        title: { sv: "Läs kapitlet", en: "Read the chapter" }
        due: "+10d 12:00"
        reflection:
          - { sv: "Vad tar du med dig?", en: "What do you take with you?" }
      - { key: p2, kind: task, title: { sv: "Gör uppgiften", en: "Do the task" }, due: "+12d 12:00" }
  - number: 2
    title: "Fortsättning"
    start: "+40d 09:30"
    preparations:
      - { key: p3, kind: read, title: "Läs mer", due: "+30d 12:00" }
cohorts:
  - slug: batch-1
    name: "Batch cohort"
    joinCode: BATCH-1
    participants:
      - { key: anna, name: "Anna", roles: [participant], identities: { local: anna } }
      - { key: ben, name: "Ben", locale: en, roles: [participant], identities: { local: ben } }
      - { key: cleo, name: "Cleo", roles: [participant], identities: { local: cleo } }
      - { key: dag, name: "Dag", locale: en, roles: [participant], identities: { local: dag } }
      - { key: eli, name: "Eli", roles: [participant], identities: { local: eli } }
      - { key: fia, name: "Fia", roles: [facilitator], identities: { local: fia } }
`;

type PersonKey = 'anna' | 'ben' | 'cleo' | 'dag' | 'eli' | 'fia';

export interface BatchCohort {
  people: Record<PersonKey, string>;
  cohortId: string;
  preparations: Record<'p1' | 'p2' | 'p3', string>;
  modules: Record<1 | 2, string>;
}

export async function batchCohort(db: Database, now: Date): Promise<BatchCohort> {
  const parsed = validateProgramText(PROGRAM, now);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  await importProgram(db.prisma, parsed.program);
  const byKey = <K extends string>(rows: { key: string; id: string }[]) => Object.fromEntries(rows.map((r) => [r.key, r.id])) as Record<K, string>;
  const people = byKey<PersonKey>(await db.prisma.participant.findMany({ select: { key: true, id: true } }));
  const preparations = byKey<'p1' | 'p2' | 'p3'>(await db.prisma.preparation.findMany({ select: { key: true, id: true } }));
  const modules = Object.fromEntries((await db.prisma.module.findMany({ select: { number: true, id: true } })).map((m) => [m.number, m.id])) as Record<1 | 2, string>;
  const cohortId = (await db.prisma.cohort.findFirstOrThrow()).id;
  return { people, cohortId, preparations, modules };
}

/** What the rows of the mix refer to besides the program: commitments and a broadcast. */
export interface MixRefs {
  openCommitment: string;
  closedCommitment: string;
  broadcast: string;
}

/**
 * The situations that make composers skip: Cleo paused, Dag has done p1, module 2 already
 * started, Ben's commitment closed and his reflection answered; and a broadcast sending.
 */
export async function arrangeMix(db: Database, cohort: BatchCohort, now: Date): Promise<MixRefs> {
  const { people, preparations: p, modules } = cohort;
  await db.prisma.participant.update({ where: { id: people.cleo }, data: { remindersPausedUntil: new Date(now.getTime() + 7 * 86_400_000) } });
  await db.prisma.preparationCompletion.create({ data: { participantId: people.dag, preparationId: p.p1, completedAt: now } });
  await db.prisma.module.update({ where: { id: modules[2] }, data: { startsAt: new Date(now.getTime() - 60_000) } });
  const open = await db.prisma.commitment.create({ data: { participantId: people.anna, text: 'Färre möten', createdAt: now } });
  const closed = await db.prisma.commitment.create({ data: { participantId: people.ben, text: 'Fewer meetings', status: 'done', createdAt: now } });
  await db.prisma.reflection.create({ data: { participantId: people.ben, preparationId: p.p1, questionKey: 'q1', answer: 'Much', createdAt: now } });
  const broadcast = await db.prisma.broadcast.create({ data: { cohortId: cohort.cohortId, createdById: people.fia, contentKind: 'text', text: 'Hej alla!', status: 'sending', createdAt: now } });
  return { openCommitment: open.id, closedCommitment: closed.id, broadcast: broadcast.id };
}

/** One row of every kind, due at `now`; keys name what each should become (`suffix` keeps them apart). */
export function mixRows(cohort: BatchCohort, refs: MixRefs, now: Date, suffix = ''): StoredMessage[] {
  const { people, preparations: p, modules } = cohort;
  const to = (key: string, kind: StoredMessage['kind'], person: PersonKey, payload: object): StoredMessage => ({
    idempotencyKey: `${key}${suffix}`,
    kind,
    cohortId: cohort.cohortId,
    participantId: people[person],
    dueAt: now,
    payload,
  });
  return [
    to('reminder:anna:p1', 'reminder', 'anna', { preparationId: p.p1, step: '7d' }),
    to('reminder:ben:p1', 'reminder', 'ben', { preparationId: p.p1, step: '7d' }),
    to('reminder:cleo:p1 (paused)', 'reminder', 'cleo', { preparationId: p.p1, step: '7d' }),
    to('reminder:dag:p1 (done)', 'reminder', 'dag', { preparationId: p.p1, step: '7d' }),
    to('reminder:dag:p2', 'reminder', 'dag', { preparationId: p.p2, step: 'snooze@1' }),
    to('reminder:anna:gone (preparation gone)', 'reminder', 'anna', { preparationId: '00000000-0000-4000-8000-000000000000', step: '7d' }),
    to('reminder:eli:p1 (participant gone)', 'reminder', 'eli', { preparationId: p.p1, step: '7d' }),
    to('notice:anna:m1', 'module_notice', 'anna', { moduleId: modules[1] }),
    to('notice:dag:m1', 'module_notice', 'dag', { moduleId: modules[1] }),
    to('notice:ben:m2 (module started)', 'module_notice', 'ben', { moduleId: modules[2] }),
    to('follow-up:anna', 'follow_up', 'anna', { commitmentId: refs.openCommitment, nudge: false, windowStart: now.toISOString() }),
    to('follow-up:ben (commitment closed)', 'follow_up', 'ben', { commitmentId: refs.closedCommitment, nudge: true, windowStart: now.toISOString() }),
    to('nudge:ben', 'nudge', 'ben', { message: message(text('Hej Ben')) }),
    to('privacy:anna', 'notice', 'anna', { notice: 'person_erased' }),
    to('broadcast:anna', 'broadcast', 'anna', { broadcastId: refs.broadcast }),
    to('broadcast:ben', 'broadcast', 'ben', { broadcastId: refs.broadcast }),
    to('reflection:anna', 'reflection', 'anna', { preparationId: p.p1 }),
    to('reflection:ben (answered)', 'reflection', 'ben', { preparationId: p.p1 }),
  ];
}

/** Claims every due row for `worker`, payloads checked. */
export async function claimAll(db: Database, now: Date, worker = 'test'): Promise<OutboxRow[]> {
  return (await prismaOutbox(db.prisma).claimDue(now, 10_000, worker)).map((row) => {
    const parsed = parseClaimed(row);
    if (!parsed.ok) throw new Error(parsed.problem);
    return parsed.row;
  });
}

/** Plans the mix, claims it all, and removes Eli (gone between claiming and composing). */
export async function claimedMix(db: Database, cohort: BatchCohort, now: Date): Promise<OutboxRow[]> {
  await prismaOutbox(db.prisma).plan(mixRows(cohort, await arrangeMix(db, cohort, now), now));
  const claimed = await claimAll(db, now);
  await db.prisma.participant.delete({ where: { id: cohort.people.eli } });
  return claimed;
}

/** More participants like Anna, each with a reminder and a module notice due: for batches that grow. */
export async function morePeople(db: Database, cohort: BatchCohort, count: number, now: Date): Promise<StoredMessage[]> {
  const ids = Array.from({ length: count }, () => randomUUID());
  await db.prisma.participant.createMany({ data: ids.map((id, i) => ({ id, cohortId: cohort.cohortId, key: `extra-${id}`, displayName: `Extra ${i}`, locale: i % 2 ? 'en' : 'sv' })) });
  await db.prisma.roleAssignment.createMany({ data: ids.map((participantId) => ({ participantId, role: 'participant' as const })) });
  await db.prisma.platformIdentity.createMany({ data: ids.map((participantId) => ({ participantId, platform: 'local' as const, externalId: `extra-${participantId}` })) });
  return ids.flatMap((participantId) => [
    {
      idempotencyKey: `extra:${participantId}:reminder`,
      kind: 'reminder' as const,
      cohortId: cohort.cohortId,
      participantId,
      dueAt: now,
      payload: { preparationId: cohort.preparations.p1, step: '7d' },
    },
    { idempotencyKey: `extra:${participantId}:notice`, kind: 'module_notice' as const, cohortId: cohort.cohortId, participantId, dueAt: now, payload: { moduleId: cohort.modules[1] } },
  ]);
}
