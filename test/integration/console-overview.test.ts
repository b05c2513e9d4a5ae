// Who sees what in the console (issue 17.2), over real HTTP with links from chat: a team lead
// lands on their own team's page and sees nothing else (not the cohort, not the other team);
// a participant's link opens nothing; one cohort's facilitator sees only their cohort — in the
// grid, the filters, the reachability lists and the "remind everyone not done" action, which
// queues one reminder per person and day and says so when clicked again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestKohort } from '../helpers/test-kohort.js';
import { sayForLink } from '../helpers/playground-chat.js';

let k: Awaited<ReturnType<typeof startTestKohort>>;
const IMPORTED = new Date('2027-01-20T09:00:00Z');
beforeAll(async () => {
  k = await startTestKohort({ program: 'test/fixtures/programs/two-cohorts.yaml', env: {}, now: IMPORTED });
});
afterAll(async () => k.kohort.stop());

const OTHER_TEAM = ['Sven Svensson', 'Siri Sjöberg'];
const OTHER_COHORT = ['Bertil Björk', 'Bea Berg', 'Grupp Syd'];

const say = (as: string, text: string) => sayForLink(k.url, as, text);

const open = (link: string) => fetch(link.replace(/^https?:\/\/[^/]+/, k.url), { redirect: 'manual' });
const cookieOf = (res: Response) => res.headers.get('set-cookie')?.split(';')[0] ?? '';
const get = (path: string, cookie: string) => fetch(`${k.url}${path}`, { headers: { cookie }, redirect: 'manual' });
const post = (path: string, cookie: string, body: Record<string, string>) =>
  fetch(`${k.url}${path}`, { method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(body).toString() });
const tokenOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;

/** Signs in through the link `panel` gives in chat; returns the cookie and where the sign-in led. */
async function signIn(as: string): Promise<{ cookie: string; landing: string }> {
  const { link } = await say(as, 'panel');
  expect(link).toBeDefined();
  const res = await open(link!);
  expect(res.status).toBe(303);
  return { cookie: cookieOf(res), landing: res.headers.get('location')! };
}

async function participantId(key: string): Promise<string> {
  return (await k.db.prisma.participant.findFirstOrThrow({ where: { key, cohort: { slug: key === 'bertil' || key === 'bea' ? 'syd' : 'norr' } } })).id;
}

