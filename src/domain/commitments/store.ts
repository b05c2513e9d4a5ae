// What the commitment use cases read and write; src/persistence implements it with Prisma.
import type { Locale } from '../../i18n/i18n.js';
import type { CheckInStatus, CommitmentStatus, Scope, Visibility } from './commitment.js';

export interface Commitment {
  id: string;
  participantId: string;
  cohortId: string;
  teamId: string | null;
  moduleId: string | null;
  text: string;
  reason: string | null;
  suggestionKey: string | null;
  scope: Scope;
  status: CommitmentStatus;
  visibility: Visibility;
  hoursFreedPerWeek: number | null;
  /** The stop_doing preparation this decision completed, if any. */
  preparationId: string | null;
  createdAt: Date;
}

export interface CheckIn {
  id: string;
  commitmentId: string;
  status: CheckInStatus;
  note: string | null;
  hoursFreedPerWeek: number | null;
  answeredAt: Date;
}

export interface CommitmentWithHistory extends Commitment {
  ownerName: string;
  moduleNumber: number | null;
  lastCheckIn: CheckIn | undefined;
}

export interface LedTeam {
  id: string;
  name: string;
  members: { id: string; name: string }[];
  commitments: CommitmentWithHistory[];
  /** The program's privacy threshold. */
  minGroupSize: number;
}

export interface CommitmentStore {
  /** In the reader's language where the program file gives it. */
  suggestions(programId: string, locale?: Locale): Promise<{ key: string; text: string }[]>;
  /** The modules of a program (for the follow-up module) and the person's teams (for a team commitment). */
  context(participantId: string): Promise<{ modules: { id: string; number: number; startsAt: Date }[]; teams: { id: string; name: string }[] }>;
  create(input: Omit<Commitment, 'id' | 'status' | 'hoursFreedPerWeek' | 'cohortId' | 'createdAt' | 'preparationId'> & { at: Date }): Promise<Commitment>;
  /** Links a decision to the stop_doing preparation it completed. */
  linkPreparation(id: string, preparationId: string): Promise<void>;
  /** How many of the person's decisions (not withdrawn) are linked to this preparation. */
  linkedDecisions(participantId: string, preparationId: string): Promise<number>;
  byId(id: string): Promise<CommitmentWithHistory | undefined>;
  /** byId for many at once (an outbox batch); unknown ids are left out. */
  byIds(ids: readonly string[]): Promise<Map<string, CommitmentWithHistory>>;
  update(id: string, patch: Partial<Pick<Commitment, 'text' | 'reason' | 'scope' | 'teamId' | 'moduleId' | 'visibility' | 'status' | 'hoursFreedPerWeek'>>, at: Date): Promise<void>;
  /** The person's own commitments, newest first (withdrawn ones left out). */
  own(participantId: string): Promise<CommitmentWithHistory[]>;
  /** Records a check-in and moves the commitment to its status; returns the check-in. */
  checkIn(commitmentId: string, status: CheckInStatus, at: Date): Promise<CheckIn>;
  checkInById(id: string): Promise<CheckIn | undefined>;
  /** Adds the optional note or hours to a check-in (and the hours to the commitment). */
  completeCheckIn(id: string, details: { note?: string; hours?: number }): Promise<void>;
  history(commitmentId: string): Promise<CheckIn[]>;
  /** The teams this person leads, with members and their commitments (team and personal). */
  ledTeams(participantId: string): Promise<LedTeam[]>;
  /** Every commitment in a cohort that is not withdrawn, for facilitators. */
  cohortCommitments(cohortId: string): Promise<CommitmentWithHistory[]>;
}
