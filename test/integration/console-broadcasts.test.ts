// Broadcasts in the console over real HTTP (issue 17.4): the form's checks (a time that has
// passed, a date that does not exist, an audience that is not the cohort's), the audiences
// as chat resolves them (a group's participants only), a scheduled broadcast as outbox rows
// due at the chosen time in the program's zone, audited; and the page and its form refused
// to a participant and a team lead even with a valid session and token. A scheduled broadcast
// is called off before its time (nothing goes out then), not once any of it went out, and not
// by another cohort's facilitator; chat's `utskick rapport` reports only what went out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestKohort } from '../helpers/test-kohort.js';
import { botTextsOf } from '../helpers/playground-chat.js';

let k: Awaited<ReturnType<typeof startTestKohort>>;
// A Wednesday in winter: Stockholm is UTC+1.
const NOW = new Date('2027-01-20T09:00:00Z');
beforeAll(async () => {
  // The demo program with a second cohort (Tove is its facilitator).
  k = await startTestKohort({ program: 'test/fixtures/programs/console-people.yaml', env: {}, now: NOW });
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

/** Says something in the playground as `as` and returns the text of kohort's answer. */
async function say(as: string, text: string): Promise<string> {
  await fetch(`${k.url}/playground/api/inbound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ as, kind: 'message', text }) });
  const res = await fetch(`${k.url}/playground/api/conversations/${encodeURIComponent(as)}/messages`);
  const messages = ((await res.json()) as { messages: { from: string; message?: { blocks: { text?: string }[] } }[] }).messages;
  return (messages.filter((m) => m.from === 'bot').at(-1)?.message?.blocks ?? []).map((b) => b.text ?? '').join('\n');
}

/** Everything kohort said to `as` in the playground. */
const playgroundTexts = (as: string) => botTextsOf(k.url, as);

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
        // A participant is told whom the console is for; a team lead is pointed to their own page.
        expect(refusal).toContain(key === 'erik' ? 'Webbpanelen är till för processledare, administratörer och teamledare.' : 'Den här sidan är inte till för din roll.');
        expect(refusal).not.toContain('Sara Ek');
      }
    }
    expect(await broadcastRows()).toEqual(before);
  });

  it('calls off a scheduled broadcast before its time only, in the own cohort only, and `utskick rapport` reports what went out', async () => {
    const sendText = async (text: string, fields: Record<string, string>) => {
      const preview = await post('/console/broadcasts/preview', sara, form({ text, ...fields }));
      expect(preview.status).toBe(200);
      const broadcastId = /name="broadcastId" value="([0-9a-f-]{36})"/.exec(await preview.text())![1]!;
      expect((await post('/console/broadcasts/send', sara, form({ broadcastId, text, ...fields }))).status).toBe(303);
      return broadcastId;
    };
    const rowsOf = (id: string) => k.db.prisma.outboundMessage.findMany({ where: { idempotencyKey: { startsWith: `broadcast:${id}:` } }, orderBy: { id: 'asc' } });
    const statusOf = async (id: string) => (await k.db.prisma.broadcast.findUniqueOrThrow({ where: { id } })).status;
    try {
      // 12:00 and 13:00 today in Stockholm: 11:00 and 12:00 UTC (within the session's life).
      const early = await sendText('Planerat och inställt', { when: 'later', date: '2027-01-20', time: '12:00' });
      // Only broadcasts scheduled for later so far: none has gone out.
      expect(await say('demo-host/sara', 'utskick rapport')).toContain('Du har inte gjort något utskick ännu.');

      k.clock.advance(60_000);
      const now = await sendText('Första utskicket', {});
      await k.kohort.scheduler.tick();
      expect(await playgroundTexts('demo-host/erik')).toContain('Första utskicket');
      k.clock.advance(60_000);
      const late = await sendText('Planerat och skickat', { when: 'later', date: '2027-01-20', time: '13:00' });
      // The newest confirmed broadcast is scheduled for later: the report is of the one that went out.
      const report = await say('demo-host/sara', 'utskick rapport');
      expect(report).toContain('Levererat: 5 av 5.');

      // Another cohort's facilitator, with a good session and token of their own: not found, nothing changed.
      const tove = await signIn('other/tove');
      const toveToken = tokenOf(await (await get('/console/broadcasts', tove)).text());
      const foreign = await post(`/console/broadcasts/${early}/cancel`, tove, { _csrf: toveToken });
      expect(foreign.status).toBe(404);
      expect(await foreign.text()).toContain('Det utskicket finns inte i din kohorts historik.');
      expect(await statusOf(early)).toBe('sending');
      expect((await rowsOf(early)).every((r) => r.status === 'pending')).toBe(true);
      // Without the page's token: refused before anything is looked at.
      expect((await post(`/console/broadcasts/${early}/cancel`, sara, {})).status).toBe(403);
      expect(await statusOf(early)).toBe('sending');

      // A row the outbox claimed meanwhile: the cancel is refused whole, the other rows stay pending.
      const [claimed] = await rowsOf(late);
      await k.db.prisma.outboundMessage.update({ where: { id: claimed!.id }, data: { status: 'claimed' } });
      const raced = await post(`/console/broadcasts/${late}/cancel`, sara, { _csrf: token });
      expect(raced.status).toBe(409);
      expect(await raced.text()).toContain('Utskicket kan inte avbrytas längre');
      expect(await statusOf(late)).toBe('sending');
      expect((await rowsOf(late)).map((r) => r.status).sort()).toEqual(['claimed', 'pending', 'pending', 'pending', 'pending']);
      await k.db.prisma.outboundMessage.update({ where: { id: claimed!.id }, data: { status: 'pending' } });

      // Before its time: called off, shown so in the history, audited; a second click changes nothing.
      const page = await (await get('/console/broadcasts', sara)).text();
      expect(page).toContain(`action="/console/broadcasts/${early}/cancel"`);
      expect(page).not.toContain(`action="/console/broadcasts/${now}/cancel"`);
      const cancelled = await post(`/console/broadcasts/${early}/cancel`, sara, { _csrf: token });
      expect(cancelled.status).toBe(303);
      expect(await statusOf(early)).toBe('cancelled');
      expect((await rowsOf(early)).map((r) => r.status)).toEqual(Array(5).fill('cancelled'));
      const audit = await k.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'broadcast.cancelled', subject: early } });
      expect(audit.detail).toEqual({ recipients: 5 });
      const after = await (await get(cancelled.headers.get('location')!, sara)).text();
      expect(after).toContain('Utskicket är avbrutet.');
      expect(after).toContain('Avbrutet, skulle ha skickats ons 20 jan. kl. 12:00');
      expect(after).not.toContain(`action="/console/broadcasts/${early}/cancel"`);
      expect((await post(`/console/broadcasts/${early}/cancel`, sara, { _csrf: token })).status).toBe(409);

      // At its time nothing of it goes out.
      k.clock.set(new Date('2027-01-20T11:00:00Z'));
      await k.kohort.scheduler.tick();
      expect(await playgroundTexts('demo-host/erik')).not.toContain('Planerat och inställt');

      // The other one's time has come: too late to call off, even before the outbox took it.
      k.clock.set(new Date('2027-01-20T12:00:00Z'));
      const due = await post(`/console/broadcasts/${late}/cancel`, sara, { _csrf: token });
      expect(due.status).toBe(409);
      expect((await rowsOf(late)).every((r) => r.status === 'pending')).toBe(true);
      await k.kohort.scheduler.tick();
      expect(await playgroundTexts('demo-host/erik')).toContain('Planerat och skickat');
      // Sent: refused, nothing changed.
      const sent = await post(`/console/broadcasts/${now}/cancel`, sara, { _csrf: token });
      expect(sent.status).toBe(409);
      expect(await statusOf(now)).toBe('sending');
      expect((await rowsOf(now)).every((r) => r.status === 'sent')).toBe(true);
      expect(await k.db.prisma.auditLog.count({ where: { action: 'broadcast.cancelled' } })).toBe(1);
    } finally {
      k.clock.set(NOW);
    }
  });
});
