// Broadcasts in the console over real HTTP (issue 17.4): the form's checks (a time that has
// passed, a date that does not exist, an audience that is not the cohort's), the audiences
// as chat resolves them (a group's participants only), a scheduled broadcast as outbox rows
// due at the chosen time in the program's zone, audited; and the page and its form refused
// to a participant and a team lead even with a valid session and token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestKohort } from '../helpers/test-kohort.js';

let k: Awaited<ReturnType<typeof startTestKohort>>;
// A Wednesday in winter: Stockholm is UTC+1.
const NOW = new Date('2027-01-20T09:00:00Z');
beforeAll(async () => {
  k = await startTestKohort({ program: 'programs/digitalt-forst.yaml', env: {}, now: NOW });
});
afterAll(async () => k.kohort.stop());

async function signIn(as: string): Promise<string> {
  await fetch(`${k.url}/playground/api/inbound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ as, kind: 'message', text: 'panel' }) });
  const res = await fetch(`${k.url}/playground/api/conversations/${encodeURIComponent(as)}/messages`);
  const messages = ((await res.json()) as { messages: { from: string; message?: { blocks: { type: string; links?: { url: string }[] }[] } }[] }).messages;
  const link = messages.flatMap((m) => m.message?.blocks ?? []).findLast((b) => b.type === 'links')!.links![0]!.url;
  const opened = await fetch(link.replace(/^https?:\/\/[^/]+/, k.url), { redirect: 'manual' });
  return opened.headers.get('set-cookie')!.split(';')[0]!;
}

const get = (path: string, cookie: string) => fetch(`${k.url}${path}`, { headers: { cookie }, redirect: 'manual' });
const post = (path: string, cookie: string, fields: Record<string, string>) =>
  fetch(`${k.url}${path}`, { method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
const tokenOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;

let sara: string;
let token: string;
beforeAll(async () => {
  sara = await signIn('demo-host/sara');
  token = tokenOf(await (await get('/console/broadcasts', sara)).text());
});

const form = (fields: Partial<Record<string, string>>) => ({ _csrf: token, content: 'text', text: 'Hej alla!', audience: 'all', when: 'now', date: '', time: '', ...fields }) as Record<string, string>;
const broadcastRows = () => k.db.prisma.outboundMessage.findMany({ where: { kind: 'broadcast' }, orderBy: { participantId: 'asc' } });

describe('broadcasts in the console', () => {
  it('refuses a time that has passed, a date that does not exist and an audience not of the cohort, and stores nothing', async () => {
    const past = await post('/console/broadcasts/preview', sara, form({ when: 'later', date: '2027-01-20', time: '09:59' }));
    expect(past.status).toBe(422);
    const pastHtml = await past.text();
    // 09:59 in Stockholm is 08:59 UTC, before now (09:00 UTC).
    expect(pastHtml).toContain('Den tidpunkten har redan varit.');
    expect(pastHtml).toContain('aria-invalid="true"');
    expect(pastHtml).toContain('Hej alla!');

    const missing = await post('/console/broadcasts/preview', sara, form({ when: 'later', date: '2027-02-30', time: '10:00' }));
    expect(missing.status).toBe(422);
    expect(await missing.text()).toContain('Ange ett datum (ÅÅÅÅ-MM-DD) och ett klockslag (TT:MM) som finns.');

    const stranger = await post('/console/broadcasts/preview', sara, form({ audience: 'group:00000000-0000-4000-8000-000000000000' }));
    expect(stranger.status).toBe(422);
    expect(await stranger.text()).toContain('Välj vem som ska få utskicket.');

    const empty = await post('/console/broadcasts/preview', sara, form({ text: '   ' }));
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('Meddelandet är tomt.');

    const long = await post('/console/broadcasts/preview', sara, form({ text: 'x'.repeat(2501) }));
    expect(long.status).toBe(422);
    expect(await long.text()).toContain('Meddelandet är 2501 tecken.');

    expect(await k.db.prisma.broadcast.count()).toBe(0);
    expect(await broadcastRows()).toEqual([]);
  });

  it('previews on the running platform and schedules a group broadcast for the chosen time in the program’s zone', async () => {
    const page = await (await get('/console/broadcasts', sara)).text();
    const group = /value="(group:[0-9a-f-]{36})"[^>]*> <label for="audience-\d+">Grupp Omnikanal \(2, direktmeddelande\)/.exec(page)![1]!;

    const preview = await post('/console/broadcasts/preview', sara, form({ text: 'Glöm inte <läsningen> & reflektionen', audience: group, when: 'later', date: '2027-01-22', time: '08:30' }));
    expect(preview.status).toBe(200);
    const html = await preview.text();
    // Only the playground runs here: one preview, with its payload, the text escaped.
    expect(html).toContain('data-platform="local"');
    expect(html).not.toContain('data-platform="slack"');
    expect(html).toContain('Meddelande från Sara Ek');
    expect(html).toContain('Glöm inte &lt;läsningen&gt; &amp; reflektionen');
    expect(html).toContain('Schemalägg till fre 22 jan. kl. 08:30 för Grupp Omnikanal (2, direktmeddelande)');
    const broadcastId = /name="broadcastId" value="([0-9a-f-]{36})"/.exec(html)![1]!;

    // A module's preparations, previewed by the same function chat previews and sends with.
    const modulePreview = await post('/console/broadcasts/preview', sara, form({ content: 'module', module: '2', text: '' }));
    expect(modulePreview.status).toBe(200);
    const moduleHtml = await modulePreview.text();
    expect(moduleHtml).toMatch(/Förberedelser inför modul 2: /);
    expect(moduleHtml).toContain('Skickat av Sara Ek.');
    expect((await post('/console/broadcasts/preview', sara, form({ content: 'module', module: '42' }))).status).toBe(422);
    expect(await broadcastRows()).toEqual([]);

    const scheduled = form({ broadcastId, text: 'Glöm inte <läsningen> & reflektionen', audience: group, when: 'later', date: '2027-01-22', time: '08:30' });
    const sent = await post('/console/broadcasts/send', sara, scheduled);
    expect(sent.status).toBe(303);
    const rows = await broadcastRows();
    const [maja, lina] = await Promise.all(['maja', 'lina'].map((key) => k.db.prisma.participant.findFirstOrThrow({ where: { key } })));
    expect(rows.map((r) => r.participantId).sort()).toEqual([maja!.id, lina!.id].sort());
    // 08:30 in Stockholm in January is 07:30 UTC.
    for (const row of rows) expect(row.dueAt.toISOString()).toBe('2027-01-22T07:30:00.000Z');
    const audit = await k.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'broadcast.scheduled' } });
    expect(audit.detail).toMatchObject({ audience: 'group', recipients: 2, dueAt: '2027-01-22T07:30:00.000Z' });

    // The same form again (a double click, a resent form): the draft is sent already, nothing more is planned.
    const again = await post('/console/broadcasts/send', sara, scheduled);
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('Det här utskicket är redan skickat');
    expect(await broadcastRows()).toHaveLength(2);

    const after = await (await get(sent.headers.get('location')!, sara)).text();
    expect(after).toContain('Utskicket är schemalagt till fre 22 jan. kl. 08:30 för 2 mottagare.');
    expect(after).toContain('Schemalagt till fre 22 jan. kl. 08:30');
    expect(after).toContain('Levererat 0 av 2 · nås inte 0 · väntar 2');

    const json = await get('/console/broadcasts/history.json', sara);
    expect(json.headers.get('cache-control')).toBe('no-store');
    expect(await json.json()).toEqual({ waiting: 2, broadcasts: [expect.objectContaining({ report: 'Levererat 0 av 2 · nås inte 0 · väntar 2', status: 'Schemalagt till fre 22 jan. kl. 08:30' })] });
  });

  it('refuses at sending a time that passed while the preview was open', async () => {
    const previewed = await post('/console/broadcasts/preview', sara, form({ when: 'later', date: '2027-01-20', time: '10:05' }));
    expect(previewed.status).toBe(200);
    const broadcastId = /name="broadcastId" value="([0-9a-f-]{36})"/.exec(await previewed.text())![1]!;
    k.clock.advance(10 * 60_000);
    try {
      const late = await post('/console/broadcasts/send', sara, form({ broadcastId, when: 'later', date: '2027-01-20', time: '10:05' }));
      expect(late.status).toBe(422);
      expect(await late.text()).toContain('Den tidpunkten har redan varit.');
      expect((await k.db.prisma.broadcast.findUniqueOrThrow({ where: { id: broadcastId } })).status).toBe('draft');
    } finally {
      k.clock.set(NOW);
    }
  });

  it('shows nothing and changes nothing for a participant or a team lead, even with a valid session and token', async () => {
    const before = await broadcastRows();
    for (const key of ['erik', 'anna']) {
      // Sara's own session (with its token) handed to someone without the broadcast capability.
      const cookie = await signIn('demo-host/sara');
      const own = tokenOf(await (await get('/console/broadcasts', cookie)).text());
      const person = await k.db.prisma.participant.findFirstOrThrow({ where: { key } });
      const sid = decodeURIComponent(cookie.split('=')[1]!).slice(2).split('.')[0]!;
      const session = await k.db.prisma.consoleSession.findUniqueOrThrow({ where: { sid } });
      await k.db.prisma.consoleSession.update({ where: { sid }, data: { participantId: person.id, data: { ...(session.data as object), participantId: person.id } } });

      for (const path of ['/console/broadcasts', '/console/broadcasts/history.json']) {
        const res = await get(path, cookie);
        expect(res.status).toBe(403);
        expect(await res.text()).not.toContain('Hej alla');
      }
      for (const path of ['/console/broadcasts/preview', '/console/broadcasts/send']) {
        const res = await post(path, cookie, { ...form({ text: `från ${key}` }), _csrf: own });
        expect(res.status).toBe(403);
        // Refused by the capability (the token was good), not by the CSRF check.
        const refusal = await res.text();
        expect(refusal).toContain('Webbpanelen är till för processledare och administratörer.');
        expect(refusal).not.toContain('Sara Ek');
      }
    }
    expect(await broadcastRows()).toEqual(before);
  });
});
