// Everything kohort holds about one person, as one machine-readable document (GDPR article
// 20), and the list of tables that can hold a person's data with how each is exported and
// erased. test/db/personal-data-coverage.test.ts walks Prisma's data model and fails when a
// model is missing from PERSONAL_DATA, so a new table cannot be forgotten by either.
import type { Prisma } from './database.js';

/** How a table that can hold a person's data is exported and erased. */
export interface Coverage {
  /** The key of the export file that holds this table's rows, or why none is needed. */
  export: string;
  /** How erasure removes it: with the participant (cascade), by an explicit delete, or anonymised in place. */
  erase: 'cascade' | 'deleted' | 'anonymised' | 'scrubbed';
}

/**
 * Every model of prisma/schema.prisma: those that can hold a participant's data with their
 * coverage, the others with why they cannot (`null`).
 */
export const PERSONAL_DATA: Record<string, Coverage | { none: string }> = {
  Participant: { export: 'person', erase: 'deleted' },
  PlatformIdentity: { export: 'identities', erase: 'cascade' },
  RoleAssignment: { export: 'roles', erase: 'cascade' },
  GroupMember: { export: 'groups', erase: 'cascade' },
  TeamMember: { export: 'teams', erase: 'cascade' },
  PreparationCompletion: { export: 'completions', erase: 'cascade' },
  QuestionnaireAttempt: { export: 'maturity', erase: 'cascade' },
  QuestionnaireAnswer: { export: 'maturity', erase: 'cascade' },
  Commitment: { export: 'commitments', erase: 'cascade' },
  CommitmentFollowUp: { export: 'commitments', erase: 'cascade' },
  Reflection: { export: 'reflections', erase: 'cascade' },
  AwaitedReflection: { export: 'awaitedReflection', erase: 'cascade' },
  ConversationReference: { export: 'conversations', erase: 'cascade' },
  // A typed-choice prompt is keyed by the person's direct conversation.
  ConversationPrompt: { export: 'conversations', erase: 'deleted' },
  OutboundMessage: { export: 'messages', erase: 'deleted' },
  AuditLog: { export: 'audit', erase: 'anonymised' },
  // Drafts too (the facilitator's own text from a preview, status `draft`): housekeeping deletes those never sent after a day.
  Broadcast: { export: 'broadcasts', erase: 'anonymised' },
  // The person's own downloads go with them; a facilitator's CSV of the cohort may name them and is deleted.
  Export: { export: 'downloads', erase: 'deleted' },
  // The stored program file lists participants by key and name.
  Program: { export: 'programEntry', erase: 'scrubbed' },
  // The console: when they asked for sign-in links and were signed in (the tokens are only hashes).
  ConsoleLink: { export: 'consoleSignIns', erase: 'cascade' },
  ConsoleSession: { export: 'consoleSessions', erase: 'cascade' },
  Cohort: { none: 'a cohort’s name, slug and join code' },
  CohortChannel: { none: 'channel ids and names of the cohort' },
  Module: { none: 'the program’s modules' },
  Preparation: { none: 'the program’s preparations' },
  Group: { none: 'a group’s key and name' },
  Team: { none: 'a team’s key and name' },
  ProcessedEvent: { none: 'platform event ids kept to drop duplicates, with no person or text' },
  ErasedPerson: { none: 'a keyed hash that cannot be turned back into the program key it was made from' },
  Setting: { none: 'installation settings (the erasure key when KOHORT_SECRET is not set)' },
  SendBudget: { none: 'a platform workspace’s or tenant’s posting budget: its id and timings, no person' },
};

/** The file `mina data` gives: stable keys, ISO dates, skips as skips. */
export interface PersonalDataFile {
  format: 'kohort-personal-data/1';
  generatedAt: string;
  person: {
    key: string;
    name: string;
    email: string | null;
    language: string | null;
    platformLanguage: string | null;
    timezone: string | null;
    remindersPausedUntil: string | null;
    privacyNoticeShownAt: string | null;
    createdAt: string;
  };
  cohort: { slug: string; name: string; program: string };
  identities: { platform: string; id: string; tenant: string | null; unreachableSince: string | null }[];
  roles: string[];
  groups: string[];
  teams: { team: string; lead: boolean }[];
  completions: { module: number; preparation: string; title: string; completedAt: string }[];
  maturity: {
    questionnaire: string;
    occasion: string;
    status: string;
    startedAt: string;
    submittedAt: string | null;
    answers: ({ question: string; answeredAt: string } & ({ skipped: true } | { skipped: false; value?: number; choice?: string; text?: string }))[];
  }[];
  commitments: {
    text: string;
    reason: string | null;
    suggestion: string | null;
    scope: string;
    status: string;
    visibility: string;
    hoursFreedPerWeek: number | null;
    outcomeNote: string | null;
    module: number | null;
    team: string | null;
    createdAt: string;
    followUps: { status: string; note: string | null; hoursFreedPerWeek: number | null; answeredAt: string }[];
  }[];
  reflections: { preparation: string; question: string; answer: string; quoteAllowed: boolean; createdAt: string }[];
  awaitedReflection: { preparation: string; question: number; askedAt: string } | null;
  conversations: { platform: string; kind: string; language: string | null; lastSeen: string }[];
  messages: { kind: string; dueAt: string; status: string; sentAt: string | null; late: boolean; failure: string | null }[];
  broadcasts: { createdAt: string; content: string; text: string | null; status: string }[];
  audit: { at: string; action: string; role: 'actor' | 'subject' }[];
  downloads: { filename: string; createdAt: string; expiresAt: string }[];
  consoleSignIns: { createdAt: string; expiresAt: string; usedAt: string | null }[];
  consoleSessions: { expiresAt: string }[];
  programEntry: unknown;
}

