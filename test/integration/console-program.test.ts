// The console's program page over real HTTP (issue 17.5): the preview counts the reminders
// that Apply then really moves, a preview applied after someone else's import is refused
// with nothing changed, a broken file changes nothing, only facilitators and admins reach
// the page or its Apply — and the page changes the program's content, never people: the
// file offered holds the person's own cohort only, and a file that changes any cohort is
// refused with nothing changed.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { prismaConsole } from '../../src/persistence/repositories/console.js';
import { prismaPeopleAdmin } from '../../src/persistence/repositories/people-admin.js';
import { prismaPrograms } from '../../src/persistence/repositories/programs.js';
import { versionOf } from '../../src/domain/program/store.js';
import { validateProgramText } from '../../src/domain/program/validate.js';
import { tempDir } from '../helpers/database.js';
import { startTestKohort } from '../helpers/test-kohort.js';

/**
 * The demo program with e-mails and Slack accounts on its staff, a facilitator who is not an
 * admin (Olle), and a second cohort with its own people, e-mails, account and join code.
 */
const FIXTURE = readFileSync('programs/digitalt-forst.yaml', 'utf8')
  .replace('{ key: erik, name: "Erik Nyström", roles: [participant] }', '{ key: erik, name: "Erik Nyström", roles: [participant], identities: { slack: U0ERIK } }')
  .replace(
    '      - { key: sara, name: "Sara Ek", roles: [facilitator, admin] }\n',
    '      - { key: sara, name: "Sara Ek", email: sara@example.se, roles: [facilitator, admin], identities: { slack: U0SARA } }\n' +
      '      - { key: olle, name: "Olle Strand", email: olle@example.se, roles: [facilitator] }\n' +
      '  - slug: other\n    name: "Andra kohorten"\n    joinCode: OTHER-2026\n    participants:\n' +
      '      - { key: tove, name: "Tove Lund", email: tove@other.example, roles: [facilitator, admin], identities: { slack: U0TOVE } }\n' +
      '      - { key: pelle, name: "Pelle Vik", email: pelle@other.example, roles: [participant] }\n',
  );
const dir = tempDir('kohort-console-program-');

let k: Awaited<ReturnType<typeof startTestKohort>>;
beforeAll(async () => {
  if (!FIXTURE.includes('slug: other')) throw new Error('the fixture no longer fits the demo program');
  writeFileSync(path.join(dir, 'program.yaml'), FIXTURE);
  // Fixtures are named from the repository's root.
  k = await startTestKohort({ program: path.relative(path.resolve(import.meta.dirname, '../..'), path.join(dir, 'program.yaml')), env: {}, now: new Date('2027-01-20T09:00:00Z') });
});
afterAll(async () => {
  await k?.kohort.stop();
  rmSync(dir, { recursive: true, force: true });
});

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

/** Everyone in the installation with what the People page governs, and every cohort and the stored file. */
async function peopleState() {
  const people = await k.db.prisma.participant.findMany({
    orderBy: [{ cohort: { slug: 'asc' } }, { key: 'asc' }],
    include: { roles: { orderBy: { role: 'asc' } }, identities: { orderBy: { externalId: 'asc' } }, groups: true, teams: true, cohort: true },
  });
  return {
    people: people.map((p) => ({
      at: `${p.cohort.slug}/${p.key}`,
      name: p.displayName,
      email: p.email,
      roles: p.roles.map((r) => r.role),
      identities: p.identities.map((i) => `${i.platform}:${i.externalId}`),
      groups: p.groups.map((g) => g.groupId).sort(),
      teams: p.teams.map((t) => `${t.teamId}:${t.isLead}`).sort(),
    })),
    cohorts: await k.db.prisma.cohort.findMany({ orderBy: { slug: 'asc' }, select: { slug: true, name: true, joinCode: true, programId: true } }),
    source: (await k.db.prisma.program.findFirstOrThrow()).source,
  };
}

