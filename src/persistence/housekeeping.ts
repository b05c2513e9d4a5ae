// The daily housekeeping run (issue 16.4): a program's personal data is erased once its
// last module plus `privacy.retentionDays` has passed, leaving only counts; expired
// download files, old processed-event ids and the payloads of long-finished outbox rows
// are purged on their own, shorter schedules, as are broadcast drafts that were never sent.
// It returns counts only, never a name.
import type { PersonalDataStore } from '../domain/privacy.js';
import type { Prisma } from './database.js';

/** Inbound event ids are kept this long to drop a platform's retries and a replayed sync. */
export const EVENT_IDS_KEPT_DAYS = 7;
/** A direct conversation with someone who never joined is remembered this long after their last message. */
export const VISITORS_KEPT_DAYS = 30;
/** A finished outbox row keeps its payload this long (a delivery report, an operator's look). */
export const FINISHED_PAYLOADS_KEPT_DAYS = 30;
/**
 * A broadcast draft never sent (a preview in the console or in chat, sent or not; one called
 * off in chat) is kept this long from its preview: a facilitator confirms within minutes, so a
 * day leaves no draft being confirmed right now at risk, and their free text does not pile up.
 */
export const BROADCAST_DRAFTS_KEPT_DAYS = 1;

export interface HousekeepingOutcome {
  /** Programs whose retention period ended in this run, and the people erased with them. */
  programsRetired: number;
  peopleErased: number;
  exportsPurged: number;
  consoleAccessPurged: number;
  visitorsForgotten: number;
  eventIdsPurged: number;
  payloadsPurged: number;
  draftsPurged: number;
}

const DAY = 24 * 3600_000;

export async function keepHouse(prisma: Prisma, personalData: PersonalDataStore, now: Date): Promise<HousekeepingOutcome> {
  const outcome: HousekeepingOutcome = { programsRetired: 0, peopleErased: 0, exportsPurged: 0, consoleAccessPurged: 0, visitorsForgotten: 0, eventIdsPurged: 0, payloadsPurged: 0, draftsPurged: 0 };
  const programs = await prisma.program.findMany({ where: { retentionDays: { not: null } }, select: { id: true, slug: true, retentionDays: true, modules: { select: { startsAt: true } } } });
  for (const program of programs) {
    const lastModule = Math.max(...program.modules.map((m) => m.startsAt.getTime()));
    if (!Number.isFinite(lastModule) || lastModule + program.retentionDays! * DAY > now.getTime()) continue;
    const people = await prisma.participant.findMany({ where: { cohort: { programId: program.id } }, select: { id: true } });
    if (people.length === 0) continue;
    // What remains of the program: how many took part and what they did, as counts.
    const counts = {
      participants: people.length,
      completions: await prisma.preparationCompletion.count({ where: { participant: { cohort: { programId: program.id } } } }),
      submittedTests: await prisma.questionnaireAttempt.count({ where: { status: 'submitted', participant: { cohort: { programId: program.id } } } }),
      commitments: await prisma.commitment.count({ where: { participant: { cohort: { programId: program.id } } } }),
      reflections: await prisma.reflection.count({ where: { participant: { cohort: { programId: program.id } } } }),
    };
    for (const person of people) if (await personalData.erase(person.id, now, 'retention')) outcome.peopleErased++;
    await prisma.auditLog.create({ data: { at: now, action: 'retention.applied', subject: program.slug, detail: { retentionDays: program.retentionDays, counts } } });
    outcome.programsRetired++;
  }
  outcome.exportsPurged = (await prisma.export.deleteMany({ where: { expiresAt: { lte: now } } })).count;
  // Console sign-in links and sessions that can no longer be used.
  outcome.consoleAccessPurged =
    (await prisma.consoleLink.deleteMany({ where: { expiresAt: { lte: now } } })).count + (await prisma.consoleSession.deleteMany({ where: { expiresAt: { lte: now } } })).count;
  // A visitor who never joined: the conversation kohort remembered (with their platform name) goes after a while.
  outcome.visitorsForgotten = (
    await prisma.conversationReference.deleteMany({ where: { participantId: null, kind: 'dm', updatedAt: { lt: new Date(now.getTime() - VISITORS_KEPT_DAYS * DAY) } } })
  ).count;
  outcome.eventIdsPurged = (await prisma.processedEvent.deleteMany({ where: { receivedAt: { lt: new Date(now.getTime() - EVENT_IDS_KEPT_DAYS * DAY) } } })).count;
  outcome.payloadsPurged = await prisma.$executeRaw`
    UPDATE "OutboundMessage" SET "payload" = '{}'::jsonb
    WHERE "status" IN ('sent', 'failed', 'skipped') AND "dueAt" < ${new Date(now.getTime() - FINISHED_PAYLOADS_KEPT_DAYS * DAY)} AND "payload" <> '{}'::jsonb`;
  // Never confirmed (no confirmedAt): a scheduled broadcast called off later keeps its place in the history.
  outcome.draftsPurged = (
    await prisma.broadcast.deleteMany({
      where: { status: { in: ['draft', 'cancelled'] }, confirmedAt: null, createdAt: { lt: new Date(now.getTime() - BROADCAST_DRAFTS_KEPT_DAYS * DAY) } },
    })
  ).count;
  return outcome;
}
