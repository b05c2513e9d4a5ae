// Reads a program file and returns either a fully resolved program or a list of errors,
// each naming its path and line: `modules[2].preparations[0].due: … (line 41)`. All the
// errors it can find come in one run: a schema error in one module or cohort does not stop
// the date and reference checks of the others (a facilitator fixes a file in one go, not
// round by round).
import { DateTime } from 'luxon';
import type { z } from 'zod';
import { holidayOn } from '../reminders/ladder.js';
import { checkSchema, readYamlDocument, type FileIssue, type PathSegment } from '../yaml-file.js';
import { loadQuestionnaire } from '../questionnaire/load.js';
import type { Occasion } from '../questionnaire/store.js';
import type { LocalizedText } from './localized.js';
import { linkTestsToOccasions } from './occasion-links.js';
import { cohort as cohortSchema, programFileSchema, programHeader, programModule, questionnaireUse, type ProgramFile } from './schema.js';
import { isValidZone, resolveWhen } from './when.js';

export { formatIssue, formatPath, type PathSegment } from '../yaml-file.js';

export type ProgramIssue = FileIssue;

export interface ResolvedPreparation {
  input: ProgramFile['modules'][number]['preparations'][number];
  position: number;
  dueAt: Date;
  /** When the reflection questions are asked besides after Done; null when only after Done. */
  reflectAt: Date | null;
  /** A maturity_test preparation: the occasion whose submitted test completes it. */
  occasionKey: string | null;
}

export interface ResolvedModule {
  input: ProgramFile['modules'][number];
  /** Its place in the file's list (a module the schema refused is left out, so this may skip). */
  index: number;
  startsAt: Date;
  preparations: ResolvedPreparation[];
}

/** When one attempt of a questionnaire opens and closes (the maturity test reads the same shape back). */
export type ResolvedOccasion = Occasion;

export interface ResolvedProgram {
  file: ProgramFile;
  modules: ResolvedModule[];
  occasions: ResolvedOccasion[];
  /** What is valid but probably not meant: a module or deadline on a public holiday. */
  warnings: ProgramIssue[];
}

export type ValidationResult = { ok: true; program: ResolvedProgram } | { ok: false; issues: ProgramIssue[] };

/**
 * What the checks beyond the schema look at: every module, questionnaire and cohort that
 * passes the schema on its own, at its index (undefined where it does not, so paths stay right).
 */
interface Checkable {
  zone: string;
  modules: (ProgramFile['modules'][number] | undefined)[];
  questionnaires: (ProgramFile['questionnaires'][number] | undefined)[];
  cohorts: (ProgramFile['cohorts'][number] | undefined)[];
}

export function validateProgramText(text: string, importedAt: Date): ValidationResult {
  const doc = readYamlDocument(text, 'programs/digitalt-forst.yaml is a complete example');
  if (!doc.ok) return doc;
  const parsed = checkSchema(programFileSchema, doc);
  const issues: ProgramIssue[] = parsed.ok ? [] : [...parsed.issues];
  const report = (path: PathSegment[], message: string) => issues.push({ path, message, line: doc.locate(path) });
  const checkable = parsed.ok ? { ...parsed.data, zone: parsed.data.program.timezone } : passingParts(doc.data);
  const resolved = resolve(checkable, importedAt, report);
  checkReferences(checkable, report);
  if (parsed.ok) checkLanguages(parsed.data, report);
  if (!parsed.ok || issues.length > 0) return { ok: false, issues };
  const warnings = holidayWarnings(parsed.data, resolved.modules).map(({ path, message }) => ({ path, message, line: doc.locate(path) }));
  return { ok: true, program: { file: parsed.data, ...resolved, warnings } };
}

