// The console's program page over real HTTP (issue 17.5): the preview counts the reminders
// that Apply then really moves, a preview applied after someone else's import is refused
// with nothing changed, a broken file changes nothing, and only facilitators and admins
// reach the page or its Apply.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prismaConsole } from '../../src/persistence/repositories/console.js';
import { prismaPrograms } from '../../src/persistence/repositories/programs.js';
import { versionOf } from '../../src/domain/program/store.js';
import { validateProgramText } from '../../src/domain/program/validate.js';
import { startTestKohort } from '../helpers/test-kohort.js';

let k: Awaited<ReturnType<typeof startTestKohort>>;
beforeAll(async () => {
  k = await startTestKohort({ program: 'programs/digitalt-forst.yaml', env: {}, now: new Date('2027-01-20T09:00:00Z') });
});
afterAll(async () => k?.kohort.stop());

const cookieOf = (res: Response) => res.headers.get('set-cookie')?.split(';')[0] ?? '';
const tokenOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
const draftOf = (html: string) => /name="draft" value="([^"]+)"/.exec(html)![1]!;

/** A console session for anyone, as a sign-in link from chat would open it. */
async function signIn(cohortKey: string): Promise<string> {
  const [cohort, key] = cohortKey.split('/');
  const person = await k.db.prisma.participant.findFirstOrThrow({ where: { key, cohort: { slug: cohort } } });
  const token = await prismaConsole(k.db.prisma, undefined).issueLink(person.id, k.clock.now(), new Date(k.clock.now().getTime() + 60_000));
  return cookieOf(await fetch(`${k.url}/console/sign-in/${token}`, { redirect: 'manual' }));
}

const get = (path: string, cookie: string) => fetch(`${k.url}${path}`, { headers: { cookie } });
function upload(cookie: string, csrf: string, text: string) {
  const form = new FormData();
  form.set('_csrf', csrf);
  form.set('file', new Blob([text], { type: 'application/yaml' }), 'program.yaml');
  return fetch(`${k.url}/console/program/preview`, { method: 'POST', headers: { cookie }, body: form });
}
const apply = (cookie: string, body: Record<string, string>) =>
  fetch(`${k.url}/console/program/apply`, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(body).toString() });

const pendingOf = async (key: string) =>
  (await k.db.prisma.outboundMessage.findMany({ where: { status: 'pending', kind: 'reminder' }, orderBy: { idempotencyKey: 'asc' } })).filter(
    (row) => (row.payload as { preparationId?: string }).preparationId === key,
  );

