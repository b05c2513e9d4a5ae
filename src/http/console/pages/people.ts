// The cohort's people (issue 17.6): the list, adding and editing a participant, the join code,
// and for admins the roles and a person's data (export, erasure after a confirmation page).
// Every route is authorised by its use case's capability (signedIn checks it, perform again),
// so a facilitator's forged POST to an admin's form gets 403; every change is a CSRF-checked POST.
import type { Request, Response } from 'express';
import { perform } from '../../../application/use-case.js';
import type { Session } from '../../../application/session.js';
import { can } from '../../../domain/roles.js';
import { MANAGED_ROLES, type RosterPerson } from '../../../domain/people.js';
import { isManagedRole, setRole } from '../../../features/people/admin.js';
import { erasePerson, exportPerson } from '../../../features/privacy/on-request.js';
import { addPerson, editPerson, listPeople, mayEdit, NAME_MAX, renewJoinCode, showPerson, type PersonForm, type Saved } from '../../../features/people/people.js';
import { textsOf, type ConsoleContext, type ConsolePage } from '../context.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BASE = '/console/people';

/** This page's texts (console_people.*), and how a person's row reads. */
function wording(s: Session) {
  const p = textsOf(s, 'console_people');
  const platform = (name: string) => s.t(`common.platforms.${name}`);
  return {
    p,
    roles: (person: RosterPerson) => person.roles.map((r) => p(`roles.${r}`)).join(', '),
    groups: (person: RosterPerson) => [...person.groups.map((g) => g.name), ...person.teams.map((t) => (t.lead ? p('lead_of', { team: t.name }) : t.name))].join(', ') || p('none'),
    language: (person: RosterPerson) => (person.locale ? p(`languages.${person.locale}`) : p('language_default')),
    reach: (person: RosterPerson) => {
      const known = person.platforms.map((x) => (x.reachable ? platform(x.platform) : p('unreachable', { platform: platform(x.platform) })));
      // Slack and Teams find someone the program lists by e-mail the first time they write (or are written to).
      if (person.email && !person.platforms.some((x) => x.platform !== 'local')) known.push(p('reach_email', { email: person.email }));
      return known.join(', ') || p('reach_nowhere');
    },
  };
}

/** The form's fields as the browser sent them (urlencoded: a repeated field is an array). */
function formOf(req: Request): PersonForm {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const one = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const many = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : one(v));
  return {
    name: one(body.name),
    email: one(body.email),
    locale: one(body.locale),
    groups: many(body.groups),
    teams: many(body.teams),
  };
}

