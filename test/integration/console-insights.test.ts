// The console's maturity and commitments pages over real HTTP (issue 17.3): below the
// privacy threshold a scope shows no figure, no table and no chart — and the chart's own
// address refuses to draw it; a participant and a team lead get 403 on both pages and on
// the chart; the commitments roll-up names nobody and quotes nobody's own words.
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submittedAttempt } from '../helpers/maturity.js';
import { startTestKohort } from '../helpers/test-kohort.js';

const local = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Stockholm' }).toJSDate();
let k: Awaited<ReturnType<typeof startTestKohort>>;
beforeAll(async () => {
  k = await startTestKohort({ program: 'programs/digitalt-forst.yaml', env: {}, now: local('2027-01-11T10:00') });
  k.clock.set(local('2027-01-20T10:00'));
});
afterAll(async () => k.kohort.stop());

const submitted = (key: string, value: number) => submittedAttempt(k.db, key, 'fore-modul-3', value, k.clock.now());

async function say(as: string, text: string): Promise<void> {
  const posted = await fetch(`${k.url}/playground/api/inbound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ as, kind: 'message', text }) });
  expect(posted.status).toBe(200);
}

/** A console session for one of the demo people, from a sign-in link issued as `panel` would. */
async function signedIn(key: string): Promise<string> {
  const person = await k.db.prisma.participant.findFirstOrThrow({ where: { key } });
  const now = k.clock.now();
  const token = await k.kohort.wiring.ports.console.issueLink(person.id, now, new Date(now.getTime() + 60_000));
  const res = await fetch(`${k.url}/console/sign-in/${token}`, { redirect: 'manual' });
  expect(res.status).toBe(303);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

const get = (path: string, cookie: string) => fetch(`${k.url}${path}`, { headers: { cookie } });
const CHART = (scope: number) => `/console/maturity/fore-modul-3/${scope}/chart.png`;

describe('the console’s maturity and commitments pages', () => {
  it('show no figure, table or chart for a scope below the threshold, and draw one above it', async () => {
    const sara = await signedIn('sara');
    await submitted('anna', 2);
    await submitted('erik', 4);

    const two = await get('/console/maturity', sara);
    expect(two.status).toBe(200);
    const twoHtml = await two.text();
    expect(twoHtml).toContain('Före modul 3: 2 av 5 har skickat in');
    expect(twoHtml).toContain('Klara: Anna Lindqvist, Erik Nyström');
    expect(twoHtml).toContain('För få svar för att visa några siffror (n = 2; siffror visas där minst 3 svarat).');
    expect(twoHtml).not.toContain('<img');
    expect(twoHtml).not.toContain('<table');
    // Neither Anna's 2 nor Erik's 4 nor their mean 3 appears anywhere.
    expect(twoHtml).not.toMatch(/\b[234],0\b/);
    for (const scope of [0, 1, 2]) {
      const chart = await get(CHART(scope), sara);
      expect(chart.status).toBe(404);
      expect(chart.headers.get('content-type')).not.toContain('image');
      expect(chart.headers.get('cache-control')).toBe('private, no-store');
    }

    await submitted('johan', 3);
    const html = await (await get('/console/maturity', sara)).text();
    // The whole cohort (scope 0) and Grupp Tillgänglighet (Anna, Erik, Johan; scope 2) are
    // shown; Grupp Omnikanal (scope 1: the groups come in the order of their keys) is not.
    expect([...html.matchAll(/<h3>([^<]+)<\/h3>\s*<figure>\s*<img src="([^"]+)"/g)].map((m) => [m[1], m[2]])).toEqual([
      ['Hela Demokohorten', CHART(0)],
      ['Grupp Tillgänglighet', CHART(2)],
    ]);
    expect(html).toContain('alt="Stapeldiagram: medelvärde per område för Hela Demokohorten, Före modul 3, på skalan 1–5.');
    expect(html).toMatch(/<th scope="row">Ledarskap<\/th>\s*<td>3,0<\/td>\s*<td>± 0,8<\/td>\s*<td>3<\/td>/);
    // The dimensions nobody answered are named together, without a figure, as in chat.
    expect(html).toContain('<p class="hidden-scope">För få svar för att visa: Arbetssätt och processer, Delaktighet,');
    expect(html).not.toMatch(/<th scope="row">Delaktighet/);
    expect(html.split('<h3>Grupp Omnikanal</h3>')[1]).toMatch(/^\s*<p class="hidden-scope">För få svar för att visa några siffror \(n = 0;/);
    expect(html).not.toMatch(/\b[24],0\b/);

    for (const scope of [0, 2]) {
      const chart = await get(CHART(scope), sara);
      expect(chart.status).toBe(200);
      expect(chart.headers.get('content-type')).toBe('image/png');
      expect(chart.headers.get('cache-control')).toBe('private, no-store');
      expect(
        Buffer.from(await chart.arrayBuffer())
          .subarray(1, 4)
          .toString(),
      ).toBe('PNG');
    }
    expect((await get(CHART(1), sara)).status).toBe(404);
    expect((await get('/console/maturity/fore-modul-3/99/chart.png', sara)).status).toBe(404);
    expect((await get('/console/maturity/no-such-occasion/0/chart.png', sara)).status).toBe(404);
    // Without a session: nothing, not even the picture.
    expect((await fetch(`${k.url}${CHART(0)}`)).status).toBe(401);

    // In English for a facilitator who chose English, figures written the English way.
    await k.db.prisma.participant.updateMany({ where: { key: 'sara' }, data: { locale: 'en' } });
    const english = await (await get('/console/maturity', sara)).text();
    expect(english).toContain('<html lang="en">');
    expect(english).toContain('Före modul 3: 3 of 5 have submitted');
    expect(english).toMatch(/<th scope="row">Leadership<\/th>\s*<td>3.0<\/td>\s*<td>± 0.8<\/td>/);
    expect(english).toContain('Too few answers to show any figures (n = 0;');
    await k.db.prisma.participant.updateMany({ where: { key: 'sara' }, data: { locale: null } });
  });

  it('roll up the commitments by module, status and suggestion without a name or anyone’s own words', async () => {
    await say('demo-host/lina', 'sluta kopiera och skanna allt');
    await say('demo-host/maja', 'sluta svara på mejl på kvällen');
    const lina = await k.db.prisma.commitment.findFirstOrThrow({ where: { participant: { key: 'lina' } } });
    await k.db.prisma.commitment.update({ where: { id: lina.id }, data: { status: 'done', hoursFreedPerWeek: 2.5 } });

    const res = await get('/console/commitments', await signedIn('sara'));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Beslut om att sluta göra – Demokohorten');
    expect(html).toContain('2 beslut sammanlagt. Frigjord tid: 2,5 timmar i veckan sammanlagt.');
    expect(html).toMatch(/<th scope="col">Beslut<\/th>\s*<th scope="col">pågår<\/th><th scope="col">klart<\/th>/);
    expect(html).toMatch(/<th scope="row">Alla moduler<\/th>\s*<td>2<\/td>\s*<td>1<\/td><td>1<\/td>/);
    expect(html).toMatch(/<th scope="row">Egna formuleringar<\/th>\s*<td>2<\/td>/);
    for (const word of ['Lina', 'Maja', 'kopiera', 'mejl']) expect(html).not.toContain(word);
  });

  it('refuse a participant and a team lead on both pages and the chart', async () => {
    for (const key of ['erik', 'anna']) {
      const cookie = await signedIn(key);
      for (const path of ['/console/maturity', '/console/commitments', CHART(0)]) {
        const res = await get(path, cookie);
        expect(res.status, `${key} ${path}`).toBe(403);
        const body = await res.text();
        expect(body).not.toContain('Ledarskap');
        expect(body).not.toContain('Egna formuleringar');
      }
    }
  });
});