type FileData = {
  modules: { number: number; start: string }[];
  cohorts: { slug: string; joinCode: string; participants: { key: string; email?: string; roles: string[]; identities?: Record<string, string> }[] }[];
};

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
    const full = (await prismaPrograms(k.db.prisma).exportFile('digitalt-forst'))!;
    expect(text).toContain('slug: demo-host');
    expect(text).toContain('sara@example.se');
    expect(full).toContain('slug: other');

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
    const other = validateProgramText(full.replace('due: +3d 12:00', 'due: +4d 12:00'), k.clock.now());
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
    expect(audit.detail).toMatchObject({ via: 'console', modules: 5, cohorts: 2, participants: 9 });

    // The same preview twice: the second is refused, nothing happens again.
    const twice = await apply(cookie, { _csrf: csrf, draft: draftOf(again) });
    expect(twice.status).toBe(409);
    expect(await k.db.prisma.auditLog.count({ where: { action: 'program.imported' } })).toBe(1);
  });

  it('is for facilitators and admins only: a participant and a team lead are refused by the capability, with a valid token', async () => {
    for (const [key, refusal] of [
      ['erik', 'Webbpanelen är till för processledare, administratörer och teamledare.'],
      ['anna', 'Den här sidan är inte till för din roll.'],
    ] as const) {
      // Sara's session, with the token her program page gave, handed to someone without the capability.
      const cookie = await signIn('demo-host/sara');
      const csrf = tokenOf(await (await get('/console/program', cookie)).text());
      const person = await k.db.prisma.participant.findFirstOrThrow({ where: { key, cohort: { slug: 'demo-host' } } });
      const sid = decodeURIComponent(cookie.split('=')[1]!).slice(2).split('.')[0]!;
      const session = await k.db.prisma.consoleSession.findUniqueOrThrow({ where: { sid } });
      await k.db.prisma.consoleSession.update({ where: { sid }, data: { participantId: person.id, data: { ...(session.data as object), participantId: person.id } } });

      const page = await get('/console/program', cookie);
      expect(page.status).toBe(403);
      expect(await page.text()).not.toContain('Läs Att leda');
      const file = await get('/console/program/file', cookie);
      expect(file.status).toBe(403);
      expect(await file.text()).not.toContain('demo-host');
      for (const res of [await apply(cookie, { _csrf: csrf, draft: 'y' }), await upload(cookie, csrf, 'program: {}')]) {
        expect(res.status).toBe(403);
        // Refused by the capability (the token was good), not by the CSRF check.
        expect(await res.text()).toContain(refusal);
      }
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
    expect(await pasted.text()).toContain('Filen ändrar inga moduler, datum eller förberedelser.');
    const nothing = await paste('  ');
    expect(nothing.status).toBe(400);
    expect(await nothing.text()).toContain('Välj en fil eller klistra in filens text.');
    const huge = await paste('', new Blob(['#'.repeat(600 * 1024)]));
    expect(huge.status).toBe(413);
    expect(await huge.text()).toContain('Filen är för stor (högst 512 kB)');
    // A form the page did not make (a second file, under another name) is said on the page too.
    const odd = new FormData();
    odd.set('_csrf', csrf);
    odd.set('attachment', new Blob([text]), 'other.yaml');
    const unreadable = await fetch(`${k.url}/console/program/preview`, { method: 'POST', headers: { cookie }, body: odd });
    expect(unreadable.status).toBe(400);
    expect(await unreadable.text()).toContain('Formuläret kunde inte läsas.');
    const other = await paste(text.replace('slug: digitalt-forst', 'slug: ett-annat-program'));
    expect(other.status).toBe(422);
    expect(await other.text()).toContain('Filen gäller programmet ”ett-annat-program”, men din kohort följer ”digitalt-forst”.');
    expect(await k.db.prisma.program.count()).toBe(1);
    expect((await get('/console/program', '')).status).toBe(401);
  });

  it('offers only the own cohort, refuses a file that changes any person or cohort, and keeps the other cohorts when the content changes', async () => {
    const cookie = await signIn('demo-host/olle');
    const csrf = tokenOf(await (await get('/console/program', cookie)).text());
    const file = await get('/console/program/file', cookie);
    expect(file.status).toBe(200);
    const text = await file.text();
    // The own cohort as stored; nothing of the other cohort.
    expect(text).toContain('olle@example.se');
    expect(text).toContain('DIGI-2026');
    for (const theirs of ['Andra kohorten', 'OTHER-2026', 'Tove Lund', 'tove@other.example', 'U0TOVE', 'Pelle Vik', 'pelle@other.example']) expect(text).not.toContain(theirs);
    const data = parse(text) as FileData;
    expect(data.cohorts.map((c) => c.slug)).toEqual(['demo-host']);

    const before = await peopleState();
    const changed = (edit: (file: FileData) => void) => {
      const copy = structuredClone(data);
      edit(copy);
      return stringify(copy);
    };
    const own = (file: FileData) => file.cohorts[0]!;
    const person = (file: FileData, key: string) => own(file).participants.find((p) => p.key === key)!;
    const attempts = {
      'makes the uploader admin': changed((f) => person(f, 'olle').roles.push('admin')),
      "changes an admin's e-mail": changed((f) => (person(f, 'sara').email = 'olle@evil.example')),
      "moves another cohort's Slack account onto the uploader": changed((f) => (person(f, 'olle').identities = { slack: 'U0TOVE' })),
      "moves a participant's Slack account onto the uploader": changed((f) => {
        delete person(f, 'erik').identities;
        person(f, 'olle').identities = { slack: 'U0ERIK' };
      }),
      'changes the join code': changed((f) => (own(f).joinCode = 'EASY-1')),
      'changes another cohort': changed((f) =>
        f.cohorts.push({
          slug: 'other',
          joinCode: 'OTHER-2026',
          participants: [{ key: 'pelle', name: 'Pelle Vik', email: 'pelle@evil.example', roles: ['participant', 'admin'] }],
          name: 'Andra kohorten',
        } as never),
      ),
      'adds a cohort': changed((f) => f.cohorts.push({ slug: 'ny', name: 'Ny kohort', joinCode: 'NY-1', participants: [{ key: 'mallory', name: 'Mallory', roles: ['admin'] }] } as never)),
      'adds a person': changed((f) => own(f).participants.push({ key: 'mallory', name: 'Mallory', roles: ['facilitator'] } as never)),
    };
    for (const [what, body] of Object.entries(attempts)) {
      const res = await upload(cookie, csrf, body);
      expect(res.status, what).toBe(422);
      const html = await res.text();
      expect(html, what).toContain('Här ändras bara programmets innehåll; deltagare och kohorter ändras på sidan Deltagare.');
      expect(html, what).toContain('<a href="/console/people">Gå till sidan Deltagare</a>');
    }
    // Without any cohort the file is not a program file at all (the validator says so).
    expect(
      (
        await upload(
          cookie,
          csrf,
          changed((f) => (f.cohorts = [])),
        )
      ).status,
    ).toBe(422);
    expect(await peopleState()).toEqual(before);
    expect(await k.db.prisma.auditLog.count({ where: { action: 'program.imported', actorId: (await k.db.prisma.participant.findFirstOrThrow({ where: { key: 'olle' } })).id } })).toBe(0);

    // The content changed (module 2 a day later), the own cohort's keys in another order: that is the same cohort.
    const later = changed((f) => {
      f.modules.find((m) => m.number === 2)!.start = '+16d 09:00';
      f.cohorts[0] = Object.fromEntries(Object.entries(own(f)).reverse()) as never;
    });
    const preview = await upload(cookie, csrf, later);
    expect(preview.status).toBe(200);
    const previewHtml = await preview.text();
    expect(previewHtml).toContain('Moduler som flyttas');

    // Someone changes a person of the other cohort on the People page before Apply: the preview is stale, the change stays.
    const other = await k.db.prisma.cohort.findUniqueOrThrow({ where: { slug: 'other' } });
    const pelle = await k.db.prisma.participant.findFirstOrThrow({ where: { key: 'pelle', cohortId: other.id } });
    await prismaPeopleAdmin(k.db.prisma).setRole(other.id, pelle.id, 'team_lead', true);
    const stale = await apply(cookie, { _csrf: csrf, draft: draftOf(previewHtml) });
    expect(stale.status).toBe(409);
    const afterRole = await peopleState();
    expect(afterRole.people.find((p) => p.at === 'other/pelle')!.roles).toEqual(['participant', 'team_lead']);

    const module2 = await k.db.prisma.module.findFirstOrThrow({ where: { number: 2 } });
    const again = await (await upload(cookie, csrf, later)).text();
    const done = await apply(cookie, { _csrf: csrf, draft: draftOf(again) });
    expect(done.status).toBe(200);
    const doneHtml = await done.text();
    expect(doneHtml).toContain('Programmet är uppdaterat');
    for (const theirs of ['Tove', 'Pelle', 'tove', 'pelle']) expect(doneHtml).not.toContain(theirs);
    expect((await k.db.prisma.module.findUniqueOrThrow({ where: { id: module2.id } })).startsAt.getTime()).toBe(module2.startsAt.getTime() + 86_400_000);
    // Everyone, in every cohort, exactly as before (the People page's change included); the stored file keeps the other cohort.
    const after = await peopleState();
    expect(after.people).toEqual(afterRole.people);
    expect(after.cohorts).toEqual(afterRole.cohorts);
    expect(after.source).toMatchObject({ cohorts: (afterRole.source as { cohorts: unknown[] }).cohorts });
    expect((after.source as { modules: { number: number; start: string }[] }).modules[1]!.start).toBe('+16d 09:00');
  });
});
