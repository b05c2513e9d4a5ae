// The Teams app's personal tab (adapters/teams/app-package/manifest.json) opens this page, not
// the console itself. Inside Teams the tab is a frame on a Microsoft origin, so the console's
// cookie (SameSite=Lax, on purpose: it is never sent on cross-site requests) does not reach
// kohort there, and a sign-in link opened in the frame would only start a session the frame
// cannot carry. Loosening the cookie to SameSite=None would expose the session to every
// cross-site request, and signing in inside Teams would need Teams single sign-on; neither is
// worth it for a page people open now and then. So the tab says, honestly, how to get there:
// type `panel` in the chat, and the link opens the console in the browser. It needs no session
// and shows nothing of any cohort, so it is the one console page Teams may frame.
import type { Request } from 'express';
import { SIGN_IN_LINK_MINUTES } from '../../../features/console/index.js';
import { rolesFor } from '../../../domain/roles.js';
import type { Locale } from '../../../i18n/i18n.js';
import { browserLocale, type ConsolePage } from '../context.js';

export const TEAMS_TAB_PATH = '/console/teams-tab';

/**
 * The hosts that frame a Teams personal tab (Teams on the web and desktop, and the Microsoft 365
 * and Outlook hosts a Teams app can run in), as Microsoft's tab requirements list them.
 */
export const TEAMS_FRAME_ANCESTORS = [
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.cloud.microsoft',
  'https://*.microsoft365.com',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
] as const;

/** Teams fills `{locale}` in the tab's address ("sv-se", "en-us"); else the browser's languages. */
function localeOf(req: Request): Locale {
  const asked = typeof req.query.locale === 'string' ? req.query.locale.toLowerCase() : '';
  if (asked.startsWith('en')) return 'en';
  if (asked.startsWith('sv')) return 'sv';
  return browserLocale(req);
}

export const teamsTabPage: ConsolePage = {
  mount({ router, ports, translator, publicPage }) {
    router.get(TEAMS_TAB_PATH, (req, res) => {
      const locale = localeOf(req);
      const t = (key: string, params?: Record<string, string | number>) => translator.t(locale, `console.teams_tab.${key}`, params);
      // Every other console page forbids framing (router.ts); this one allows Teams' hosts only.
      const csp = String(res.getHeader('content-security-policy') ?? '');
      res.setHeader('content-security-policy', csp.replace(/frame-ancestors [^;]*/, `frame-ancestors ${TEAMS_FRAME_ANCESTORS.join(' ')}`));
      res.removeHeader('x-frame-options');
      publicPage(res, 200, 'teams-tab', locale, {
        tab: t,
        word: translator.words(locale, 'commands.words.console')[0] ?? 'panel',
        minutes: SIGN_IN_LINK_MINUTES,
        roles: new Intl.ListFormat(locale, { type: 'conjunction' }).format(rolesFor('open_console').map((role) => translator.t(locale, `common.roles_plural.${role}`))),
        consoleUrl: `${ports.links.base}/console`,
      });
    });
  },
};