/** A text given per language must have the program's own: it is what everyone without a translation reads. */
function checkLanguages(file: ProgramFile, report: Report): void {
  const locale = file.program.locale;
  const check = (value: LocalizedText | undefined, path: PathSegment[]) => {
    if (value && typeof value === 'object' && value[locale] === undefined) report(path, `give the text in the program's language (${locale}) too`);
  };
  file.modules.forEach((mod, m) => {
    for (const field of ['title', 'place', 'purpose'] as const) check(mod[field], ['modules', m, field]);
    mod.preparations.forEach((prep, p) => {
      check(prep.title, ['modules', m, 'preparations', p, 'title']);
      check(prep.details, ['modules', m, 'preparations', p, 'details']);
      prep.reflection?.forEach((question, r) => check(question, ['modules', m, 'preparations', p, 'reflection', r]));
    });
  });
  file.stopDoing?.suggestions.forEach((suggestion, i) => check(suggestion.text, ['stopDoing', 'suggestions', i, 'text']));
}

/**
 * Relative dates ("+29d") land where the import day puts them, so a module or a deadline
 * can fall on Christmas Day without anyone having chosen it: said, not refused.
 */
function holidayWarnings(file: ProgramFile, modules: ResolvedModule[]): { path: PathSegment[]; message: string }[] {
  const holidays = file.program.reminders?.holidays ?? 'none';
  const zone = file.program.timezone;
  const on = (at: Date) => {
    const day = DateTime.fromJSDate(at, { zone });
    const name = holidayOn(holidays, day);
    return name ? `falls on ${name} (${day.setLocale('en').toFormat('ccc d LLL yyyy')}), a public holiday` : undefined;
  };
  return modules.flatMap((mod) => {
    const found: { path: PathSegment[]; message: string }[] = [];
    const start = on(mod.startsAt);
    if (start) found.push({ path: ['modules', mod.index, 'start'], message: start });
    for (const prep of mod.preparations) {
      const due = prep.input.due ? on(prep.dueAt) : undefined;
      if (due) found.push({ path: ['modules', mod.index, 'preparations', prep.position, 'due'], message: due });
    }
    return found;
  });
}

/** The parts of a file that failed the schema which pass it on their own. */
function passingParts(data: unknown): Checkable {
  const root = asRecord(data);
  const each = <T>(schema: z.ZodType<T>, value: unknown) => (Array.isArray(value) ? value.map((item) => schema.safeParse(item).data) : []);
  // A zone that is not even text was reported by the schema; UTC then, as for an unknown zone.
  const zone = programHeader.shape.timezone.safeParse(asRecord(root.program).timezone);
  return {
    zone: zone.success ? zone.data : 'UTC',
    modules: each(programModule, root.modules),
    questionnaires: each(questionnaireUse, root.questionnaires ?? []),
    cohorts: each(cohortSchema, root.cohorts),
  };
}

const asRecord = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

type Report = (path: PathSegment[], message: string) => void;

