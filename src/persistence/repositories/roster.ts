// The console overview's reading of a cohort over Prisma: people with their groups and
// teams, completions by participant id, and what kohort knows about reaching each one.
import { inLocale } from '../../domain/program/localized.js';
import type { RosterReader } from '../../domain/reminders/roster.js';
import type { Locale } from '../../i18n/i18n.js';
import type { Prisma } from '../database.js';

/** Only people with the participant role prepare for modules (as in the reminder plan). */
const preparesForModules = { roles: { some: { role: 'participant' as const } } };

export function prismaRoster(prisma: Prisma): RosterReader {
  return {
    async roster(cohortId, locale?: Locale) {
      const cohort = await prisma.cohort.findUnique({
        where: { id: cohortId },
        select: {
          participants: {
            where: preparesForModules,
            select: { id: true, displayName: true, remindersPausedUntil: true, groups: { select: { groupId: true } }, teams: { select: { teamId: true } } },
            orderBy: { displayName: 'asc' },
          },
          groups: { select: { id: true, name: true }, orderBy: { name: 'asc' } },
          teams: { select: { id: true, name: true }, orderBy: { name: 'asc' } },
          program: {
            select: {
              modules: {
                orderBy: { number: 'asc' },
                select: {
                  number: true,
                  title: true,
                  translations: true,
                  startsAt: true,
                  preparations: {
                    where: { tracked: true },
                    orderBy: { position: 'asc' },
                    select: { id: true, title: true, translations: true, dueAt: true, completions: { select: { participantId: true } } },
                  },
                },
              },
            },
          },
        },
      });
      if (!cohort) return { people: [], modules: [], groups: [], teams: [] };
      return {
        people: cohort.participants.map((p) => ({
          id: p.id,
          name: p.displayName,
          groupIds: p.groups.map((g) => g.groupId),
          teamIds: p.teams.map((t) => t.teamId),
          pausedUntil: p.remindersPausedUntil ?? undefined,
        })),
        modules: cohort.program.modules.map((m) => ({
          number: m.number,
          title: inLocale(m.title, m.translations, locale, 'title'),
          startsAt: m.startsAt,
          preparations: m.preparations.map((p) => ({ id: p.id, title: inLocale(p.title, p.translations, locale, 'title'), dueAt: p.dueAt, doneBy: p.completions.map((c) => c.participantId) })),
        })),
        groups: cohort.groups,
        teams: cohort.teams,
      };
    },

    async reach(cohortId) {
      const people = await prisma.participant.findMany({
        where: { cohortId, ...preparesForModules },
        orderBy: { displayName: 'asc' },
        select: {
          id: true,
          displayName: true,
          email: true,
          identities: { select: { platform: true, unreachableSince: true } },
          conversations: { where: { kind: 'dm' }, select: { updatedAt: true }, orderBy: { updatedAt: 'desc' }, take: 1 },
          // When it failed is when it was last tried (claimed), not when it was due: retries come later.
          outbound: {
            where: { status: 'failed' },
            select: { failure: true, kind: true, dueAt: true, claimedAt: true },
            orderBy: [{ claimedAt: { sort: 'desc', nulls: 'last' } }, { dueAt: 'desc' }],
            take: 1,
          },
        },
      });
      return people.map((p) => {
        const failure = p.outbound[0];
        return {
          participantId: p.id,
          name: p.displayName,
          hasEmail: Boolean(p.email),
          identities: p.identities,
          lastWrote: p.conversations[0]?.updatedAt,
          lastFailure: failure ? { reason: failure.failure ?? 'internal_error', kind: failure.kind, at: failure.claimedAt ?? failure.dueAt } : undefined,
        };
      });
    },
  };
}
