// A cohort's people, as facilitators manage them in the console (issue 17.6): the list, adding
// and editing a participant, and the join code. Each use case acts on the signed-in person's
// own cohort only: a participant id from another cohort is "not found", never shown or changed.
// A change is audited (ids only, never a name) and takes effect in chat at once: a new
// participant is planned their reminders now, and the e-mail finds them when they first write.
import { randomInt } from 'node:crypto';
import { z } from 'zod';
import type { Ports } from '../../application/ports.js';
import { memberOf, type Session } from '../../application/session.js';
import { useCase } from '../../application/use-case.js';
import type { PersonDetails, RosterCohort, RosterPerson } from '../../domain/people.js';
import { can } from '../../domain/roles.js';
import { isLocale } from '../../i18n/i18n.js';

type RosterPorts = Pick<Ports, 'peopleAdmin' | 'planning' | 'audit' | 'wake'>;

/** What the form sends, as typed: every field a string (groups may repeat). */
export interface PersonForm {
  name?: string;
  email?: string;
  locale?: string;
  groups?: string | string[];
  teams?: string | string[];
}

/** A field's problem, as a prompt key under console_people.errors. */
export type FieldErrors = Partial<Record<'name' | 'email' | 'locale' | 'groups' | 'teams', string>>;

export type Saved = { ok: true; person: RosterPerson } | { ok: false; errors: FieldErrors; form: PersonForm } | { ok: false; notFound: true } | { ok: false; forbidden: true };

/** The longest name the form takes (the view's maxlength says the same). */
export const NAME_MAX = 100;
const email = z.email();

/**
 * The form's fields checked against the cohort: a name, a well-formed e-mail (or none) no one
 * else in the cohort has, sv/en, its own groups and teams; and a team's only lead (`before`)
 * does not leave it, since the program file needs a lead per team and would then disagree.
 */
export function checkPerson(form: PersonForm, cohort: RosterCohort, others: readonly RosterPerson[], before?: Pick<RosterPerson, 'teams'>): { details: PersonDetails } | { errors: FieldErrors } {
  const errors: FieldErrors = {};
  const name = (form.name ?? '').trim().replace(/\s+/g, ' ');
  if (!name) errors.name = 'name_required';
  else if (name.length > NAME_MAX) errors.name = 'name_long';
  const address = (form.email ?? '').trim();
  if (address && !email.safeParse(address).success) errors.email = 'email_format';
  // One address, one person: Slack and Teams users are matched to the cohort by it.
  else if (address && others.some((o) => o.email?.toLowerCase() === address.toLowerCase())) errors.email = 'email_taken';
  const locale = (form.locale ?? '').trim();
  if (locale && !isLocale(locale)) errors.locale = 'locale_unknown';
  const groups = [...new Set([form.groups ?? []].flat().filter(Boolean))];
  if (groups.some((g) => !cohort.groups.some((known) => known.key === g))) errors.groups = 'group_unknown';
  const teams = [...new Set([form.teams ?? []].flat().filter(Boolean))];
  if (teams.some((t) => !cohort.teams.some((known) => known.key === t))) errors.teams = 'team_unknown';
  else if (before?.teams.some((t) => t.lead && !teams.includes(t.key) && !others.some((o) => o.teams.some((x) => x.key === t.key && x.lead)))) errors.teams = 'team_last_lead';
  if (Object.keys(errors).length > 0) return { errors };
  return { details: { name, email: address || null, locale: isLocale(locale) ? locale : null, groups, teams } };
}

async function ownCohort(ports: Pick<Ports, 'peopleAdmin'>, cohortId: string): Promise<RosterCohort> {
  const cohort = await ports.peopleAdmin.cohort(cohortId);
  if (!cohort) throw new Error('the signed-in person’s cohort is gone');
  return cohort;
}