function resolve(file: Checkable, importedAt: Date, report: Report): Omit<ResolvedProgram, 'file' | 'warnings'> {
  const zone = file.zone;
  if (!isValidZone(zone)) report(['program', 'timezone'], `"${zone}" is not an IANA time zone such as "Europe/Stockholm"`);
  const safeZone = isValidZone(zone) ? zone : 'UTC';
  // Undefined after a reported error: the result is discarded, later checks skip it.
  const at = (text: string, path: PathSegment[], defaultTime = { hour: 23, minute: 59 }): Date | undefined => {
    const result = resolveWhen(text, { zone: safeZone, importedAt, defaultTime });
    if (typeof result === 'string') report(path, result);
    return typeof result === 'string' ? undefined : result;
  };
  const INVALID = new Date(Number.NaN);

  const seenNumbers = new Set<number>();
  const modules = file.modules.flatMap((mod, m) => {
    if (!mod) return [];
    if (seenNumbers.has(mod.number)) report(['modules', m, 'number'], `module number ${mod.number} is used twice`);
    seenNumbers.add(mod.number);
    const startsAt = at(mod.start, ['modules', m, 'start'], { hour: 9, minute: 0 });
    const seenKeys = new Set<string>();
    const preparations = mod.preparations.map((prep, p) => {
      if (seenKeys.has(prep.key)) report(['modules', m, 'preparations', p, 'key'], `key "${prep.key}" is used twice in this module`);
      seenKeys.add(prep.key);
      const dueAt = prep.due ? at(prep.due, ['modules', m, 'preparations', p, 'due']) : startsAt;
      if (prep.due && dueAt && startsAt && dueAt > startsAt) {
        report(['modules', m, 'preparations', p, 'due'], 'is after the start of its module');
      }
      const reflectAt = prep.reflectAt ? at(prep.reflectAt, ['modules', m, 'preparations', p, 'reflectAt']) : null;
      if (prep.reflectAt && !prep.reflection?.length) report(['modules', m, 'preparations', p, 'reflectAt'], 'needs reflection questions (`reflection:`) to ask');
      return { input: prep, position: p, dueAt: dueAt ?? INVALID, reflectAt: reflectAt ?? null, occasionKey: null as string | null };
    });
    return [{ input: mod, index: m, startsAt: startsAt ?? INVALID, preparations }];
  });

  const occasions = file.questionnaires.flatMap((use, q) => {
    if (!use) return [];
    return use.occasions.map((occ, o) => {
      const opensAt = at(occ.opens, ['questionnaires', q, 'occasions', o, 'opens'], { hour: 0, minute: 0 });
      const closesAt = at(occ.closes, ['questionnaires', q, 'occasions', o, 'closes']);
      if (opensAt && closesAt && closesAt <= opensAt) report(['questionnaires', q, 'occasions', o, 'closes'], 'must be after "opens"');
      return { questionnaireKey: use.key, questionnaire: use.questionnaire, key: occ.key, title: occ.title, opensAt: opensAt ?? INVALID, closesAt: closesAt ?? INVALID };
    });
  });
  linkTestsToOccasions(modules, occasions, report);
  return { modules, occasions };
}

function checkReferences(file: Checkable, report: Report): void {
  file.questionnaires.forEach((use, q) => {
    if (!use) return;
    try {
      loadQuestionnaire(use.questionnaire);
    } catch (error) {
      // A missing or broken questionnaire is found at import, not when someone starts the test.
      report(['questionnaires', q, 'questionnaire'], (error as Error).message.split('\n')[0] ?? 'unknown questionnaire');
    }
  });
  const seenCohorts = new Set<string>();
  const seenIdentities = new Map<string, string>();
  file.cohorts.forEach((cohort, c) => {
    if (!cohort) return;
    if (seenCohorts.has(cohort.slug)) report(['cohorts', c, 'slug'], `cohort "${cohort.slug}" is listed twice`);
    seenCohorts.add(cohort.slug);
    const people = new Set<string>();
    cohort.participants.forEach((person, p) => {
      if (people.has(person.key)) report(['cohorts', c, 'participants', p, 'key'], `participant "${person.key}" is listed twice`);
      people.add(person.key);
      for (const [platform, id] of Object.entries(person.identities ?? {})) {
        const identity = `${platform}:${id}`;
        const owner = seenIdentities.get(identity);
        if (owner) report(['cohorts', c, 'participants', p, 'identities', platform], `${platform} id "${id}" already belongs to "${owner}"`);
        seenIdentities.set(identity, person.key);
      }
    });
    const mustExist = (path: PathSegment[], person: string) => {
      if (!people.has(person)) report(path, `"${person}" is not a participant of cohort "${cohort.slug}"`);
    };
    const groups = new Set<string>();
    cohort.groups.forEach((group, g) => {
      if (groups.has(group.key)) report(['cohorts', c, 'groups', g, 'key'], `group "${group.key}" is listed twice`);
      groups.add(group.key);
      group.members.forEach((m, i) => mustExist(['cohorts', c, 'groups', g, 'members', i], m));
    });
    cohort.teams.forEach((team, t) => {
      team.leads.forEach((m, i) => mustExist(['cohorts', c, 'teams', t, 'leads', i], m));
      team.members.forEach((m, i) => mustExist(['cohorts', c, 'teams', t, 'members', i], m));
    });
    cohort.channels.forEach((channel, i) => {
      if (channel.group && !groups.has(channel.group)) {
        report(['cohorts', c, 'channels', i, 'group'], `group "${channel.group}" is not defined in this cohort`);
      }
    });
  });
}
