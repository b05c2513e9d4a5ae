// The stored copy of the program file (Program.source, what `program export` writes) kept
// in step with changes made in the console: a person added or edited there, a role given or
// taken, a new join code. Exporting and importing the file again then changes nothing.
// Pure functions over the file's plain data; unknown fields are kept as they are.

type Entry = { key: string; [field: string]: unknown };
type SourceCohort = {
  slug: string;
  joinCode?: string;
  groups?: { key: string; members?: string[]; [field: string]: unknown }[];
  teams?: { key: string; leads?: string[]; members?: string[]; [field: string]: unknown }[];
  participants?: Entry[];
  [field: string]: unknown;
};

function editCohort(source: unknown, slug: string, edit: (cohort: SourceCohort) => SourceCohort): unknown {
  if (!source || typeof source !== 'object') return source;
  const file = source as { cohorts?: SourceCohort[] };
  return { ...file, cohorts: (file.cohorts ?? []).map((c) => (c.slug === slug ? edit(c) : c)) };
}

const without = (list: string[] | undefined, key: string) => (list ?? []).filter((k) => k !== key);
const withKey = (list: string[] | undefined, key: string) => [...without(list, key), key];

export interface SourcePerson {
  key: string;
  name: string;
  email: string | null;
  locale: string | null;
  roles: string[];
  groups: string[];
  /** Every team they are in, and whether they lead it (a lead is listed under `leads`, not `members`). */
  teams: { key: string; lead: boolean }[];
}

/** Adds the person, or updates their entry, and places them in exactly these groups and teams. */
export function withPerson(source: unknown, slug: string, person: SourcePerson): unknown {
  return editCohort(source, slug, (cohort) => {
    const participants = cohort.participants ?? [];
    const old = participants.find((p) => p.key === person.key);
    const { email: _email, locale: _locale, ...kept } = old ?? { key: person.key };
    const entry: Entry = { ...kept, key: person.key, name: person.name, ...(person.email ? { email: person.email } : {}), ...(person.locale ? { locale: person.locale } : {}), roles: person.roles };
    return {
      ...cohort,
      participants: old ? participants.map((p) => (p.key === person.key ? entry : p)) : [...participants, entry],
      groups: (cohort.groups ?? []).map((g) => ({ ...g, members: person.groups.includes(g.key) ? withKey(g.members, person.key) : without(g.members, person.key) })),
      teams: (cohort.teams ?? []).map((t) => {
        const leads = without(t.leads, person.key);
        const members = without(t.members, person.key);
        const place = person.teams.find((p) => p.key === t.key);
        if (place?.lead) return { ...t, leads: [...leads, person.key], members };
        // A team's last lead stays listed when they go: the file needs one lead per team to be valid.
        const kept = leads.length > 0 ? leads : (t.leads ?? []);
        return { ...t, leads: kept, members: place ? [...members, person.key] : members };
      }),
    };
  });
}

/** The cohort's new join code. */
export function withJoinCode(source: unknown, slug: string, joinCode: string): unknown {
  return editCohort(source, slug, (cohort) => ({ ...cohort, joinCode }));
}