/** The cohort with its groups, teams and join code, and everyone in it. */
export const listPeople = useCase('view_cohort', async (session, ports: Pick<Ports, 'peopleAdmin'>, _input: undefined) => {
  const { cohortId } = memberOf(session);
  const [cohort, people] = await Promise.all([ownCohort(ports, cohortId), ports.peopleAdmin.people(cohortId)]);
  return { cohort, people };
});

/** One person of the cohort (undefined for anyone else, or when none is asked for: a new one), with the cohort's groups and teams for the form. */
export const showPerson = useCase('view_cohort', async (session, ports: Pick<Ports, 'peopleAdmin'>, participantId: string | undefined) => {
  const { cohortId } = memberOf(session);
  const [cohort, person] = await Promise.all([ownCohort(ports, cohortId), participantId ? ports.peopleAdmin.person(cohortId, participantId) : undefined]);
  return { cohort, person };
});

export const addPerson = useCase('manage_people', async (session, ports: RosterPorts, form: PersonForm): Promise<Saved> => {
  const actor = memberOf(session);
  const checked = checkPerson(form, await ownCohort(ports, actor.cohortId), await ports.peopleAdmin.people(actor.cohortId));
  if ('errors' in checked) return { ok: false, errors: checked.errors, form };
  const person = await ports.peopleAdmin.add(actor.cohortId, checked.details, session.now);
  // Their reminders from now on (never a burst of past ones), as for someone who joined with the code.
  await ports.planning.replan({ programIds: [actor.programId], participantIds: [person.participantId] }, session.now);
  ports.wake.now();
  await ports.audit.record({ at: session.now, actorId: actor.participantId, action: 'person.added', subject: person.participantId });
  return { ok: true, person };
});

/**
 * A facilitator edits participants; a facilitator's or an admin's details only an admin
 * changes. Their e-mail decides which Slack or Teams user becomes them on first contact, so
 * changing it would hand their roles to whoever owns the new address.
 */
export function mayEdit(session: Session, target: Pick<RosterPerson, 'roles'>): boolean {
  return can(session.roles, 'manage_people') && (can(session.roles, 'manage_facilitators') || !target.roles.some((r) => r === 'facilitator' || r === 'admin'));
}

export const editPerson = useCase('manage_people', async (session, ports: RosterPorts, input: { participantId: string; form: PersonForm }): Promise<Saved> => {
  const actor = memberOf(session);
  const everyone = await ports.peopleAdmin.people(actor.cohortId);
  const target = everyone.find((p) => p.participantId === input.participantId);
  if (!target) return { ok: false, notFound: true };
  if (!mayEdit(session, target)) return { ok: false, forbidden: true };
  const others = everyone.filter((p) => p !== target);
  const checked = checkPerson(input.form, await ownCohort(ports, actor.cohortId), others, target);
  if ('errors' in checked) return { ok: false, errors: checked.errors, form: input.form };
  const person = await ports.peopleAdmin.update(actor.cohortId, input.participantId, checked.details);
  if (!person) return { ok: false, notFound: true };
  await ports.planning.replan({ programIds: [actor.programId], participantIds: [person.participantId] }, session.now);
  ports.wake.now();
  await ports.audit.record({ at: session.now, actorId: actor.participantId, action: 'person.edited', subject: person.participantId });
  return { ok: true, person };
});

/** Letters and digits that cannot be mistaken for one another when read aloud or typed (no 0/O, 1/I/L). */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A new random join code, e.g. "K7QM-3HXR" (31^8 ≈ 8.5·10^11 codes); the old one is refused from now on. */
export const renewJoinCode = useCase('manage_people', async (session, ports: Pick<Ports, 'peopleAdmin' | 'audit'>, _input: undefined) => {
  const actor = memberOf(session);
  const part = () => Array.from({ length: 4 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
  const code = `${part()}-${part()}`;
  await ports.peopleAdmin.setJoinCode(actor.cohortId, code);
  await ports.audit.record({ at: session.now, actorId: actor.participantId, action: 'cohort.join_code_renewed', subject: actor.cohortId });
  return code;
});