describe('who sees what in the console', () => {
  it('gives a team lead their own team’s page and nothing else', async () => {
    // Per's decision may show his name; Siri's (the other team's) must not appear at all.
    await k.db.prisma.commitment.create({ data: { participantId: await participantId('per'), text: 'Sluta skriva långa protokoll', visibility: 'named', createdAt: IMPORTED } });
    await k.db.prisma.commitment.create({ data: { participantId: await participantId('siri'), text: 'Sluta med fredagsmötet', visibility: 'named', createdAt: IMPORTED } });
    const lea = await signIn('norr/lea');
    expect(lea.landing).toBe('/console/team');
    const page = await get('/console/team', lea.cookie);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Mitt team – Hamnbiblioteket');
    for (const name of ['Lea Lundin', 'Per Persson']) expect(html).toContain(name);
    for (const name of [...OTHER_TEAM, 'Otto Olsson', ...OTHER_COHORT]) expect(html).not.toContain(name);
    expect(html).toContain('Läs introduktionen');
    expect(html).toContain('Per Persson: ”Sluta skriva långa protokoll”');
    expect(html).not.toContain('fredagsmötet');

    // The cohort, and the action that reminds it, are not theirs.
    const cohort = await get('/console', lea.cookie);
    expect(cohort.status).toBe(403);
    const refused = await cohort.text();
    for (const name of ['Per Persson', 'Otto Olsson', ...OTHER_TEAM]) expect(refused).not.toContain(name);
    expect(refused).toContain('<a href="/console/team">Till din sida i webbpanelen</a>');
    expect(refused).toContain('Inte för din roll');
    const prep = await k.db.prisma.preparation.findFirstOrThrow({ where: { key: 'las-intro' } });
    const remind = await post('/console/remind', lea.cookie, { _csrf: tokenOf(html), preparation: prep.id });
    expect(remind.status).toBe(403);
    expect(await k.db.prisma.outboundMessage.count({ where: { idempotencyKey: { contains: ':asked@' } } })).toBe(0);
  });

  it('opens nothing for a participant, not even with a link issued for them', async () => {
    const per = await say('norr/per', 'panel');
    expect(per.link).toBeUndefined();
    // A link made for a participant (say, one whose team-lead role was taken away since) signs in to nothing.
    const token = await k.kohort.wiring.ports.console.issueLink(await participantId('per'), k.clock.now(), new Date(k.clock.now().getTime() + 60_000));
    const res = await open(`${k.url}/console/sign-in/${token}`);
    const cookie = cookieOf(res);
    for (const path of ['/console', '/console/team']) {
      const page = await get(path, cookie);
      expect(page.status).toBe(403);
      const html = await page.text();
      for (const name of ['Lea Lundin', 'Otto Olsson', ...OTHER_TEAM]) expect(html).not.toContain(name);
      expect(html).not.toContain('Till din sida');
    }
  });

  it('shows a facilitator their own cohort only: grid, filters, who cannot be reached, and one reminder a day', async () => {
    // Per is lost on the playground, Siri's last reminder was refused (app not installed); Otto never wrote.
    await k.db.prisma.platformIdentity.updateMany({ where: { participant: { key: 'per' } }, data: { unreachableSince: IMPORTED } });
    await k.db.prisma.outboundMessage.create({
      data: {
        idempotencyKey: 'test:failed:siri',
        kind: 'reminder',
        cohortId: (await k.db.prisma.cohort.findUniqueOrThrow({ where: { slug: 'norr' } })).id,
        participantId: await participantId('siri'),
        dueAt: IMPORTED,
        status: 'failed',
        failure: 'forbidden',
        payload: {},
      },
    });
    await say('norr/sven', 'hjälp');
    // Four days on: "Läs introduktionen" is late for everyone but Sven, who marks it done.
    await k.db.prisma.preparationCompletion.create({
      data: { preparationId: (await k.db.prisma.preparation.findFirstOrThrow({ where: { key: 'las-intro' } })).id, participantId: await participantId('sven'), completedAt: IMPORTED },
    });
    k.clock.advance(4 * 24 * 3600_000);

    const fanny = await signIn('norr/fanny');
    expect(fanny.landing).toBe('/console');
    const page = await get('/console', fanny.cookie);
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const name of ['Lea Lundin', 'Per Persson', 'Sven Svensson', 'Siri Sjöberg', 'Otto Olsson']) expect(html).toContain(name);
    for (const name of OTHER_COHORT) expect(html).not.toContain(name);

    const section = (title: string, next: string) => html.slice(html.indexOf(title), html.indexOf(next));
    const unreachable = section('Kan inte nås', 'Har aldrig anslutit');
    expect(unreachable).toContain('Per Persson');
    expect(unreachable).toContain('kontot är inaktiverat eller avstängt (lekplatsen)');
    expect(unreachable).toContain('Siri Sjöberg');
    expect(unreachable).toContain('appen är inte installerad för personen');
    const never = section('Har aldrig anslutit', 'Deltagare och förberedelser');
    expect(never).toContain('Otto Olsson');
    expect(never).toContain('känd på lekplatsen');
    for (const name of ['Sven Svensson', 'Per Persson', 'Siri Sjöberg']) expect(never).not.toContain(name);

    // Next deadlines: the late one is not among them; the next one with how many are not done.
    const deadlines = section('Nästa deadlines', 'Kan inte nås');
    expect(deadlines).not.toContain('Läs introduktionen');
    expect(deadlines).toContain('Se filmen');
    expect(deadlines).toContain('5 av 5 inte klara');

    // Filters: a team, something late, a module; another cohort's group is refused with a message.
    const hamn = (await k.db.prisma.team.findFirstOrThrow({ where: { key: 'hamn' } })).id;
    const team = await (await get(`/console?team=${hamn}`, fanny.cookie)).text();
    const rows = (doc: string) => [...doc.matchAll(/<th scope="row">([^<]+)<\/th>/g)].map((m) => m[1]);
    expect(rows(team)).toEqual(['Lea Lundin', 'Per Persson']);
    expect(rows(await (await get('/console?state=late', fanny.cookie)).text())).toEqual(['Lea Lundin', 'Otto Olsson', 'Per Persson', 'Siri Sjöberg']);
    const module2 = await (await get('/console?module=2&state=', fanny.cookie)).text();
    expect(module2).toContain('Skriv en reflektion');
    expect(module2).not.toContain('<span class="prep">Läs introduktionen');
    const syd = (await k.db.prisma.group.findFirstOrThrow({ where: { key: 'g3' } })).id;
    const foreign = await get(`/console?group=${syd}`, fanny.cookie);
    expect(foreign.status).toBe(400);
    const foreignHtml = await foreign.text();
    expect(foreignHtml).toContain('Filtret kunde inte läsas');
    for (const name of OTHER_COHORT) expect(foreignHtml).not.toContain(name);
    expect((await get('/console?state=everything', fanny.cookie)).status).toBe(400);

    // Remind everyone not done with "Läs introduktionen": Lea and Per of Norr — not Sven, who is
    // done, not Otto, who snoozed it until later, not Siri, who paused her reminders, nobody of Syd.
    const prep = await k.db.prisma.preparation.findFirstOrThrow({ where: { key: 'las-intro' } });
    const later = new Date(IMPORTED.getTime() + 10 * 24 * 3600_000);
    await k.db.prisma.outboundMessage.create({
      data: {
        idempotencyKey: `reminder:${await participantId('otto')}:${prep.id}:snooze@${later.toISOString()}`,
        kind: 'reminder',
        participantId: await participantId('otto'),
        dueAt: later,
        payload: { preparationId: prep.id, step: `snooze@${later.toISOString()}` },
      },
    });
    await k.db.prisma.participant.update({ where: { id: await participantId('siri') }, data: { remindersPausedUntil: later } });
    expect((await post('/console/remind', fanny.cookie, { preparation: prep.id })).status).toBe(403);
    const first = await post('/console/remind', fanny.cookie, { _csrf: tokenOf(html), preparation: prep.id });
    expect(first.status).toBe(200);
    const firstHtml = await first.text();
    expect(firstHtml).toContain('En påminnelse om ”Läs introduktionen” är på väg till 2 personer.');
    expect(firstHtml).toContain('1 person har snoozat den');
    expect(firstHtml).toContain('1 person har pausat sina påminnelser och får ingen nu.');
    const asked = await k.db.prisma.outboundMessage.findMany({ where: { idempotencyKey: { contains: ':asked@' } }, select: { participantId: true } });
    const norr = await Promise.all(['lea', 'per'].map(participantId));
    expect(asked.map((r) => r.participantId).sort()).toEqual(norr.sort());
    const audit = await k.db.prisma.auditLog.findFirst({ where: { action: 'console.reminded_not_done' } });
    expect(audit).toMatchObject({ actorId: await participantId('fanny'), subject: prep.id, detail: { notDone: 4, queued: 2, snoozed: 1, paused: 1 } });

    const again = await post('/console/remind', fanny.cookie, { _csrf: tokenOf(html), preparation: prep.id });
    expect(again.status).toBe(200);
    const againHtml = await again.text();
    expect(againHtml).toContain('Ingen ny påminnelse om ”Läs introduktionen” skickades.');
    expect(againHtml).toContain('2 personer har redan fått en påminnelse om den i dag.');
    expect(await k.db.prisma.outboundMessage.count({ where: { idempotencyKey: { contains: ':asked@' } } })).toBe(2);
    const bad = await post('/console/remind', fanny.cookie, { _csrf: tokenOf(html), preparation: 'no-such-preparation' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('Den förberedelsen finns inte i kohortens program');

    // The next day it may go again (to those still not done), once signed in again.
    k.clock.advance(24 * 3600_000);
    const tomorrow = await signIn('norr/fanny');
    const fresh = await (await get('/console', tomorrow.cookie)).text();
    const nextDay = await post('/console/remind', tomorrow.cookie, { _csrf: tokenOf(fresh), preparation: prep.id });
    expect(await nextDay.text()).toContain('på väg till 2 personer');
  });

  it('shows the other cohort’s facilitator their cohort and none of the first', async () => {
    const bea = await signIn('syd/bea');
    const html = await (await get('/console', bea.cookie)).text();
    expect(html).toContain('Bertil Björk');
    for (const name of ['Lea Lundin', 'Per Persson', 'Otto Olsson', ...OTHER_TEAM, 'Hamnbiblioteket']) expect(html).not.toContain(name);
  });
});
