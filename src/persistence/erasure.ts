// Erasure of one person (GDPR article 17): `glöm mig`, an admin's `person erase`, and the
// retention job all come here. One transaction removes the person from every table listed
// in personal-data.ts, from the stored program file and from the cohort's export files, and
// leaves a keyed hash so the next import of the same file does not bring them back. What it
// returns names them only for the caller to scrub places outside the database (the
// playground transcript); it is never logged.
import { createHmac, randomBytes } from 'node:crypto';
import type { Prisma as PrismaNamespace } from './generated/client.js';
import type { ErasureCause, ErasureOutcome } from '../domain/privacy.js';
import type { Prisma } from './database.js';
import { withoutPerson } from './personal-data.js';

type Tx = Parameters<Parameters<Prisma['$transaction']>[0]>[0];

/** The keyed hash kept instead of the person: the cohort and the program file's key, under the installation's secret. */
export function erasureDigest(secret: string, cohortSlug: string, key: string): string {
  return createHmac('sha256', secret).update(`${cohortSlug}\u0000${key}`).digest('hex');
}

/**
 * The erasure key: KOHORT_SECRET when the environment sets one (recommended: then the
 * database alone cannot be checked against a list of names), otherwise a random key
 * generated once and kept in the database, so replicas and the CLI agree.
 */
export function erasureSecret(prisma: Prisma | Tx, fromEnvironment: string | undefined): Promise<string> {
  return installationSecret(prisma, fromEnvironment, 'erasure_key');
}

/** A key the installation makes once and keeps in the database (unless the environment gives one), so replicas agree. */
export async function installationSecret(prisma: Prisma | Tx, fromEnvironment: string | undefined, name: string): Promise<string> {
  if (fromEnvironment) return fromEnvironment;
  await prisma.setting.createMany({ data: [{ name, value: randomBytes(32).toString('base64') }], skipDuplicates: true });
  const row = await prisma.setting.findUniqueOrThrow({ where: { name } });
  return row.value;
}

/** Erases one participant; undefined when there is no such participant (erased already). */
export async function erasePerson(prisma: Prisma, participantId: string, options: { at: Date; secret: string | undefined; cause: ErasureCause }): Promise<ErasureOutcome | undefined> {
  return prisma.$transaction((tx) => eraseIn(tx, participantId, options), { timeout: 60_000 });
}

