// What group summaries read; src/persistence implements it with Prisma.
import type { Platform } from '../../core/events.js';
import type { CommitmentStatus, Visibility } from '../commitments/commitment.js';
import type { Locale } from '../../i18n/i18n.js';
import type { ReminderPolicy } from '../reminders/ladder.js';
import type { ReflectionAnswer } from './digest.js';

/** A channel a cohort posts to: the whole cohort's (groupId null) or one group's. */
export interface SummaryChannel {
  id: string;
  cohortId: string;
  groupId: string | null;
  platform: Platform;
  channelId: string;
  /** How people know it, when the program file names it. */
  name: string | null;
}

export interface SummaryModule {
  id: string;
  number: number;
  title: string;
  startsAt: Date;
  place: string | null;
}

export interface SummarySchedule {
  programId: string;
  zone: string;
  /** From the program file's `summaries`; kohort's default is two days before at 09:00. */
  daysBefore: number;
  at: string;
  /** The program's reminder policy: its working days and holidays apply to summaries too. */
  policy: ReminderPolicy;
  modules: SummaryModule[];
  channels: SummaryChannel[];
}

export interface SummaryFacts {
  cohortName: string;
  programId: string;
  cohortId: string;
  locale: Locale;
  zone: string;
  /** The program's privacy threshold: the fewest people a quote, a theme or a breakdown may stand for. */
  minGroupSize: number;
  /** The group's name, or null for the whole cohort. */
  groupName: string | null;
  module: SummaryModule;
  /** People with the participant role in the group (or the cohort). */
  members: { id: string; name: string }[];
  preparations: { id: string; title: string; tracked: boolean; doneBy: string[]; questions: string[] }[];
  /** The members' commitments, withdrawn ones left out. */
  commitments: { ownerId: string; ownerName: string; text: string; status: CommitmentStatus; visibility: Visibility }[];
  /** The members' answers to the module's reflection questions, keyed "<preparationId>|<questionKey>". */
  reflections: Map<string, ReflectionAnswer[]>;
}

export interface SummaryStore {
  /** Every program's summary timing, modules and channels (or only these programs'). */
  schedules(programIds?: string[]): Promise<SummarySchedule[]>;
  channelsOf(cohortId: string): Promise<SummaryChannel[]>;
  channel(id: string): Promise<SummaryChannel | undefined>;
  /** Titles and places in `locale` where the program has them (else as stored). */
  modulesOf(programId: string, locale?: Locale): Promise<SummaryModule[]>;
  /** Everything one channel's summary before one module shows; undefined if either is gone. */
  facts(channelId: string, moduleId: string): Promise<SummaryFacts | undefined>;
}
