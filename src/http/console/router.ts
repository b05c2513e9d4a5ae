// The facilitators' web console under /console, signed in from chat (`panel`): a single-use
// link opens a server-side session (express-session over the database, 8 hours idle) in an
// HttpOnly, SameSite=Lax cookie, Secure when PUBLIC_URL is https. Every state-changing request
// carries a synchroniser token (csrf-sync). Pages are rendered on the server (Eta, escaping
// every value) and read without JavaScript. Without a session nothing of the cohort is shown.
import { csrfSync } from 'csrf-sync';
import { Eta } from 'eta';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import session from 'express-session';
import helmet from 'helmet';
import type { Ports } from '../../application/ports.js';
import { createSession, sessionFor, type Session } from '../../application/session.js';
import type { Clock } from '../../core/clock.js';
import { can, NotAuthorisedError, type Capability, type Role } from '../../domain/roles.js';
import type { Translator } from '../../i18n/i18n.js';
import { fromRoot } from '../../project-root.js';
import { browserLocale, textsOf, type ConsoleContext } from './context.js';
import { CONSOLE_PAGES } from './pages/index.js';
import { ConsoleSessionStore } from './session-store.js';

/** Signed in this long after the last request. */
export const CONSOLE_IDLE_MS = 8 * 3600_000;

export interface ConsoleDeps {
  ports: Ports;
  translator: Translator;
  clock: Clock;
  /** PUBLIC_URL is https: the cookie is Secure. */
  secure: boolean;
  cookieKey: string;
}

