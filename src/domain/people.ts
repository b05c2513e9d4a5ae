// The people of one cohort as the console manages them (issue 17.6): who they are, their
// roles, groups and teams, and where kohort can reach them; adding and editing a participant,
// the team-lead and facilitator roles, and the cohort's join code. Every change is written
// to the database and to the stored copy of the program file alike, so `program export`
// gives a file that lists the same people (see domain/program/source-people.ts).
import type { Platform } from '../core/events.js';
import type { Locale } from '../i18n/i18n.js';
import type { Role } from './roles.js';

/** The roles an admin gives or takes in the console; participant and admin come from the program file. */
export const MANAGED_ROLES = ['team_lead', 'facilitator'] as const;
export type ManagedRole = (typeof MANAGED_ROLES)[number];

export interface RosterPerson {
  participantId: string;
  /** The person's key in the program file. */
  key: string;
  name: string;
  email: string | null;
  /** The person's own choice (null: not chosen; the program's or their chat app's applies). */
  locale: Locale | null;
  roles: Role[];
  groups: { key: string; name: string }[];
  teams: { key: string; name: string; lead: boolean }[];
  /** Where kohort knows them; `reachable` false once a platform refused a message for good. */
  platforms: { platform: Platform; reachable: boolean }[];
}

export interface RosterCohort {
  id: string;
  slug: string;
  name: string;
  joinCode: string;
  groups: { key: string; name: string }[];
  teams: { key: string; name: string }[];
}

/** What a facilitator enters for a participant. */
export interface PersonDetails {
  name: string;
  email: string | null;
  locale: Locale | null;
  groups: string[];
  /** The teams they are in; whether they lead one stays as it was (see the store's update). */
  teams: string[];
}

export interface PeopleAdminStore {
  cohort(cohortId: string): Promise<RosterCohort | undefined>;
  people(cohortId: string): Promise<RosterPerson[]>;
  /** One person, only if they belong to this cohort. */
  person(cohortId: string, participantId: string): Promise<RosterPerson | undefined>;
  /** A new participant with a key made from the name, reachable in the playground and by e-mail. */
  add(cohortId: string, details: PersonDetails, at: Date): Promise<RosterPerson>;
  /** Undefined when the person is not in this cohort. */
  update(cohortId: string, participantId: string, details: PersonDetails): Promise<RosterPerson | undefined>;
  /** Gives or takes a role; a team lead leads the teams they are in. Undefined when not in this cohort. */
  setRole(cohortId: string, participantId: string, role: ManagedRole, held: boolean): Promise<RosterPerson | undefined>;
  /** Replaces the join code; the old one stops working at once. */
  setJoinCode(cohortId: string, code: string): Promise<void>;
}
