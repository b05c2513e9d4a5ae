// What importing a file would change, compared with the program as stored: modules added,
// no longer in the file, renamed or moved; preparations added, no longer in the file or
// moved. People are not the console's program page's to change (cohort-section.ts). Pure, so the console's preview and its
// tests read the same answer. The importer deletes nothing (program-import.ts): what the
// file no longer lists is kept, and so is its plan — programAfterImport says the same.
import type { Locale } from '../../i18n/i18n.js';
import type { PlanModule, PlanProgram } from '../reminders/plan.js';
import { inLocale, type LocalizedText } from './localized.js';
import type { StoredModule, StoredProgram } from './store.js';
import type { ResolvedModule, ResolvedProgram } from './validate.js';

export interface Moved {
  module: number;
  title: string;
  from: Date;
  to: Date;
}

export interface ProgramChanges {
  modulesAdded: { number: number; title: string; startsAt: Date }[];
  modulesNotInFile: { number: number; title: string }[];
  modulesRenamed: { number: number; from: string; to: string }[];
  modulesMoved: Moved[];
  preparationsAdded: { module: number; key: string; title: string; dueAt: Date }[];
  preparationsNotInFile: { module: number; key: string; title: string }[];
  preparationsMoved: (Moved & { key: string })[];
}

/** A file's text in the reader's language, else the program's. */
const fileText = (value: LocalizedText, reader: Locale, program: Locale): string => (typeof value === 'object' ? (value[reader] ?? value[program] ?? '') : value);
const storedText = (row: { title: string; translations: unknown }, reader: Locale): string => inLocale(row.title, row.translations, reader, 'title');

export function programChanges(stored: StoredProgram, file: ResolvedProgram, reader: Locale): ProgramChanges {
  const locale = file.file.program.locale;
  const changes: ProgramChanges = {
    modulesAdded: [],
    modulesNotInFile: [],
    modulesRenamed: [],
    modulesMoved: [],
    preparationsAdded: [],
    preparationsNotInFile: [],
    preparationsMoved: [],
  };
  const storedModules = new Map(stored.modules.map((m) => [m.number, m]));
  for (const mod of file.modules) {
    const number = mod.input.number;
    const before = storedModules.get(number);
    const title = fileText(mod.input.title, reader, locale);
    if (!before) {
      changes.modulesAdded.push({ number, title, startsAt: mod.startsAt });
      for (const prep of mod.preparations) changes.preparationsAdded.push({ module: number, key: prep.input.key, title: fileText(prep.input.title, reader, locale), dueAt: prep.dueAt });
      continue;
    }
    // Renamed: the stored text in the program's language differs from the file's.
    if (before.title !== fileText(mod.input.title, locale, locale)) changes.modulesRenamed.push({ number, from: storedText(before, reader), to: title });
    if (before.startsAt.getTime() !== mod.startsAt.getTime()) changes.modulesMoved.push({ module: number, title, from: before.startsAt, to: mod.startsAt });
    comparePreparations(before, mod, changes, reader, locale);
  }
  const inFile = new Set(file.modules.map((m) => m.input.number));
  for (const mod of stored.modules) if (!inFile.has(mod.number)) changes.modulesNotInFile.push({ number: mod.number, title: storedText(mod, reader) });
  return changes;
}

function comparePreparations(before: StoredModule, mod: ResolvedModule, changes: ProgramChanges, reader: Locale, locale: Locale): void {
  const number = mod.input.number;
  const storedPreps = new Map(before.preparations.map((p) => [p.key, p]));
  for (const prep of mod.preparations) {
    const title = fileText(prep.input.title, reader, locale);
    const was = storedPreps.get(prep.input.key);
    if (!was) changes.preparationsAdded.push({ module: number, key: prep.input.key, title, dueAt: prep.dueAt });
    else if (was.dueAt.getTime() !== prep.dueAt.getTime()) changes.preparationsMoved.push({ module: number, key: prep.input.key, title, from: was.dueAt, to: prep.dueAt });
  }
  const keys = new Set(mod.preparations.map((p) => p.input.key));
  for (const was of before.preparations) if (!keys.has(was.key)) changes.preparationsNotInFile.push({ module: number, key: was.key, title: storedText(was, reader) });
}

export function hasChanges(changes: ProgramChanges): boolean {
  return Object.values(changes).some((list: unknown[]) => list.length > 0);
}

/** The program as stored, for the reminder planner (the same shape the reminder store reads). */
export function storedPlan(stored: StoredProgram): PlanProgram {
  return {
    zone: stored.zone,
    policy: stored.policy,
    modules: stored.modules.map((m) => ({ id: m.id, startsAt: m.startsAt, preparations: m.preparations.map((p) => ({ id: p.id, dueAt: p.dueAt, tracked: p.tracked, policy: p.policy })) })),
  };
}

/** A module or preparation the import would create has no id yet: one that cannot collide. */
export const NEW_ID_PREFIX = 'new:';

/**
 * The program as the importer would leave it, for the reminder planner: modules and
 * preparations matched on number and key take the file's dates and policies, new ones get
 * placeholder ids, and what the file no longer lists stays as it is.
 */
export function programAfterImport(stored: StoredProgram, file: ResolvedProgram): PlanProgram {
  const fromFile = new Map(file.modules.map((m) => [m.input.number, m]));
  const modules: PlanModule[] = stored.modules.map((m) => {
    const next = fromFile.get(m.number);
    if (!next) return storedPlan({ ...stored, modules: [m] }).modules[0]!;
    const preps = new Map(next.preparations.map((p) => [p.input.key, p]));
    const kept = m.preparations.map((p) => {
      const n = preps.get(p.key);
      return n ? { id: p.id, dueAt: n.dueAt, tracked: n.input.tracked ?? true, policy: n.input.reminders ?? null } : { id: p.id, dueAt: p.dueAt, tracked: p.tracked, policy: p.policy };
    });
    const known = new Set(m.preparations.map((p) => p.key));
    const added = next.preparations
      .filter((p) => !known.has(p.input.key))
      .map((p) => ({ id: `${NEW_ID_PREFIX}${m.number}:${p.input.key}`, dueAt: p.dueAt, tracked: p.input.tracked ?? true, policy: p.input.reminders ?? null }));
    return { id: m.id, startsAt: next.startsAt, preparations: [...kept, ...added] };
  });
  const storedNumbers = new Set(stored.modules.map((m) => m.number));
  for (const next of file.modules.filter((m) => !storedNumbers.has(m.input.number))) {
    modules.push({
      id: `${NEW_ID_PREFIX}${next.input.number}`,
      startsAt: next.startsAt,
      preparations: next.preparations.map((p) => ({ id: `${NEW_ID_PREFIX}${next.input.number}:${p.input.key}`, dueAt: p.dueAt, tracked: p.input.tracked ?? true, policy: p.input.reminders ?? null })),
    });
  }
  return { zone: file.file.program.timezone, policy: file.file.program.reminders ?? null, modules };
}
