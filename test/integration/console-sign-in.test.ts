// Signing in to the web console from chat (issue 17.1), over real HTTP: `panel` gives a
// facilitator a single-use link for ten minutes; it opens a server-side session in an
// HttpOnly, SameSite=Lax cookie; without a session, with a used, expired or forged one, the
// console shows nothing of the cohort; signing out needs the page's CSRF token.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestKohort } from '../helpers/test-kohort.js';
import { sayForLink } from '../helpers/playground-chat.js';

let k: Awaited<ReturnType<typeof startTestKohort>>;
beforeEach(async () => {
  k = await startTestKohort({ program: 'programs/digitalt-forst.yaml', env: {}, now: new Date('2027-01-20T09:00:00Z') });
});
afterEach(async () => k.kohort.stop());

const SARA = 'demo-host/sara';

const say = (as: string, text: string) => sayForLink(k.url, as, text);

/** Follows the link from chat on this server, as the facilitator's browser would (no redirects followed). */
const open = (link: string, cookie?: string) => fetch(link.replace(/^https?:\/\/[^/]+/, k.url), { redirect: 'manual', headers: cookie ? { cookie } : {} });
const console_ = (cookie?: string) => fetch(`${k.url}/console`, { headers: cookie ? { cookie } : {} });
const cookieOf = (res: Response) => res.headers.get('set-cookie')?.split(';')[0] ?? '';

describe('signing in to the console from chat', () => {
  it('opens a session from the link once, shows the cohort only with it, and signs out with the page’s token', async () => {
    const anonymous = await console_();
    expect(anonymous.status).toBe(401);
    const nothing = await anonymous.text();
    expect(nothing).toContain('Skriv ”panel” till kohort i chatten');
    expect(nothing).not.toContain('Anna');

    const { text, link } = await say(SARA, 'panel');
    expect(text).toContain('fungerar en gång, i 10 minuter');
    expect(link).toMatch(/\/console\/sign-in\/[\w-]{43}$/);
    const signIn = await open(link!);
    expect(signIn.status).toBe(303);
    expect(signIn.headers.get('location')).toBe('/console');
    const setCookie = signIn.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Path=\/console/i);
    expect(setCookie).not.toMatch(/Secure/i);
    const cookie = cookieOf(signIn);

    const page = await console_(cookie);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('private, no-store');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await page.text();
    expect(html).toContain('<html lang="sv">');
    expect(html).toContain('Kohorten i överblick');
    for (const name of ['Anna Lindqvist', 'Erik Nyström', 'Maja Holm']) expect(html).toContain(name);
    expect(html).toContain('Titta på sommarhälsningen från processledaren');

    // The same link again: refused, and no session comes of it.
    const again = await open(link!);
    expect(again.status).toBe(410);
    expect(again.headers.get('set-cookie')).toBeNull();
    expect(await again.text()).toContain('Länken fungerar inte längre');

    // Signing out is a form with the page's token; without it nothing happens.
    const token = /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
    const form = (body: string) => fetch(`${k.url}/console/sign-out`, { method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body });
    expect((await form('')).status).toBe(403);
    const forged = await form('_csrf=forged');
    expect(forged.status).toBe(403);
    // A stale form says what to do, in the person's language, and shows nothing of the cohort.
    const refusedForm = await forged.text();
    expect(refusedForm).toContain('<html lang="sv">');
    expect(refusedForm).toContain('Formuläret kunde inte skickas');
    expect(refusedForm).not.toContain('Anna Lindqvist');
    // An address that is not a page: a page that says so, not a bare answer.
    const missing = await fetch(`${k.url}/console/no-such-page`, { headers: { cookie, 'accept-language': 'en' } });
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('There is no such page in the dashboard.');
    expect((await console_(cookie)).status).toBe(200);
    const out = await form(`_csrf=${encodeURIComponent(token)}`);
    expect(out.status).toBe(303);
    expect((await console_(cookie)).status).toBe(401);
  });

  it('refuses a link after ten minutes, a forged session, a participant and a link asked for in a channel', async () => {
    const { link } = await say(SARA, 'panel');
    k.clock.advance(10 * 60_000 + 1);
    expect((await open(link!)).status).toBe(410);

    expect((await console_('kohort.console=s%3Aforged.aGVsbG8')).status).toBe(401);

    const erik = await say('demo-host/erik', 'panel');
    expect(erik.link).toBeUndefined();
    // The refusal names the first role that may (team leads have their team's page).
    expect(erik.text).toContain('Det här kan bara teamledare, processledare eller administratörer göra');
    expect(await k.db.prisma.consoleLink.count()).toBe(1);
  });

  it('is signed out after 8 hours without a request, and every replica knows the session (it is in the database)', async () => {
    const cookie = cookieOf(await open((await say(SARA, 'panel')).link!));
    expect(await k.db.prisma.consoleSession.count()).toBe(1);
    k.clock.advance(7 * 3600_000);
    expect((await console_(cookie)).status).toBe(200);
    k.clock.advance(8 * 3600_000 + 1);
    expect((await console_(cookie)).status).toBe(401);
  });
});
