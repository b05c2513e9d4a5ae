// The program of the facilitator's own cohort, from the console: view it, download the file
// (its content and their own cohort only), check a changed file and see what it would
// change, then apply it. The same loader, validator and import as `npm run cli -- program …`
// (through ProgramStore), authorised by `import_program` like every use case. The console
// changes the program's content, never people: a file whose `cohorts` differ from the stored
// own cohort is refused (people are changed on the People page, under its own rules), and
// the import writes every cohort back as stored (cohort-section.ts).
import { stringify } from 'yaml';
import type { Ports } from '../../application/ports.js';
import { memberOf, type Session } from '../../application/session.js';
import { useCase } from '../../application/use-case.js';
import { KohortError } from '../../core/errors.js';
import { programAfterImport, programChanges, storedPlan, type ProgramChanges } from '../../domain/program/changes.js';
import { sameCohortSection, withOnlyCohort, withStoredCohorts } from '../../domain/program/cohort-section.js';
import { versionOf, type StoredProgram } from '../../domain/program/store.js';
import { formatPath, validateProgramText, type ProgramIssue, type ResolvedProgram } from '../../domain/program/validate.js';
import { readYamlDocument } from '../../domain/yaml-file.js';
import { planFor } from '../../domain/reminders/plan.js';

type ProgramPorts = Pick<Ports, 'programs' | 'reminders' | 'outbox' | 'planning' | 'audit' | 'wake'>;

/** Larger than any real program file (the demo's is 13 kB); the console's upload stops here. */
export const PROGRAM_FILE_MAX_BYTES = 512 * 1024;

async function ownProgram(session: Session, ports: Pick<Ports, 'programs'>): Promise<StoredProgram> {
  const program = await ports.programs.byId(memberOf(session).programId);
  if (!program) throw new KohortError('not_found', 'the cohort has no program');
  return program;
}

/** The slug of the signed-in person's cohort, in their program. */
function ownCohort(session: Session, program: StoredProgram): string {
  const cohort = program.cohorts.find((c) => c.id === memberOf(session).cohortId);
  if (!cohort) throw new KohortError('not_found', 'the cohort is not in its program');
  return cohort.slug;
}

export const viewProgram = useCase('import_program', async (session, ports: Pick<Ports, 'programs'>, _input: undefined) => {
  const program = await ownProgram(session, ports);
  return { program, version: versionOf(program) };
});

/** The file as last imported (as `npm run cli -- program export` prints it), with the person's own cohort only. */
export const programFile = useCase('import_program', async (session, ports: Pick<Ports, 'programs'>, _input: undefined) => {
  const program = await ownProgram(session, ports);
  return { slug: program.slug, text: stringify(withOnlyCohort(program.source, ownCohort(session, program))) };
});

/**
 * What the file is refused for: the validator's issues (path and line), it names another
 * program, or its `cohorts` are not the own cohort exactly as stored (people are changed on
 * the People page).
 */
export type Refusal = { kind: 'invalid'; issues: ProgramIssue[] } | { kind: 'other_program'; slug: string; ours: string } | { kind: 'people' };

export interface ReminderMoves {
  /** Pending reminders and module notices whose time changes. */
  moved: number;
  /** Pending ones no longer wanted (beyond what planning now would cancel anyway). */
  cancelled: number;
  /** New ones: for new modules and preparations, or steps a moved date brings into the future (new people's come on top). */
  added: number;
}

export type Checked = { ok: false; refusal: Refusal } | { ok: true; program: ResolvedProgram };

/** The file checked against the program as stored, and what the import would then write. */
function check(session: Session, stored: StoredProgram, text: string, importedAt: Date): Checked {
  const result = validateProgramText(text, importedAt);
  if (!result.ok) return { ok: false, refusal: { kind: 'invalid', issues: result.issues } };
  const slug = result.program.file.program.slug;
  // A facilitator changes their own cohort's program: a file for another would create or overwrite that one.
  if (slug !== stored.slug) return { ok: false, refusal: { kind: 'other_program', slug, ours: stored.slug } };
  // The file as written (before the schema's defaults), compared with the stored file as downloaded.
  const doc = readYamlDocument(text, '');
  if (!doc.ok || !sameCohortSection(doc.data, stored.source, ownCohort(session, stored))) return { ok: false, refusal: { kind: 'people' } };
  // Every cohort as stored, so the other cohorts (which the download left out) stay as they are.
  const merged = validateProgramText(stringify(withStoredCohorts(doc.data, stored.source)), importedAt);
  // Only a stored file an older kohort accepted could fail here: say so rather than import half of it.
  if (!merged.ok) return { ok: false, refusal: { kind: 'invalid', issues: merged.issues } };
  // The warnings with the lines of the file as uploaded.
  return { ok: true, program: { ...merged.program, warnings: result.program.warnings } };
}

/**
 * How the participants' pending reminders would change: the reminder planner's own pure
 * plan (planFor) over the same participants and pending rows, once for the program as stored
 * and once as the import would leave it; only the difference is counted. Nothing is written.
 */
