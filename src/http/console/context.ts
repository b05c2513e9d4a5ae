// What every console page is given: the router to add its routes to, the ports, the clock,
// one way to render a page and one way to find who is signed in and what they may do. Each
// page lives in pages/<name>.ts and is listed once in pages/index.ts.
import type { Request, RequestHandler, Response, Router } from 'express';
import type { Ports } from '../../application/ports.js';
import type { Session } from '../../application/session.js';
import type { Clock } from '../../core/clock.js';
import type { Capability } from '../../domain/roles.js';
import { DEFAULT_LOCALE, type Locale, type Translator } from '../../i18n/i18n.js';

export interface ConsoleContext {
  router: Router;
  ports: Ports;
  translator: Translator;
  clock: Clock;
  /** Renders views/<view>.eta in the session's language, never cached by the browser. */
  page(req: Request, res: Response, status: number, view: string, s: Session, data?: Record<string, unknown>): void;
  /** A page for anyone, signed in or not (the Teams tab's entry page): no navigation, no form, the session untouched. */
  publicPage(res: Response, status: number, view: string, locale: Locale, data?: Record<string, unknown>): void;
  /**
   * The signed-in person's session when they hold `capability` (default: the console's
   * own), else the page that says how to sign in or that this is not theirs, and undefined.
   */
  signedIn(req: Request, res: Response, capability?: Capability): Promise<Session | undefined>;
  /** The synchroniser-token check for every state-changing request (body field `_csrf`). */
  csrf: RequestHandler;
}

/** One page of the console: its routes, and its place in the navigation (if it has one). */
export interface ConsolePage {
  mount(ctx: ConsoleContext): void;
  /** `label` is a full prompt key, e.g. console_program.nav. */
  nav?: { href: string; label: string; capability: Capability };
}

/** Express 4 does not pass a rejected promise to the error handler: this does. */

/** The language a browser asks for, for pages shown before anyone is known (sv unless it prefers en). */
export function browserLocale(req: Request): Locale {
  return req.acceptsLanguages('sv', 'en') === 'en' ? 'en' : DEFAULT_LOCALE;
}

/** The texts of one prompts area, for a view: `textsOf(s, 'console_people')('title')` is `console_people.title`. */
export function textsOf(s: Pick<Session, 't'>, area: string): (key: string, params?: Record<string, string | number>) => string {
  return (key, params) => s.t(`${area}.${key}`, params);
}