export const peoplePage: ConsolePage = {
  nav: { href: BASE, label: 'console_people.nav', capability: 'view_cohort' },
  mount(ctx: ConsoleContext) {
    const { router, ports, signedIn, page, csrf } = ctx;

    const notFound = (req: Request, res: Response, s: Session) => page(req, res, 404, 'people-missing', s, { w: wording(s), message: 'errors.not_found' });

    /** The form page for a new or an existing person, with what was typed and what is wrong. */
    async function formPage(req: Request, res: Response, s: Session, status: number, person: RosterPerson | undefined, failed?: Extract<Saved, { errors: unknown }>) {
      const { cohort } = await perform(showPerson, s, ports, person?.participantId);
      const values = failed
        ? { name: failed.form.name ?? '', email: failed.form.email ?? '', locale: failed.form.locale ?? '', groups: [failed.form.groups ?? []].flat(), teams: [failed.form.teams ?? []].flat() }
        : { name: person?.name ?? '', email: person?.email ?? '', locale: person?.locale ?? '', groups: person?.groups.map((g) => g.key) ?? [], teams: person?.teams.map((t) => t.key) ?? [] };
      page(req, res, status, 'person', s, {
        w: wording(s),
        cohort,
        person,
        values,
        errors: failed?.errors ?? {},
        notice: noticeOf(req, s, person),
        admin: can(s.roles, setRole.capability),
        // New people anyone who manages people may add; an existing one, see mayEdit.
        editable: person ? mayEdit(s, person) : can(s.roles, addPerson.capability),
        roles: MANAGED_ROLES,
        nameMax: NAME_MAX,
      });
    }

    /** A one-line confirmation after a redirect (?done=…), so reloading the page repeats nothing. */
    function noticeOf(req: Request, s: Session, person?: RosterPerson): string | undefined {
      const { p } = wording(s);
      const done = String(req.query.done ?? '');
      const role = String(req.query.role ?? '');
      if (person && done === 'saved') return p('saved', { name: person.name });
      if (person && done === 'added') return p('added', { name: person.name });
      if (person && isManagedRole(role) && (done === 'given' || done === 'taken')) return p(`roles_section.${done}`, { name: person.name, role: p(`roles.${role}`) });
      if (done === 'erased') return p('erased');
      return undefined;
    }

    router.get(BASE, async (req, res) => {
      const s = await signedIn(req, res, listPeople.capability);
      if (!s) return;
      const { cohort, people } = await perform(listPeople, s, ports, undefined);
      const renewed = req.query.done === 'renewed' ? wording(s).p('join.renewed', { code: cohort.joinCode }) : undefined;
      page(req, res, 200, 'people', s, { w: wording(s), cohort, people, notice: renewed ?? noticeOf(req, s), manage: can(s.roles, addPerson.capability) });
    });

    router.post(`${BASE}/join-code`, csrf, async (req, res) => {
      const s = await signedIn(req, res, renewJoinCode.capability);
      if (!s) return;
      await perform(renewJoinCode, s, ports, undefined);
      res.redirect(303, `${BASE}?done=renewed#join-code`);
    });

    router.get(`${BASE}/new`, async (req, res) => {
      const s = await signedIn(req, res, addPerson.capability);
      if (s) await formPage(req, res, s, 200, undefined);
    });

    router.post(`${BASE}/new`, csrf, async (req, res) => {
      const s = await signedIn(req, res, addPerson.capability);
      if (!s) return;
      const saved = await perform(addPerson, s, ports, formOf(req));
      if (saved.ok) return res.redirect(303, `${BASE}/${saved.person.participantId}?done=added`);
      if ('errors' in saved) return formPage(req, res, s, 422, undefined, saved);
    });

    router.get(`${BASE}/:id`, async (req, res) => {
      const s = await signedIn(req, res, showPerson.capability);
      if (!s) return;
      const id = String(req.params.id);
      const person = UUID.test(id) ? (await perform(showPerson, s, ports, id)).person : undefined;
      if (!person) return notFound(req, res, s);
      await formPage(req, res, s, 200, person);
    });

    router.post(`${BASE}/:id`, csrf, async (req, res) => {
      const s = await signedIn(req, res, editPerson.capability);
      if (!s) return;
      const id = String(req.params.id);
      if (!UUID.test(id)) return notFound(req, res, s);
      const saved = await perform(editPerson, s, ports, { participantId: id, form: formOf(req) });
      if (saved.ok) return res.redirect(303, `${BASE}/${id}?done=saved`);
      if ('notFound' in saved) return notFound(req, res, s);
      if ('forbidden' in saved) return page(req, res, 403, 'people-missing', s, { w: wording(s), message: 'errors.staff_only' });
      const { person } = await perform(showPerson, s, ports, id);
      await formPage(req, res, s, 422, person, saved);
    });

    router.post(`${BASE}/:id/roles`, csrf, async (req, res) => {
      const s = await signedIn(req, res, setRole.capability);
      if (!s) return;
      const id = String(req.params.id);
      const { role, held } = (req.body ?? {}) as { role?: unknown; held?: unknown };
      if (!UUID.test(id) || !isManagedRole(role) || (held !== 'true' && held !== 'false')) return notFound(req, res, s);
      const person = await perform(setRole, s, ports, { participantId: id, role, held: held === 'true' });
      if (!person) return notFound(req, res, s);
      res.redirect(303, `${BASE}/${id}?done=${held === 'true' ? 'given' : 'taken'}&role=${role}#roles`);
    });

    router.post(`${BASE}/:id/export`, csrf, async (req, res) => {
      const s = await signedIn(req, res, exportPerson.capability);
      if (!s) return;
      const id = String(req.params.id);
      const file = UUID.test(id) ? await perform(exportPerson, s, ports, id) : undefined;
      if (!file) return notFound(req, res, s);
      // The same download route as `mina data`: an unguessable id that expires soon.
      res.redirect(303, `/exports/${file.id}`);
    });

    router.get(`${BASE}/:id/erase`, async (req, res) => {
      const s = await signedIn(req, res, erasePerson.capability);
      if (!s) return;
      const id = String(req.params.id);
      const person = UUID.test(id) ? (await perform(showPerson, s, ports, id)).person : undefined;
      if (!person) return notFound(req, res, s);
      page(req, res, 200, 'person-erase', s, { w: wording(s), person, self: person.participantId === s.person?.participantId });
    });

    router.post(`${BASE}/:id/erase`, csrf, async (req, res) => {
      const s = await signedIn(req, res, erasePerson.capability);
      if (!s) return;
      const id = String(req.params.id);
      const outcome = UUID.test(id) ? await perform(erasePerson, s, ports, id) : 'not_found';
      if (outcome === 'not_found') return notFound(req, res, s);
      if (outcome === 'self') return res.redirect(303, `${BASE}/${id}/erase`);
      res.redirect(303, `${BASE}?done=erased`);
    });
  },
};
