// Roles and the one authorisation matrix. Every use case names a capability and the
// router checks it here, on the server, before the use case runs; a button in a card
// is never the only guard.
import { KohortError } from '../core/errors.js';

export const ROLES = ['participant', 'team_lead', 'facilitator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export type Capability =
  | 'help'
  | 'join'
  | 'language'
  | 'status'
  | 'mark_done'
  | 'pause_reminders'
  | 'maturity_test'
  | 'stop_doing'
  | 'my_data'
  | 'forget_me'
  | 'view_team'
  | 'nudge_team'
  | 'view_cohort'
  | 'remind_cohort'
  | 'broadcast'
  | 'summarize'
  | 'import_program'
  | 'export_cohort'
  | 'manage_people'
  | 'manage_facilitators'
  | 'person_data'
  | 'open_console';

/** `anyone` includes a visitor who is in no cohort yet; `member` is anyone with a role. */
type Audience = 'anyone' | 'member' | readonly Role[];

const MATRIX: Record<Capability, Audience> = {
  help: 'anyone',
  join: 'anyone',
  language: 'anyone',
  status: 'member',
  my_data: 'member',
  forget_me: 'member',
  mark_done: ['participant'],
  pause_reminders: ['participant'],
  maturity_test: ['participant'],
  stop_doing: ['participant', 'team_lead'],
  view_team: ['team_lead'],
  nudge_team: ['team_lead'],
  view_cohort: ['facilitator', 'admin'],
  // Reminding everyone not done with a preparation sends messages in the program's name: the facilitators' (as broadcasts are).
  remind_cohort: ['facilitator'],
  broadcast: ['facilitator'],
  summarize: ['facilitator'],
  import_program: ['facilitator', 'admin'],
  export_cohort: ['facilitator', 'admin'],
  // Adding and editing participants and renewing the join code (the console's people page).
  manage_people: ['facilitator', 'admin'],
  manage_facilitators: ['admin'],
  // Exporting or erasing someone else's data, on their request (as `person export|erase`).
  person_data: ['admin'],
  // A team lead's console is their own team's page; every other page asks for its own capability.
  open_console: ['facilitator', 'admin', 'team_lead'],
};

export const CAPABILITIES = Object.keys(MATRIX) as Capability[];

export function can(roles: readonly Role[], capability: Capability): boolean {
  const audience = MATRIX[capability];
  if (audience === 'anyone') return true;
  if (audience === 'member') return roles.length > 0;
  return roles.some((role) => audience.includes(role));
}

/** The roles that hold a capability ('anyone'/'member' capabilities list every role). */
export function rolesFor(capability: Capability): Role[] {
  return ROLES.filter((role) => can([role], capability));
}

export class NotAuthorisedError extends KohortError {
  constructor(readonly capability: Capability) {
    super('not_authorised', `capability ${capability} needs one of: ${rolesFor(capability).join(', ')}`);
  }
}

export function authorize(roles: readonly Role[], capability: Capability): void {
  if (!can(roles, capability)) throw new NotAuthorisedError(capability);
}
