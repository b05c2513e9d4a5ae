// The data rights a person has in kohort (GDPR articles 13, 15, 17, 20): a copy of what is
// held about them, erasure, and the notice that says who is responsible. The database side
// lives in src/persistence/personal-data.ts and erasure.ts.

/** Who erased: the person themselves, an admin acting on a request, or the retention period. */
export type ErasureCause = 'self' | 'admin' | 'retention';

/** What the privacy notice names, from the program file's `privacy` section. */
export interface PrivacyFacts {
  controller: string | null;
  contact: string | null;
  retentionDays: number | null;
  minGroupSize: number;
}

/** What an erasure found, in counts; the traces name the person only for scrubbing places outside the database. */
export interface ErasureOutcome {
  cohortId: string;
  rows: Record<string, number>;
  traces: { names: string[]; identities: { platform: string; externalId: string }[] };
}

/** How much the personal-data file holds, for the short summary in chat. */
export interface PersonalDataCounts {
  identities: number;
  completions: number;
  attempts: number;
  answers: number;
  skipped: number;
  commitments: number;
  followUps: number;
  reflections: number;
  messages: number;
  audit: number;
}

export interface PersonalDataStore {
  /** The person's data as a JSON file stored for download (expires), with what it holds; undefined when there is no such person. */
  exportFile(participantId: string, at: Date, expiresAt: Date): Promise<{ id: string; filename: string; counts: PersonalDataCounts } | undefined>;
  /** Erases the person everywhere kohort keeps data (see personal-data.ts); undefined when already gone. */
  erase(participantId: string, at: Date, cause: ErasureCause): Promise<ErasureOutcome | undefined>;
  /** The privacy section of the person's program. */
  facts(programId: string): Promise<PrivacyFacts>;
  /** True the first time it is asked for a person: their first message carries the privacy notice. */
  claimFirstNotice(participantId: string, at: Date): Promise<boolean>;
  /** claimFirstNotice for many at once (an outbox batch): the people claimed now, in one statement. */
  claimFirstNotices(participantIds: readonly string[], at: Date): Promise<Set<string>>;
  /** Undoes claims made at `at` whose message was not delivered after all: their next message carries the notice. */
  releaseFirstNotices(participantIds: readonly string[], at: Date): Promise<void>;
}

/** Places outside the database that keep what people wrote (the playground's transcript): told to forget a person. */
export interface Forgetter {
  forget(traces: ErasureOutcome['traces']): Promise<void>;
}