async function reminderMoves(ports: ProgramPorts, stored: StoredProgram, program: ResolvedProgram, now: Date): Promise<ReminderMoves> {
  const [inputs] = await ports.reminders.planInputs({ programId: stored.id });
  const participants = inputs?.participants ?? [];
  const pending = await ports.outbox.pendingFor(
    participants.map((p) => p.id),
    ['reminder', 'module_notice'],
  );
  const before = planFor(storedPlan(stored), participants, pending, now);
  const after = planFor(programAfterImport(stored, program), participants, pending, now);
  const pendingDue = new Map(pending.map((row) => [row.idempotencyKey, row.dueAt.getTime()]));
  // Compared with what planning now would leave (a pending row planning would move anyway is not the file's doing).
  const plannedDue = new Map(before.plan.map((m) => [m.idempotencyKey, m.dueAt.getTime()]));
  const cancelledAnyway = new Set(before.cancel.map((c) => c.id));
  // A planned key with no live message becomes a new one; a sent one is never sent again (outbox.plan).
  const live = await ports.programs.liveMessageKeys([...new Set([...before.plan, ...after.plan].map((m) => m.idempotencyKey))]);
  const addedAnyway = new Set(before.plan.map((m) => m.idempotencyKey).filter((key) => !live.has(key)));
  return {
    moved: after.plan.filter((m) => pendingDue.has(m.idempotencyKey) && (plannedDue.get(m.idempotencyKey) ?? pendingDue.get(m.idempotencyKey)) !== m.dueAt.getTime()).length,
    cancelled: after.cancel.filter((c) => !cancelledAnyway.has(c.id)).length,
    added: after.plan.filter((m) => !live.has(m.idempotencyKey) && !addedAnyway.has(m.idempotencyKey)).length,
  };
}

export type Preview = { ok: false; refusal: Refusal } | { ok: true; changes: ProgramChanges; reminders: ReminderMoves; warnings: ProgramIssue[]; version: string; slug: string };

/** Validates the text as the CLI does and says what applying it would change; changes nothing. */
export const previewProgram = useCase('import_program', async (session, ports: ProgramPorts, input: { text: string; importedAt: Date }): Promise<Preview> => {
  const stored = await ownProgram(session, ports);
  const checked = check(session, stored, input.text, input.importedAt);
  if (!checked.ok) return checked;
  const { program } = checked;
  return {
    ok: true,
    changes: programChanges(stored, program, session.locale),
    reminders: await reminderMoves(ports, stored, program, session.now),
    warnings: program.warnings,
    version: versionOf(stored),
    slug: stored.slug,
  };
});

/** What was imported, of the program's content: the cohorts were written back as they were. */
export interface AppliedContent {
  modules: number;
  preparations: number;
  /** Modules and preparations the file no longer lists (kept). */
  notInFile: string[];
}

export type Applied = { ok: false; refusal: Refusal } | { ok: false; stale: true } | { ok: true; imported: AppliedContent; planned: Record<string, { planned: number; cancelled: number }> };

/**
 * Imports the previewed text — resolved at the preview's moment, so relative dates ("+14d")
 * mean what the preview showed — if the program is still the one it was compared with;
 * then plans again so reminders move at once, and audits it.
 */
export const applyProgram = useCase('import_program', async (session, ports: ProgramPorts, input: { text: string; importedAt: Date; version: string }): Promise<Applied> => {
  const stored = await ownProgram(session, ports);
  // Stale first: a People page change since the preview is the program changing, not the file's fault.
  if (versionOf(stored) !== input.version) return { ok: false, stale: true };
  const checked = check(session, stored, input.text, input.importedAt);
  if (!checked.ok) return checked;
  // Checked again inside the import's transaction: an import between this line and that one is caught too.
  const report = await ports.programs.importIfUnchanged(checked.program, input.version);
  if (!report) return { ok: false, stale: true };
  const planned = await ports.planning.replan({ programIds: [report.programId] }, session.now);
  // A reminder that moved to now goes at once, not at the next poll.
  ports.wake.now();
  const { programId, notInFile, erasedOnRequest, ...counts } = report;
  await ports.audit.record({
    at: session.now,
    actorId: memberOf(session).participantId,
    action: 'program.imported',
    subject: programId,
    detail: { via: 'console', ...counts, notInFile: notInFile.length, erasedOnRequest: erasedOnRequest.length, planned },
  });
  // The importer's people entries ("cohort <slug>: participant <key>", program-import.ts) are the People page's, and name other cohorts' people too.
  const content = notInFile.filter((item) => !item.startsWith('cohort '));
  return { ok: true, imported: { modules: counts.modules, preparations: counts.preparations, notInFile: content }, planned };
});

/** "modules[2].preparations[0].due", or "" for the file as a whole. */
export const issuePath = (issue: ProgramIssue): string => (issue.path.length > 0 ? formatPath(issue.path) : '');
