// The console's program page manages the program's content (modules, preparations,
// occasions, reflections, settings), never people: a facilitator downloads the file with
// their own cohort only, and an upload must leave that cohort exactly as stored. People,
// roles, e-mails, identities and join codes are changed on the People page, which has its
// own rules (manage_people, admin-only manage_facilitators); the whole file, every cohort
// included, is the shell-holder's, through `npm run cli -- program import`.
// Pure functions over the file's plain data (Program.source and the upload as parsed YAML).

type FileData = { cohorts?: unknown } & Record<string, unknown>;

const asFile = (value: unknown): FileData => (value && typeof value === 'object' && !Array.isArray(value) ? (value as FileData) : {});
const cohortsOf = (value: unknown): unknown[] => {
  const cohorts = asFile(value).cohorts;
  return Array.isArray(cohorts) ? cohorts : [];
};
const slugOf = (cohort: unknown): unknown => (cohort && typeof cohort === 'object' ? (cohort as { slug?: unknown }).slug : undefined);

/** The stored file with only this cohort under `cohorts` (what the console offers to download). */
export function withOnlyCohort(source: unknown, slug: string): Record<string, unknown> {
  return { ...asFile(source), cohorts: cohortsOf(source).filter((c) => slugOf(c) === slug) };
}

/**
 * Whether the uploaded file's `cohorts` are exactly the stored file's section for this
 * cohort: the same data, whatever the order of keys (a YAML editor may reorder them); a
 * missing `cohorts`, another cohort, or any changed field is a difference.
 */
export function sameCohortSection(upload: unknown, source: unknown, slug: string): boolean {
  const file = asFile(upload);
  if (!Array.isArray(file.cohorts)) return false;
  return canonical(file.cohorts) === canonical(withOnlyCohort(source, slug).cohorts);
}

/** The uploaded file with the stored file's cohorts, all of them, in place of its own: what is imported. */
export function withStoredCohorts(upload: unknown, source: unknown): Record<string, unknown> {
  return { ...asFile(upload), cohorts: cohortsOf(source) };
}

/** JSON with the keys of every object sorted and undefined left out, so equal data reads equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}
