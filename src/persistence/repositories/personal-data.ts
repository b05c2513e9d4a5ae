import type { Logger } from '../../core/logger.js';
import type { Forgetter, PersonalDataStore } from '../../domain/privacy.js';
import type { Prisma } from '../database.js';
import { uuids } from '../uuids.js';
import { erasePerson } from '../erasure.js';
import { personalDataOf } from '../personal-data.js';
import { minGroupSizeOf } from '../privacy.js';

export interface PersonalDataOptions {
  /** KOHORT_SECRET, when the environment sets it (the erasure key). */
  secret: string | undefined;
  /** Places outside the database that must forget an erased person too (filled as platforms start). */
  forgetters: Forgetter[];
  logger: Logger;
}

export function prismaPersonalData(prisma: Prisma, options: PersonalDataOptions): PersonalDataStore {
  return {
    async exportFile(participantId, at, expiresAt) {
      const data = await personalDataOf(prisma, participantId, at);
      if (!data) return undefined;
      const participant = await prisma.participant.findUniqueOrThrow({ where: { id: participantId }, select: { cohortId: true } });
      const filename = `kohort-${data.person.key}-${at.toISOString().slice(0, 10)}.json`;
      const row = await prisma.export.create({
        data: {
          cohortId: participant.cohortId,
          participantId,
          filename,
          contentType: 'application/json; charset=utf-8',
          content: Uint8Array.from(Buffer.from(`${JSON.stringify(data, null, 2)}\n`, 'utf8')),
          createdAt: at,
          expiresAt,
        },
        select: { id: true },
      });
      const answers = data.maturity.flatMap((a) => a.answers);
      return {
        id: row.id,
        filename,
        counts: {
          identities: data.identities.length,
          completions: data.completions.length,
          attempts: data.maturity.length,
          answers: answers.filter((a) => !a.skipped).length,
          skipped: answers.filter((a) => a.skipped).length,
          commitments: data.commitments.length,
          followUps: data.commitments.reduce((n, c) => n + c.followUps.length, 0),
          reflections: data.reflections.length,
          messages: data.messages.length,
          audit: data.audit.length,
        },
      };
    },
    async erase(participantId, at, cause) {
      const outcome = await erasePerson(prisma, participantId, { at, secret: options.secret, cause });
      if (!outcome) return undefined;
      for (const forgetter of options.forgetters) {
        // The database is the record; a place that fails to forget is said in the log (counts only) and does not undo it.
        await forgetter.forget(outcome.traces).catch((error: unknown) => options.logger.error({ err: error }, 'a platform could not forget an erased person'));
      }
      return outcome;
    },
    async facts(programId) {
      const program = await prisma.program.findUnique({ where: { id: programId }, select: { source: true, retentionDays: true } });
      const privacy = (program?.source as { program?: { privacy?: { controller?: string; contact?: string } } } | undefined)?.program?.privacy;
      return {
        controller: privacy?.controller ?? null,
        contact: privacy?.contact ?? null,
        retentionDays: program?.retentionDays ?? null,
        minGroupSize: minGroupSizeOf(program?.source),
      };
    },
    async claimFirstNotice(participantId, at) {
      const claimed = await prisma.participant.updateMany({ where: { id: participantId, privacyNoticeAt: null }, data: { privacyNoticeAt: at } });
      return claimed.count === 1;
    },
    async claimFirstNotices(participantIds, at) {
      const ids = uuids(participantIds);
      if (ids.length === 0) return new Set();
      const rows = await prisma.$queryRaw<{ id: string }[]>`
        UPDATE "Participant" SET "privacyNoticeAt" = ${at} WHERE "id" = ANY(${ids}::uuid[]) AND "privacyNoticeAt" IS NULL RETURNING "id"`;
      return new Set(rows.map((r) => r.id));
    },
    async releaseFirstNotices(participantIds, at) {
      if (participantIds.length === 0) return;
      // Only the claims made at `at`: a notice given since by another message stays given.
      await prisma.participant.updateMany({ where: { id: { in: [...participantIds] }, privacyNoticeAt: at }, data: { privacyNoticeAt: null } });
    },
  };
}