async function eraseIn(tx: Tx, participantId: string, { at, secret, cause }: { at: Date; secret: string | undefined; cause: ErasureCause }): Promise<ErasureOutcome | undefined> {
  const person = await tx.participant.findUnique({
    where: { id: participantId },
    include: {
      identities: true,
      conversations: { where: { kind: 'dm' }, select: { key: true } },
      commitments: { select: { id: true, text: true, reason: true, outcomeNote: true, followUps: { select: { note: true } } } },
      reflections: { select: { answer: true } },
      attempts: { select: { id: true, answers: { select: { text: true } } } },
      cohort: { select: { id: true, slug: true, program: { select: { id: true, source: true } } } },
    },
  });
  if (!person) return undefined;
  const { cohort } = person;
  const conversationKeys = person.conversations.map((c) => c.key);
  const identities = person.identities.map((i) => ({ platform: i.platform, externalId: i.externalId }));
  // Whatever could single the person out in a stored copy of a message: their ids, name, e-mail and words.
  const traces = [
    participantId,
    person.displayName,
    person.email,
    ...identities.map((i) => i.externalId),
    ...person.commitments.flatMap((c) => [c.text, c.reason, c.outcomeNote, ...c.followUps.map((f) => f.note)]),
    ...person.reflections.map((r) => r.answer),
    ...person.attempts.flatMap((a) => a.answers.map((x) => x.text)),
  ].filter((t): t is string => typeof t === 'string' && t.trim().length >= 3);

  const rows: Record<string, number> = {
    completions: await tx.preparationCompletion.count({ where: { participantId } }),
    attempts: person.attempts.length,
    commitments: person.commitments.length,
    reflections: person.reflections.length,
  };
  rows.messages = (await tx.outboundMessage.deleteMany({ where: { participantId } })).count;
  rows.prompts = (await tx.conversationPrompt.deleteMany({ where: { key: { in: conversationKeys } } })).count;
  // A facilitator's CSV of the cohort may hold the person's name or words: those files go (they are made again on
  // request). Other people's own downloads hold nothing of theirs and stay.
  rows.exports = (await tx.export.deleteMany({ where: { OR: [{ participantId }, { cohortId: cohort.id, participantId: null }] } })).count;
  // A channel is remembered with whoever wrote there first; it stays kohort's way into the channel for everyone else.
  await tx.conversationReference.updateMany({ where: { participantId, kind: 'channel' }, data: { participantId: null } });
  rows.channelCopies = await scrubStoredMessages(tx, cohort.id, traces);
  const subjects = [participantId, ...conversationKeys, ...person.commitments.map((c) => c.id)];
  rows.auditAnonymised =
    (await tx.auditLog.updateMany({ where: { actorId: participantId }, data: { actorId: null } })).count +
    (await tx.auditLog.updateMany({ where: { subject: { in: subjects } }, data: { subject: null } })).count;
  rows.broadcastsAnonymised = (await tx.broadcast.updateMany({ where: { createdById: participantId }, data: { createdById: null } })).count;
  await tx.participant.delete({ where: { id: participantId } });

  await tx.program.update({ where: { id: cohort.program.id }, data: { source: withoutPerson(cohort.program.source, cohort.slug, person.key) as PrismaNamespace.InputJsonValue } });
  // People who joined with the code are in no file: nothing could bring them back.
  if (!person.key.startsWith('joined-')) {
    const digest = erasureDigest(await erasureSecret(tx, secret), cohort.slug, person.key);
    await tx.erasedPerson.upsert({ where: { digest }, create: { digest, erasedAt: at }, update: { erasedAt: at } });
  }
  await tx.auditLog.create({ data: { at, actorId: null, action: 'person.erased', subject: null, detail: { cause, rows } } });
  return { cohortId: cohort.id, rows, traces: { names: [person.displayName, person.email].filter((n): n is string => Boolean(n)), identities } };
}

/**
 * Messages kohort keeps a copy of after sending (a summary's thread part, a team lead's
 * nudge) lose that copy when it holds a trace of the person; one still waiting is cancelled.
 */
async function scrubStoredMessages(tx: Tx, cohortId: string, traces: string[]): Promise<number> {
  if (traces.length === 0) return 0;
  const rows = await tx.outboundMessage.findMany({ where: { cohortId, kind: { in: ['summary', 'nudge'] } }, select: { id: true, status: true, payload: true } });
  let scrubbed = 0;
  for (const row of rows) {
    const stored = JSON.stringify(row.payload);
    // Compared as JSON writes them (a line break in an answer is "\\n" there).
    if (!traces.some((t) => stored.includes(JSON.stringify(t).slice(1, -1)))) continue;
    await tx.outboundMessage.update({
      where: { id: row.id },
      data: { payload: {}, ...(row.status === 'pending' || row.status === 'claimed' ? { status: 'cancelled', lastError: 'erased' } : {}) },
    });
    scrubbed++;
  }
  return scrubbed;
}

/** Which people of a program file were erased on request: their keys, by cohort, for the import to skip and report. */
export async function erasedKeys(prisma: Prisma | Tx, secret: string | undefined, people: { cohort: string; key: string }[]): Promise<Set<string>> {
  if (people.length === 0 || (await prisma.erasedPerson.count()) === 0) return new Set();
  const key = await erasureSecret(prisma, secret);
  const digests = new Map(people.map((p) => [erasureDigest(key, p.cohort, p.key), `${p.cohort}/${p.key}`]));
  const found = await prisma.erasedPerson.findMany({ where: { digest: { in: [...digests.keys()] } }, select: { digest: true } });
  return new Set(found.map((f) => digests.get(f.digest)!));
}