export function consoleRouter(deps: ConsoleDeps): Router {
  const { ports, translator, clock } = deps;
  const eta = new Eta({ views: fromRoot('src', 'http', 'console', 'views'), autoEscape: true, cache: true });
  const router = express.Router();
  const texts = (s: Pick<Session, 't'>) => textsOf(s, 'console.page');
  const visitor = (req: Request) => createSession({ person: undefined, locale: browserLocale(req), now: clock.now(), translator });

  router.use('/console/static', express.static(fromRoot('src', 'http', 'console', 'static'), { index: false, maxAge: '1h' }));
  router.use(
    '/console',
    // No page of the console may be framed (clickjacking a signed-in facilitator), except the
    // Teams tab's entry page, which sets its own frame-ancestors (pages/teams-tab.ts).
    helmet({
      contentSecurityPolicy: {
        directives: { 'default-src': ["'self'"], 'script-src': ["'self'"], 'style-src': ["'self'"], 'img-src': ["'self'", 'data:'], 'form-action': ["'self'"], 'frame-ancestors': ["'none'"] },
      },
      xFrameOptions: { action: 'deny' },
    }),
    session({
      name: 'kohort.console',
      secret: deps.cookieKey,
      store: new ConsoleSessionStore(ports.console, clock, CONSOLE_IDLE_MS),
      resave: false,
      saveUninitialized: false,
      rolling: true,
      cookie: { httpOnly: true, sameSite: 'lax', secure: deps.secure, maxAge: CONSOLE_IDLE_MS, path: '/console' },
    }),
    express.urlencoded({ extended: false, limit: '16kb' }),
  );
  const { csrfSynchronisedProtection, generateToken } = csrfSync({ getTokenFromRequest: (req: Request) => (req.body as { _csrf?: string } | undefined)?._csrf });

  /** A page without anyone signed in (or before we know who): no navigation, nothing of the cohort. */
  const plainPage = (res: Response, status: number, view: string, s: Session, data: Record<string, unknown> = {}) => {
    res.status(status).type('html').setHeader('cache-control', 'private, no-store');
    res.send(eta.render(view, { t: texts(s), lang: s.locale, ...data }));
  };

  const page: ConsoleContext['page'] = (req, res, status, view, s, data = {}) => {
    const nav = CONSOLE_PAGES.flatMap((p) =>
      p.nav && can(s.roles, p.nav.capability)
        ? [{ href: p.nav.href, label: s.t(p.nav.label), current: req.path === p.nav.href || (p.nav.href !== '/console' && req.path.startsWith(`${p.nav.href}/`)) }]
        : [],
    );
    plainPage(res, status, view, s, { name: s.person?.displayName, cohort: s.person?.cohortName, csrf: generateToken(req), nav, ...data });
  };
  /** The first page a person's roles open: a team lead's is their team's page. */
  const firstPageOf = (roles: readonly Role[]) => CONSOLE_PAGES.find((p) => p.nav && can(roles, p.nav.capability))?.nav?.href ?? '/console';

  /** The signed-in person and their session, or a page that says how to sign in (and shows nothing else). */
  async function signedIn(req: Request, res: Response, capability: Capability = 'open_console'): Promise<Session | undefined> {
    const participantId = req.session.participantId;
    const person = participantId ? await ports.people.findById(participantId) : undefined;
    if (!person) {
      if (participantId) await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
      plainPage(res, 401, 'signed-out', visitor(req), { message: 'signed_out_body' });
      return undefined;
    }
    const s = sessionFor(person, translator, clock.now());
    if (!can(s.roles, capability)) {
      // Someone who may open the console but not this page is pointed to the page that is theirs.
      const mayOpen = can(s.roles, 'open_console');
      const refusal = { title: 'refused_title', message: mayOpen ? 'not_yours' : 'not_allowed', home: mayOpen ? firstPageOf(s.roles) : undefined };
      // The person is signed in: the page keeps their header (who, sign out) and the pages that are theirs.
      if (mayOpen) page(req, res, 403, 'signed-out', s, refusal);
      else plainPage(res, 403, 'signed-out', s, refusal);
      return undefined;
    }
    return s;
  }

  router.get('/console/sign-in/:token', async (req, res) => {
    const participantId = await ports.console.redeem(String(req.params.token), clock.now());
    if (!participantId) return plainPage(res, 410, 'signed-out', visitor(req), { title: 'link_refused_title', message: 'link_refused', home: req.session.participantId ? '/console' : undefined });
    // A new session id on every sign-in: a session id planted before cannot be carried over.
    await new Promise<void>((resolve, reject) => req.session.regenerate((error: unknown) => (error ? reject(error) : resolve())));
    req.session.participantId = participantId;
    await ports.audit.record({ at: clock.now(), actorId: participantId, action: 'console.signed_in' });
    // The first page the person's roles open: a team lead lands on their team's page.
    res.redirect(303, firstPageOf((await ports.people.findById(participantId))?.roles ?? []));
  });

  const publicPage: ConsoleContext['publicPage'] = (res, status, view, locale, data) => plainPage(res, status, view, createSession({ person: undefined, locale, now: clock.now(), translator }), data);

  const ctx: ConsoleContext = { router, ports, translator, clock, page, publicPage, signedIn, csrf: csrfSynchronisedProtection };
  for (const consolePage of CONSOLE_PAGES) consolePage.mount(ctx);

  router.post('/console/sign-out', csrfSynchronisedProtection, (req, res) => {
    req.session.destroy(() => {
      res.clearCookie('kohort.console', { path: '/console' });
      res.redirect(303, '/console/signed-out');
    });
  });

  router.get('/console/signed-out', (req, res) => plainPage(res, 200, 'signed-out', visitor(req), { title: 'signed_out_done_title', message: 'signed_out_done' }));

  // Anything else under /console: a page that says so, in the browser's language, not a bare JSON answer.
  router.use('/console', (req, res) => plainPage(res, 404, 'signed-out', visitor(req), { title: 'not_found_title', message: 'not_found', home: req.session?.participantId ? '/console' : undefined }));

  // A refused CSRF token (a form from before a new sign-in, or from another site) or a refused use
  // case says what happened, in the person's language, and shows nothing of the cohort.
  router.use('/console', (error: Error & { code?: string; status?: number }, req: Request, res: Response, next: NextFunction) => {
    // A use case that refused the person (its own check, behind the page's) is a refusal too, not a failure.
    const refusedUseCase = error instanceof NotAuthorisedError;
    if (!refusedUseCase && error.code !== 'EBADCSRFTOKEN' && error.status !== 403) return next(error);
    ports.people
      .findById(req.session?.participantId ?? '')
      .then((person) => {
        const s = person ? sessionFor(person, translator, clock.now()) : visitor(req);
        const what = refusedUseCase ? { title: 'refused_title', message: 'not_yours' } : { title: 'form_refused_title', message: 'form_refused' };
        plainPage(res, 403, 'signed-out', s, { ...what, home: person ? firstPageOf(person.roles) : undefined });
      })
      .catch(next);
  });
  return router;
}