const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);
const num = (d: { toNumber(): number } | null): number | null => (d === null ? null : d.toNumber());

/** One person's data, or undefined when there is no such participant. Nothing of anyone else. */
export async function personalDataOf(prisma: Prisma, participantId: string, now: Date): Promise<PersonalDataFile | undefined> {
  const p = await prisma.participant.findUnique({
    where: { id: participantId },
    include: {
      cohort: { include: { program: { select: { slug: true, source: true } } } },
      identities: true,
      roles: true,
      groups: { include: { group: { select: { key: true } } } },
      teams: { include: { team: { select: { key: true } } } },
      completions: { include: { preparation: { select: { key: true, title: true, module: { select: { number: true } } } } }, orderBy: { completedAt: 'asc' } },
      attempts: { include: { answers: { orderBy: { answeredAt: 'asc' } } }, orderBy: { startedAt: 'asc' } },
      commitments: { include: { followUps: { orderBy: { answeredAt: 'asc' } }, module: { select: { number: true } }, team: { select: { key: true } } }, orderBy: { createdAt: 'asc' } },
      reflections: { include: { preparation: { select: { key: true } } }, orderBy: { createdAt: 'asc' } },
      awaitedReflection: { include: { preparation: { select: { key: true } } } },
      conversations: true,
      consoleLinks: { orderBy: { createdAt: 'asc' }, select: { createdAt: true, expiresAt: true, usedAt: true } },
      consoleSessions: { select: { expiresAt: true } },
    },
  });
  if (!p) return undefined;
  const conversationKeys = p.conversations.map((c) => c.key);
  const [messages, broadcasts, audit, downloads] = await Promise.all([
    prisma.outboundMessage.findMany({ where: { participantId }, orderBy: { dueAt: 'asc' }, select: { kind: true, dueAt: true, status: true, sentAt: true, late: true, failure: true } }),
    prisma.broadcast.findMany({ where: { createdById: participantId }, orderBy: { createdAt: 'asc' } }),
    prisma.auditLog.findMany({
      where: { OR: [{ actorId: participantId }, { subject: { in: [participantId, ...conversationKeys, ...p.commitments.map((c) => c.id)] } }] },
      orderBy: { at: 'asc' },
      select: { at: true, action: true, actorId: true },
    }),
    prisma.export.findMany({ where: { participantId, expiresAt: { gt: now } }, select: { filename: true, createdAt: true, expiresAt: true } }),
  ]);
  return {
    format: 'kohort-personal-data/1',
    generatedAt: now.toISOString(),
    person: {
      key: p.key,
      name: p.displayName,
      email: p.email,
      language: p.locale,
      platformLanguage: p.platformLocale,
      timezone: p.timezone,
      remindersPausedUntil: iso(p.remindersPausedUntil),
      privacyNoticeShownAt: iso(p.privacyNoticeAt),
      createdAt: p.createdAt.toISOString(),
    },
    cohort: { slug: p.cohort.slug, name: p.cohort.name, program: p.cohort.program.slug },
    identities: p.identities.map((i) => ({ platform: i.platform, id: i.externalId, tenant: i.tenantId, unreachableSince: iso(i.unreachableSince) })),
    roles: p.roles.map((r) => r.role),
    groups: p.groups.map((g) => g.group.key),
    teams: p.teams.map((t) => ({ team: t.team.key, lead: t.isLead })),
    completions: p.completions.map((c) => ({ module: c.preparation.module.number, preparation: c.preparation.key, title: c.preparation.title, completedAt: c.completedAt.toISOString() })),
    maturity: p.attempts.map((a) => ({
      questionnaire: a.questionnaireKey,
      occasion: a.occasionKey,
      status: a.status,
      startedAt: a.startedAt.toISOString(),
      submittedAt: iso(a.submittedAt),
      answers: a.answers.map((x) =>
        x.skipped
          ? { question: x.questionKey, answeredAt: x.answeredAt.toISOString(), skipped: true as const }
          : {
              question: x.questionKey,
              answeredAt: x.answeredAt.toISOString(),
              skipped: false as const,
              ...(x.scaleValue !== null ? { value: x.scaleValue } : {}),
              ...(x.choice !== null ? { choice: x.choice } : {}),
              ...(x.text !== null ? { text: x.text } : {}),
            },
      ),
    })),
    commitments: p.commitments.map((c) => ({
      text: c.text,
      reason: c.reason,
      suggestion: c.suggestionKey,
      scope: c.scope,
      status: c.status,
      visibility: c.visibility,
      hoursFreedPerWeek: num(c.hoursFreedPerWeek),
      outcomeNote: c.outcomeNote,
      module: c.module?.number ?? null,
      team: c.team?.key ?? null,
      createdAt: c.createdAt.toISOString(),
      followUps: c.followUps.map((f) => ({ status: f.status, note: f.note, hoursFreedPerWeek: num(f.hoursFreedPerWeek), answeredAt: f.answeredAt.toISOString() })),
    })),
    reflections: p.reflections.map((r) => ({ preparation: r.preparation.key, question: r.questionKey, answer: r.answer, quoteAllowed: r.quoteAllowed, createdAt: r.createdAt.toISOString() })),
    awaitedReflection: p.awaitedReflection
      ? { preparation: p.awaitedReflection.preparation.key, question: p.awaitedReflection.questionIndex, askedAt: p.awaitedReflection.askedAt.toISOString() }
      : null,
    conversations: p.conversations.map((c) => ({ platform: c.platform, kind: c.kind, language: c.locale, lastSeen: c.updatedAt.toISOString() })),
    messages: messages.map((m) => ({ kind: m.kind, dueAt: m.dueAt.toISOString(), status: m.status, sentAt: iso(m.sentAt), late: m.late, failure: m.failure })),
    broadcasts: broadcasts.map((b) => ({ createdAt: b.createdAt.toISOString(), content: b.contentKind, text: b.text, status: b.status })),
    audit: audit.map((a) => ({ at: a.at.toISOString(), action: a.action, role: a.actorId === participantId ? ('actor' as const) : ('subject' as const) })),
    downloads: downloads.map((d) => ({ filename: d.filename, createdAt: d.createdAt.toISOString(), expiresAt: d.expiresAt.toISOString() })),
    consoleSignIns: p.consoleLinks.map((l) => ({ createdAt: l.createdAt.toISOString(), expiresAt: l.expiresAt.toISOString(), usedAt: iso(l.usedAt) })),
    consoleSessions: p.consoleSessions.map((s) => ({ expiresAt: s.expiresAt.toISOString() })),
    programEntry: programEntryOf(p.cohort.program.source, p.cohort.slug, p.key),
  };
}

