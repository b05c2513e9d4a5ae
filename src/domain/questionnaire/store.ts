// What the maturity test reads and writes; src/persistence implements it with Prisma.
import type { Answer, SessionState, SessionStatus } from './session.js';

export interface Occasion {
  questionnaireKey: string;
  questionnaire: string;
  key: string;
  title: string;
  opensAt: Date;
  closesAt: Date;
}

export interface Attempt extends SessionState {
  id: string;
  participantId: string;
  questionnaireKey: string;
  occasionKey: string;
  submittedAt: Date | null;
}

export interface CohortAttempt {
  participantId: string;
  occasionKey: string;
  status: SessionStatus;
  answers: ReadonlyMap<string, Answer>;
}

export interface CohortPeople {
  /** People with the participant role: the ones who take the test. */
  participants: { id: string; name: string }[];
  groups: { name: string; memberIds: string[] }[];
  minGroupSize: number;
}

export interface MaturityStore {
  cohortPeople(cohortId: string): Promise<CohortPeople>;
  occasionsOf(programId: string): Promise<Occasion[]>;
  attempt(participantId: string, questionnaireKey: string, occasionKey: string): Promise<Attempt | undefined>;
  byId(attemptId: string): Promise<Attempt | undefined>;
  /** The attempt the person is in the middle of (not paused, not submitted), if any. */
  active(participantId: string): Promise<Attempt | undefined>;
  /** Creates the attempt unless it exists (a double start creates one). */
  start(participantId: string, questionnaireKey: string, occasionKey: string, at: Date): Promise<Attempt>;
  /**
   * Stores the new state only if the attempt is still where the caller saw it (same index
   * and status): two clicks racing each other cannot both move it. False when it had moved.
   */
  save(attempt: Attempt, next: SessionState, answered: { key: string; answer: Answer } | undefined, at: Date): Promise<boolean>;
  /** The person's submitted attempts of one questionnaire, oldest first. */
  submitted(participantId: string, questionnaireKey: string): Promise<Attempt[]>;
  /** Every attempt in a cohort (for aggregates only; never shown per person). */
  cohortAttempts(cohortId: string, questionnaireKey: string): Promise<CohortAttempt[]>;
}
