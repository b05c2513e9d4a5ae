// The cohort as the console's overview reads it: who prepares for the modules (by id, with
// their groups and teams, so the grid can be filtered and two people with one name stay
// two), who has done which tracked preparation, and what kohort knows about reaching each
// person. src/persistence implements it.
import type { Platform } from '../../core/events.js';
import type { DeliveryReason, OutboundKind } from '../outbox.js';
import type { Locale } from '../../i18n/i18n.js';

export interface RosterPerson {
  id: string;
  name: string;
  groupIds: string[];
  teamIds: string[];
  /** Reminders paused until then (`paus`): a reminder asked for before it is not sent. */
  pausedUntil?: Date;
}

export interface RosterPreparation {
  id: string;
  title: string;
  dueAt: Date;
  /** The participant ids who marked it done. */
  doneBy: string[];
}

export interface RosterModule {
  number: number;
  title: string;
  startsAt: Date;
  preparations: RosterPreparation[];
}

export interface CohortRoster {
  /** People with the participant role, by name. */
  people: RosterPerson[];
  /** Modules with their tracked preparations, in order. */
  modules: RosterModule[];
  groups: { id: string; name: string }[];
  teams: { id: string; name: string }[];
}

/** What kohort knows about reaching one participant. */
export interface ReachFacts {
  participantId: string;
  name: string;
  hasEmail: boolean;
  identities: { platform: Platform; unreachableSince: Date | null }[];
  /** When they last wrote to kohort in a direct conversation, on any platform; undefined: never. */
  lastWrote: Date | undefined;
  /** The latest message to them kohort gave up on, if any. */
  lastFailure: { reason: DeliveryReason; kind: OutboundKind; at: Date } | undefined;
}

export interface RosterReader {
  /** Titles in `locale` where the program has them (else as stored). */
  roster(cohortId: string, locale?: Locale): Promise<CohortRoster>;
  /** Every participant of the cohort (participant role), by name. */
  reach(cohortId: string): Promise<ReachFacts[]>;
}
