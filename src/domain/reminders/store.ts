// What the reminder use cases read and write; src/persistence implements it with Prisma.
import type { Locale } from '../../i18n/i18n.js';
import type { ReminderPolicy } from './ladder.js';
import type { PlanParticipant, PlanProgram } from './plan.js';

export interface PreparationView {
  id: string;
  programId: string;
  kind: string;
  title: string;
  details: string | null;
  links: { label: string; url: string }[];
  dueAt: Date;
  groupSize: string | null;
  tracked: boolean;
  module: { id: string; number: number; title: string; startsAt: Date; place: string | null };
}

export interface ModuleView {
  id: string;
  programId: string;
  number: number;
  title: string;
  startsAt: Date;
  place: string | null;
  preparations: { id: string; title: string; kind: string; dueAt: Date; tracked: boolean }[];
}

export interface PreparationProgress {
  id: string;
  title: string;
  dueAt: Date;
  done: string[];
  notDone: string[];
}

export interface ModuleProgress {
  number: number;
  title: string;
  startsAt: Date;
  preparations: PreparationProgress[];
}

export interface OpenPreparation {
  id: string;
  title: string;
  dueAt: Date;
  moduleNumber: number;
  moduleTitle: string;
}

export interface ReminderSettings {
  zone: string;
  policy: ReminderPolicy;
  pausedUntil: Date | null;
}

export interface ReminderStore {
  /** A program and the participants to plan for: everyone in it, or only some. */
  planInputs(scope: { programId: string } | { participantIds: string[] }): Promise<{ program: PlanProgram; participants: PlanParticipant[] }[]>;
  programIds(): Promise<string[]>;
  /** `locale`: the reader's language, for program texts the file gives in several (else the program's). */
  preparation(preparationId: string, locale?: Locale): Promise<PreparationView | undefined>;
  module(moduleId: string, locale?: Locale): Promise<ModuleView | undefined>;
  /** preparation for many at once (an outbox batch), by language and then id; unknown ids are left out. */
  preparationsIn(preparationIds: readonly string[], locales: readonly Locale[]): Promise<Map<Locale, Map<string, PreparationView>>>;
  /** module for many at once (an outbox batch), by language and then id; unknown ids are left out. */
  modulesIn(moduleIds: readonly string[], locales: readonly Locale[]): Promise<Map<Locale, Map<string, ModuleView>>>;
  /** The preparations (of those given) the participant has marked done. */
  doneAmong(participantId: string, preparationIds: string[]): Promise<Set<string>>;
  /** doneAmong for many participants at once: by participant, the preparations (of those given) they marked done. */
  doneAmongMany(participantIds: readonly string[], preparationIds: readonly string[]): Promise<Map<string, Set<string>>>;
  /** True when this is news (not marked done before). */
  markDone(participantId: string, preparationId: string, at: Date): Promise<boolean>;
  /** True when there was something to undo. */
  undoDone(participantId: string, preparationId: string): Promise<boolean>;
  /** The participant's merged policy, time zone and pause. */
  settingsOf(participantId: string): Promise<ReminderSettings | undefined>;
  setPause(participantId: string, until: Date | null): Promise<void>;
  /** Who in the cohort has done each tracked preparation (people with the participant role). */
  /** Titles in `locale` where the program has them (else as stored). */
  progress(cohortId: string, locale?: Locale): Promise<ModuleProgress[]>;
  displayNames(participantIds: string[]): Promise<Map<string, string>>;
  /** A program's tracked preparations of one kind (a maturity_test's also by its test occasion), earliest due first. */
  preparationsOfKind(programId: string, kind: 'maturity_test' | 'stop_doing', occasionKey?: string): Promise<{ id: string; title: string; dueAt: Date }[]>;
  /** The tracked preparations the participant has not marked done, earliest due first. */
  openPreparations(participantId: string, locale?: Locale): Promise<OpenPreparation[]>;
}
