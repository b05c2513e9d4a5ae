// Who may use the playground. It lets anyone act as any person, facilitators included, so it
// is a tool for this machine: on a loopback HOST it is open; anywhere else it needs
// PLAYGROUND_TOKEN, and every request for the page, its files, its API and its event stream
// must present it.
//
// How a browser presents it: the address kohort prints at start-up carries the token once
// (`/?token=…`); the page answers with an HttpOnly, SameSite=Lax cookie and a redirect to the
// bare address, so the token leaves the address bar and the history at once, page scripts
// never see it, and every later request — fetch() and EventSource alike, which cannot send
// headers — carries it without any code in the page. Lax rather than Strict: a link opened
// from a chat or a mail client (another site) must still arrive with the cookie after the
// redirect; Lax already keeps it off every cross-site POST and every embedded request.
// Scripts and tests may send `Authorization: Bearer <token>` instead.
import { createHash, timingSafeEqual } from 'node:crypto';
import { BlockList, isIPv4, isIPv6 } from 'node:net';
import type { Request, RequestHandler, Response } from 'express';

export const TOKEN_COOKIE = 'kohort_playground';

/** URL-safe, so it goes into an address, a header and a cookie unchanged; long enough not to be guessed. */
export const TOKEN_RULE = /^[A-Za-z0-9._~-]{16,200}$/;

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** Whether HOST only accepts connections from this machine (127.0.0.0/8, ::1, localhost). */
export function isLoopbackHost(host: string): boolean {
  const bare = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  if (bare === 'localhost') return true;
  if (isIPv4(bare)) return LOOPBACK.check(bare, 'ipv4');
  if (isIPv6(bare)) return LOOPBACK.check(bare, 'ipv6');
  return false;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Compares in constant time: both sides are hashed first, so neither their content nor their length leaks. */
export function sameToken(presented: string | undefined, token: string): boolean {
  return presented !== undefined && timingSafeEqual(digest(presented), digest(token));
}

function presentedToken(req: Request): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (bearer) return bearer[1];
  for (const pair of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = pair.trim().split('=');
    if (name === TOKEN_COOKIE) return value.join('=');
  }
  return undefined;
}

export interface PlaygroundGuard {
  /** For the page itself: also takes the token from the address, swaps it for the cookie and redirects. */
  page: RequestHandler;
  /** For everything else the page loads or calls. */
  rest: RequestHandler;
}

/**
 * No token: the playground is open (it only runs on a loopback HOST then, see integration.ts).
 * `refusal(req)` is the text a person sees when they arrive without the token.
 */
export function playgroundGuard(token: string | undefined, refusal: () => string): PlaygroundGuard {
  if (token === undefined) {
    const open: RequestHandler = (_req, _res, next) => next();
    return { page: open, rest: open };
  }
  const refuse = (res: Response, asPage: boolean) => {
    res.status(401).set({ 'www-authenticate': 'Bearer realm="kohort playground"', 'cache-control': 'no-store' });
    if (asPage) res.type('text/plain; charset=utf-8').send(refusal());
    else res.json({ error: 'the playground needs its token (PLAYGROUND_TOKEN)' });
  };
  return {
    page(req, res, next) {
      const fromAddress = req.query.token;
      if (typeof fromAddress === 'string') {
        if (!sameToken(fromAddress, token)) return refuse(res, true);
        res.cookie(TOKEN_COOKIE, token, { httpOnly: true, sameSite: 'lax', path: '/', secure: req.secure });
        res.set('cache-control', 'no-store');
        return res.redirect(303, '/');
      }
      if (!sameToken(presentedToken(req), token)) return refuse(res, true);
      next();
    },
    rest(req, res, next) {
      if (!sameToken(presentedToken(req), token)) return refuse(res, false);
      next();
    },
  };
}