describe('the program page', () => {
  it('previews what a changed file moves, applies exactly that, and refuses a stale preview', async () => {
    const cookie = await signIn('demo-host/sara');
    const page = await get('/console/program', cookie);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Läs Att leda digital transformation, s. 1–45');
    const csrf = tokenOf(html);

    const file = await get('/console/program/file', cookie);
    expect(file.headers.get('content-disposition')).toBe('attachment; filename=digitalt-forst.yaml');
    const text = await file.text();
    expect(text).toBe(await prismaPrograms(k.db.prisma).exportFile('digitalt-forst'));

    const prep = await k.db.prisma.preparation.findFirstOrThrow({ where: { key: 'las-sidor-1-45' } });
    const before = await pendingOf(prep.id);
    expect(before.length).toBeGreaterThan(0);

    // A broken file: every error with its line, 422, nothing written.
    const broken = text.replace('due: +36d 23:59', 'due: +36x 23:59').replace('kind: watch', 'kind: film');
    const refused = await upload(cookie, csrf, broken);
    expect(refused.status).toBe(422);
    const errors = await refused.text();
    expect(errors).toContain('Filen har 2 fel');
    expect(errors).toMatch(/Rad \d+:<\/strong> <code>modules\[2\]\.preparations\[1\]\.due<\/code>: &quot;\+36x 23:59&quot; is not a date/);
    expect(errors).toMatch(/Rad \d+:<\/strong> <code>modules\[0\]\.preparations\[0\]\.kind<\/code>/);
    // The text comes back in the form, to be corrected there.
    expect(errors).toContain('due: +36x 23:59</textarea>'.slice(0, 15));
    expect((await k.db.prisma.preparation.findUniqueOrThrow({ where: { id: prep.id } })).dueAt).toEqual(prep.dueAt);

    // Two days later: the preview counts the pending reminders that move, and Apply moves exactly those.
    const moved = text.replace('due: +10d 12:00', 'due: +12d 12:00');
    expect(moved).not.toBe(text);
    const preview = await upload(cookie, csrf, moved);
    expect(preview.status).toBe(200);
    const previewHtml = await preview.text();
    const count = Number(/(\d+) väntande påminnelser flyttas/.exec(previewHtml)![1]);
    const added = Number(/(\d+) nya påminnelser/.exec(previewHtml)![1]);
    expect(previewHtml).toContain('Förberedelser som flyttas');
    expect(previewHtml).toContain('0 väntande påminnelser ställs in');
    expect((await k.db.prisma.preparation.findUniqueOrThrow({ where: { id: prep.id } })).dueAt).toEqual(prep.dueAt);

    // Someone imports the program in between (the CLI's way): the preview no longer holds.
    const other = validateProgramText(text.replace('due: +3d 12:00', 'due: +4d 12:00'), k.clock.now());
    if (!other.ok) throw new Error('fixture');
    const store = prismaPrograms(k.db.prisma);
    const previewed = versionOf((await store.byId((await k.db.prisma.program.findFirstOrThrow()).id))!);
    await store.import(other.program);
    // The store checks the version again inside the import's transaction, the program's row locked.
    expect(await store.importIfUnchanged(other.program, previewed)).toBeUndefined();
    const stale = await apply(cookie, { _csrf: csrf, draft: draftOf(previewHtml) });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain('Programmet har ändrats sedan förhandsgranskningen');
    expect((await k.db.prisma.preparation.findUniqueOrThrow({ where: { id: prep.id } })).dueAt).toEqual(prep.dueAt);

    // A fresh preview, then Apply: the reminders have their new times at once.
    const again = await (await upload(cookie, csrf, moved)).text();
    expect(Number(/(\d+) väntande påminnelser flyttas/.exec(again)![1])).toBe(count);
    const done = await apply(cookie, { _csrf: csrf, draft: draftOf(again) });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Programmet är uppdaterat');
    const after = await pendingOf(prep.id);
    const was = new Map(before.map((row) => [row.idempotencyKey, row.dueAt.getTime()]));
    expect(count).toBeGreaterThan(0);
    expect(after.filter((row) => was.has(row.idempotencyKey) && was.get(row.idempotencyKey) !== row.dueAt.getTime()).length).toBe(count);
    expect(after.filter((row) => !was.has(row.idempotencyKey)).length).toBe(added);
    expect((await k.db.prisma.preparation.findUniqueOrThrow({ where: { id: prep.id } })).dueAt.getTime()).toBe(prep.dueAt.getTime() + 2 * 86_400_000);
    const audit = await k.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'program.imported' } });
    expect(audit.detail).toMatchObject({ via: 'console', modules: 5, participants: 6 });

    // The same preview twice: the second is refused, nothing happens again.
    const twice = await apply(cookie, { _csrf: csrf, draft: draftOf(again) });
    expect(twice.status).toBe(409);
    expect(await k.db.prisma.auditLog.count({ where: { action: 'program.imported' } })).toBe(1);
  });

  it('is for facilitators and admins only: a participant and a team lead get 403, and Apply needs the token', async () => {
    for (const who of ['demo-host/erik', 'demo-host/anna']) {
      const cookie = await signIn(who);
      const page = await get('/console/program', cookie);
      expect(page.status).toBe(403);
      expect(await page.text()).not.toContain('Läs Att leda');
      expect((await get('/console/program/file', cookie)).status).toBe(403);
      expect((await apply(cookie, { _csrf: 'x', draft: 'y' })).status).toBe(403);
      expect((await upload(cookie, 'x', 'program: {}')).status).toBe(403);
    }
    const sara = await signIn('demo-host/sara');
    expect((await apply(sara, { draft: 'y' })).status).toBe(403);
  });

  it('takes pasted text as well as a file, and says what is missing, too large or for another program', async () => {
    const cookie = await signIn('demo-host/sara');
    const csrf = tokenOf(await (await get('/console/program', cookie)).text());
    const text = await (await get('/console/program/file', cookie)).text();
    const paste = (body: string, file?: Blob) => {
      const form = new FormData();
      form.set('_csrf', csrf);
      form.set('text', body);
      if (file) form.set('file', file, 'program.yaml');
      return fetch(`${k.url}/console/program/preview`, { method: 'POST', headers: { cookie }, body: form });
    };
    const pasted = await paste(text);
    expect(pasted.status).toBe(200);
    expect(await pasted.text()).toContain('Filen ändrar inga moduler, datum, förberedelser eller deltagare.');
    const nothing = await paste('  ');
    expect(nothing.status).toBe(400);
    expect(await nothing.text()).toContain('Välj en fil eller klistra in filens text.');
    const huge = await paste('', new Blob(['#'.repeat(600 * 1024)]));
    expect(huge.status).toBe(413);
    expect(await huge.text()).toContain('Filen är för stor (högst 512 kB)');
    const other = await paste(text.replace('slug: digitalt-forst', 'slug: ett-annat-program'));
    expect(other.status).toBe(422);
    expect(await other.text()).toContain('Filen gäller programmet ”ett-annat-program”, men din kohort följer ”digitalt-forst”.');
    expect(await k.db.prisma.program.count()).toBe(1);
    expect((await get('/console/program', '')).status).toBe(401);
  });
});
