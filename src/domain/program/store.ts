// The program as kohort holds it, for the console's program page and the CLI: what is in the
// database now (to show it and to compare an uploaded file with it), the file as last
// imported (to download it), and the one import both the CLI and the console run.
import { createHash } from 'node:crypto';
import type { Locale } from '../../i18n/i18n.js';
import type { ReminderPolicy } from '../reminders/ladder.js';
import type { ResolvedProgram } from './validate.js';

export interface StoredPreparation {
  id: string;
  key: string;
  /** In the program's language; `translations` holds the others. */
  title: string;
  translations: unknown;
  dueAt: Date;
  tracked: boolean;
  policy: Partial<ReminderPolicy> | null;
}

export interface StoredModule {
  id: string;
  number: number;
  title: string;
  translations: unknown;
  startsAt: Date;
  place: string | null;
  preparations: StoredPreparation[];
}

export interface StoredProgram {
  id: string;
  slug: string;
  name: string;
  locale: Locale;
  zone: string;
  policy: Partial<ReminderPolicy> | null;
  modules: StoredModule[];
  /** The cohorts of the program. */
  cohorts: { id: string; slug: string }[];
  /**
   * The file as last imported, kept in step by the People page and erasure (Program.source):
   * what is downloaded, and the cohorts an upload from the console must leave as they are.
   */
  source: unknown;
}

export interface ImportReport {
  programId: string;
  modules: number;
  preparations: number;
  cohorts: number;
  participants: number;
  /** Items in the database that the file no longer lists (kept, not deleted). */
  notInFile: string[];
  /** People of the file (cohort/key) who were erased on request: not imported; remove them from the file. */
  erasedOnRequest: string[];
}

export interface ProgramStore {
  byId(programId: string): Promise<StoredProgram | undefined>;
  /** The file as last imported (YAML; several programs separated by `---`); undefined when there is none. */
  exportFile(slug?: string): Promise<string | undefined>;
  /** Of these outbox idempotency keys, the ones held by a message that is not cancelled (pending, sent, failed…). */
  liveMessageKeys(keys: string[]): Promise<Set<string>>;
  /** Creates or updates the program in one transaction (see persistence/program-import.ts). */
  import(program: ResolvedProgram): Promise<ImportReport>;
  /**
   * The same import, only if the stored program still has this version (versionOf), checked
   * inside the import's transaction with the program's row locked; undefined when it has not.
   */
  importIfUnchanged(program: ResolvedProgram, version: string): Promise<ImportReport | undefined>;
}

/**
 * A fingerprint of the program as stored: everything a preview compared a file with,
 * the stored file included — its cohorts are what the console's import writes back, so a
 * change on the People page between preview and Apply makes the preview stale rather than
 * being undone. A preview is applied only while it still holds.
 */
export function versionOf(program: StoredProgram): string {
  return createHash('sha256').update(JSON.stringify(program)).digest('hex').slice(0, 32);
}