interface SourceCohort {
  slug?: string;
  participants?: { key?: string }[];
  groups?: { members?: string[] }[];
  teams?: { leads?: string[]; members?: string[] }[];
}

const cohortsOf = (source: unknown): SourceCohort[] => ((source as { cohorts?: SourceCohort[] } | null)?.cohorts ?? []).filter((c) => typeof c === 'object' && c !== null);

/** The person's own entry in the stored program file (name, e-mail, identities the facilitator wrote). */
function programEntryOf(source: unknown, cohortSlug: string, key: string): unknown {
  return (
    cohortsOf(source)
      .find((c) => c.slug === cohortSlug)
      ?.participants?.find((person) => person.key === key) ?? null
  );
}

/** The stored program file without the person: their entry and their key in groups and teams. */
export function withoutPerson(source: unknown, cohortSlug: string, key: string): unknown {
  if (!source || typeof source !== 'object') return source;
  const file = source as { cohorts?: SourceCohort[] };
  return {
    ...file,
    cohorts: (file.cohorts ?? []).map((c) =>
      c.slug !== cohortSlug
        ? c
        : {
            ...c,
            participants: (c.participants ?? []).filter((person) => person.key !== key),
            groups: (c.groups ?? []).map((g) => ({ ...g, members: (g.members ?? []).filter((m) => m !== key) })),
            teams: (c.teams ?? []).map((t) => ({ ...t, leads: (t.leads ?? []).filter((m) => m !== key), members: (t.members ?? []).filter((m) => m !== key) })),
          },
    ),
  };
}
