// Stop-doing commitments and their check-ins over Prisma.
import { inLocale } from '../../domain/program/localized.js';
import type { CheckInStatus, CommitmentStatus, Scope, Visibility } from '../../domain/commitments/commitment.js';
import type { CheckIn, CommitmentStore, CommitmentWithHistory } from '../../domain/commitments/store.js';
import type { Prisma } from '../database.js';
import { minGroupSizeOf } from '../privacy.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const withHistory = {
  participant: { select: { displayName: true, cohortId: true } },
  module: { select: { number: true } },
  followUps: { orderBy: { answeredAt: 'desc' as const }, take: 1 },
} as const;

type Row = {
  id: string;
  participantId: string;
  teamId: string | null;
  moduleId: string | null;
  text: string;
  reason: string | null;
  suggestionKey: string | null;
  scope: string;
  status: string;
  visibility: string;
  hoursFreedPerWeek: { toNumber(): number } | null;
  preparationId: string | null;
  createdAt: Date;
  participant: { displayName: string; cohortId: string };
  module: { number: number } | null;
  followUps: FollowUpRow[];
};

type FollowUpRow = { id: string; commitmentId: string; status: string; note: string | null; hoursFreedPerWeek: { toNumber(): number } | null; answeredAt: Date };

const toCheckIn = (r: FollowUpRow): CheckIn => ({
  id: r.id,
  commitmentId: r.commitmentId,
  status: r.status as CheckInStatus,
  note: r.note,
  hoursFreedPerWeek: r.hoursFreedPerWeek ? r.hoursFreedPerWeek.toNumber() : null,
  answeredAt: r.answeredAt,
});

function toCommitment(r: Row): CommitmentWithHistory {
  return {
    id: r.id,
    participantId: r.participantId,
    cohortId: r.participant.cohortId,
    teamId: r.teamId,
    moduleId: r.moduleId,
    text: r.text,
    reason: r.reason,
    suggestionKey: r.suggestionKey,
    scope: r.scope as Scope,
    status: r.status as CommitmentStatus,
    visibility: r.visibility as Visibility,
    hoursFreedPerWeek: r.hoursFreedPerWeek ? r.hoursFreedPerWeek.toNumber() : null,
    preparationId: r.preparationId,
    createdAt: r.createdAt,
    ownerName: r.participant.displayName,
    moduleNumber: r.module?.number ?? null,
    lastCheckIn: r.followUps[0] ? toCheckIn(r.followUps[0]) : undefined,
  };
}

export function prismaCommitments(prisma: Prisma): CommitmentStore {
  return {
    async suggestions(programId, locale) {
      const program = await prisma.program.findUnique({ where: { id: programId }, select: { stopDoingSuggestions: true } });
      const stored = Array.isArray(program?.stopDoingSuggestions) ? (program.stopDoingSuggestions as { key: string; text: string; translations?: unknown }[]) : [];
      return stored.map((s) => ({ key: s.key, text: inLocale(s.text, s.translations, locale, 'text') }));
    },

    async context(participantId) {
      const person = await prisma.participant.findUniqueOrThrow({
        where: { id: participantId },
        select: {
          cohort: { select: { program: { select: { modules: { select: { id: true, number: true, startsAt: true }, orderBy: { number: 'asc' } } } } } },
          teams: { select: { team: { select: { id: true, name: true } } } },
        },
      });
      return { modules: person.cohort.program.modules, teams: person.teams.map((t) => t.team) };
    },

    async create(input) {
      const row = await prisma.commitment.create({
        data: {
          participantId: input.participantId,
          teamId: input.teamId,
          moduleId: input.moduleId,
          text: input.text,
          reason: input.reason,
          suggestionKey: input.suggestionKey,
          scope: input.scope,
          visibility: input.visibility,
          createdAt: input.at,
        },
        include: withHistory,
      });
      return toCommitment(row);
    },

    async linkPreparation(id, preparationId) {
      await prisma.commitment.update({ where: { id }, data: { preparationId } });
    },

    async linkedDecisions(participantId, preparationId) {
      return prisma.commitment.count({ where: { participantId, preparationId, status: { not: 'withdrawn' } } });
    },

    async byId(id) {
      if (!UUID.test(id)) return undefined;
      const row = await prisma.commitment.findUnique({ where: { id }, include: withHistory });
      return row ? toCommitment(row) : undefined;
    },

    async byIds(ids) {
      const valid = [...new Set(ids)].filter((id) => UUID.test(id));
      const rows = valid.length === 0 ? [] : await prisma.commitment.findMany({ where: { id: { in: valid } }, include: withHistory });
      return new Map(rows.map((row) => [row.id, toCommitment(row)]));
    },

    async update(id, patch) {
      await prisma.commitment.update({ where: { id }, data: patch });
    },

    async own(participantId) {
      const rows = await prisma.commitment.findMany({ where: { participantId, status: { not: 'withdrawn' } }, include: withHistory, orderBy: { createdAt: 'desc' } });
      return rows.map(toCommitment);
    },

    async checkIn(commitmentId, status, at) {
      return prisma.$transaction(async (tx) => {
        const row = await tx.commitmentFollowUp.create({ data: { commitmentId, status, answeredAt: at } });
        await tx.commitment.update({ where: { id: commitmentId }, data: { status } });
        return toCheckIn(row);
      });
    },

    async checkInById(id) {
      if (!UUID.test(id)) return undefined;
      const row = await prisma.commitmentFollowUp.findUnique({ where: { id } });
      return row ? toCheckIn(row) : undefined;
    },

    async completeCheckIn(id, details) {
      await prisma.$transaction(async (tx) => {
        const row = await tx.commitmentFollowUp.update({
          where: { id },
          data: { ...(details.note !== undefined ? { note: details.note } : {}), ...(details.hours !== undefined ? { hoursFreedPerWeek: details.hours } : {}) },
        });
        if (details.hours !== undefined) await tx.commitment.update({ where: { id: row.commitmentId }, data: { hoursFreedPerWeek: details.hours } });
      });
    },

    async history(commitmentId) {
      const rows = await prisma.commitmentFollowUp.findMany({ where: { commitmentId }, orderBy: { answeredAt: 'asc' } });
      return rows.map(toCheckIn);
    },

    async ledTeams(participantId) {
      const teams = await prisma.team.findMany({
        where: { members: { some: { participantId, isLead: true } } },
        orderBy: { name: 'asc' },
        include: { members: { include: { participant: { select: { id: true, displayName: true } } } }, cohort: { select: { program: { select: { source: true } } } } },
      });
      const result = [];
      for (const team of teams) {
        const memberIds = team.members.map((m) => m.participantId);
        const rows = await prisma.commitment.findMany({
          where: { status: { not: 'withdrawn' }, OR: [{ teamId: team.id }, { participantId: { in: memberIds }, scope: 'personal' }] },
          include: withHistory,
          orderBy: { createdAt: 'asc' },
        });
        result.push({
          id: team.id,
          name: team.name,
          members: team.members.map((m) => ({ id: m.participant.id, name: m.participant.displayName })).sort((a, b) => a.name.localeCompare(b.name, 'sv')),
          commitments: rows.map(toCommitment),
          minGroupSize: minGroupSizeOf(team.cohort.program.source),
        });
      }
      return result;
    },

    async cohortCommitments(cohortId) {
      const rows = await prisma.commitment.findMany({ where: { participant: { cohortId }, status: { not: 'withdrawn' } }, include: withHistory, orderBy: { createdAt: 'asc' } });
      return rows.map(toCommitment);
    },
  };
}
