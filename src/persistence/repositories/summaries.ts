// Summary data over Prisma: each program's timing and channels for planning, and for one
// channel and module everything the summary shows, in a handful of queries.
import type { Platform } from '../../core/events.js';
import type { CommitmentStatus, Visibility } from '../../domain/commitments/commitment.js';
import { mergePolicies, type ReminderPolicy } from '../../domain/reminders/ladder.js';
import type { ReflectionAnswer } from '../../domain/summaries/digest.js';
import { DEFAULT_SUMMARY_TIMING } from '../../domain/summaries/plan.js';
import type { SummaryChannel, SummaryStore } from '../../domain/summaries/store.js';
import { inLocale } from '../../domain/program/localized.js';
import { isLocale } from '../../i18n/i18n.js';
import type { Prisma } from '../database.js';
import { minGroupSizeOf } from '../privacy.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const participantRole = { roles: { some: { role: 'participant' as const } } };
const moduleFields = { id: true, number: true, title: true, startsAt: true, place: true } as const;

type ChannelRow = { id: string; cohortId: string; groupId: string | null; platform: string; channelId: string; name: string | null };
const toChannel = (row: ChannelRow): SummaryChannel => ({ ...row, platform: row.platform as Platform });

function timingOf(source: unknown): { daysBefore: number; at: string } {
  const summaries = (source as { program?: { summaries?: { daysBefore?: number; at?: string } } }).program?.summaries;
  return { daysBefore: summaries?.daysBefore ?? DEFAULT_SUMMARY_TIMING.daysBefore, at: summaries?.at ?? DEFAULT_SUMMARY_TIMING.at };
}

export function prismaSummaries(prisma: Prisma): SummaryStore {
  return {
    async schedules(programIds) {
      const programs = await prisma.program.findMany({
        where: programIds ? { id: { in: programIds } } : {},
        select: {
          id: true,
          timezone: true,
          source: true,
          reminderPolicy: true,
          modules: { select: moduleFields, orderBy: { number: 'asc' } },
          cohorts: { select: { channels: true } },
        },
      });
      return programs.map((p) => ({
        programId: p.id,
        zone: p.timezone,
        ...timingOf(p.source),
        policy: mergePolicies(p.reminderPolicy as Partial<ReminderPolicy> | null),
        modules: p.modules,
        channels: p.cohorts.flatMap((c) => c.channels.map(toChannel)),
      }));
    },

    async channelsOf(cohortId) {
      const rows = await prisma.cohortChannel.findMany({ where: { cohortId } });
      // The cohort's own channel first, then the groups' by name.
      return rows.sort((a, b) => Number(a.groupId !== null) - Number(b.groupId !== null) || a.channelId.localeCompare(b.channelId, 'sv')).map(toChannel);
    },

    async channel(id) {
      if (!UUID.test(id)) return undefined;
      const row = await prisma.cohortChannel.findUnique({ where: { id } });
      return row ? toChannel(row) : undefined;
    },

    async modulesOf(programId, locale) {
      const rows = await prisma.module.findMany({ where: { programId }, select: { ...moduleFields, translations: true }, orderBy: { number: 'asc' } });
      return rows.map(({ translations, ...m }) => ({ ...m, title: inLocale(m.title, translations, locale, 'title'), place: inLocale(m.place, translations, locale, 'place') }));
    },

    async facts(channelId, moduleId) {
      if (!UUID.test(channelId) || !UUID.test(moduleId)) return undefined;
      const channel = await prisma.cohortChannel.findUnique({
        where: { id: channelId },
        select: {
          groupId: true,
          group: { select: { name: true } },
          cohort: { select: { id: true, name: true, programId: true, program: { select: { locale: true, timezone: true, source: true } } } },
        },
      });
      const module = await prisma.module.findUnique({
        where: { id: moduleId },
        select: { ...moduleFields, programId: true, preparations: { orderBy: { position: 'asc' }, select: { id: true, title: true, tracked: true, reflectionQuestions: true } } },
      });
      if (!channel || !module || module.programId !== channel.cohort.programId) return undefined;
      const members = await prisma.participant.findMany({
        where: { cohortId: channel.cohort.id, ...participantRole, ...(channel.groupId ? { groups: { some: { groupId: channel.groupId } } } : {}) },
        select: { id: true, displayName: true },
        orderBy: { displayName: 'asc' },
      });
      const memberIds = members.map((m) => m.id);
      const prepIds = module.preparations.map((p) => p.id);
      const [completions, commitments, reflections] = await Promise.all([
        prisma.preparationCompletion.findMany({ where: { preparationId: { in: prepIds }, participantId: { in: memberIds } }, select: { preparationId: true, participantId: true } }),
        prisma.commitment.findMany({
          where: { participantId: { in: memberIds }, status: { not: 'withdrawn' } },
          select: { participantId: true, text: true, status: true, visibility: true, participant: { select: { displayName: true } } },
          orderBy: { createdAt: 'asc' },
        }),
        prisma.reflection.findMany({
          where: { preparationId: { in: prepIds }, participantId: { in: memberIds } },
          select: { preparationId: true, questionKey: true, participantId: true, answer: true, quoteAllowed: true },
          orderBy: { createdAt: 'asc' },
        }),
      ]);
      const byQuestion = new Map<string, ReflectionAnswer[]>();
      for (const r of reflections) {
        const key = `${r.preparationId}|${r.questionKey}`;
        byQuestion.set(key, [...(byQuestion.get(key) ?? []), { participantId: r.participantId, answer: r.answer, quoteAllowed: r.quoteAllowed }]);
      }
      const { preparations, programId: _programId, ...moduleView } = module;
      return {
        cohortName: channel.cohort.name,
        cohortId: channel.cohort.id,
        programId: channel.cohort.programId,
        locale: isLocale(channel.cohort.program.locale) ? channel.cohort.program.locale : 'sv',
        zone: channel.cohort.program.timezone,
        minGroupSize: minGroupSizeOf(channel.cohort.program.source),
        groupName: channel.group?.name ?? null,
        module: moduleView,
        members: members.map((m) => ({ id: m.id, name: m.displayName })),
        preparations: preparations.map((p) => ({
          id: p.id,
          title: p.title,
          tracked: p.tracked,
          doneBy: completions.filter((c) => c.preparationId === p.id).map((c) => c.participantId),
          questions: Array.isArray(p.reflectionQuestions) ? (p.reflectionQuestions as string[]) : [],
        })),
        commitments: commitments.map((c) => ({
          ownerId: c.participantId,
          ownerName: c.participant.displayName,
          text: c.text,
          status: c.status as CommitmentStatus,
          visibility: c.visibility as Visibility,
        })),
        reflections: byQuestion,
      };
    },
  };
}
