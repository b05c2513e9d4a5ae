// `npm run teams:package`: the Teams app package (manifest.json + two icons in one zip)
// that an admin uploads in Teams. Values come from the environment (or .env):
// MICROSOFT_APP_ID and PUBLIC_URL (https) are required; the developer fields have defaults an
// organisation can override with TEAMS_DEVELOPER_NAME, TEAMS_WEBSITE_URL, TEAMS_PRIVACY_URL,
// TEAMS_TERMS_URL. The package has a personal tab for the web console at PUBLIC_URL.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';
import { environment } from '../../src/env.js';
import { fromRoot } from '../../src/project-root.js';

const HERE = fromRoot('adapters', 'teams');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const DEFAULTS: Record<string, string> = {
  TEAMS_DEVELOPER_NAME: 'kohort',
  TEAMS_WEBSITE_URL: 'https://github.com/kohort/kohort',
  TEAMS_PRIVACY_URL: 'https://github.com/kohort/kohort#privacy',
  TEAMS_TERMS_URL: 'https://github.com/kohort/kohort#terms',
};

export function buildTeamsPackage(env: Record<string, string | undefined>): { manifest: Record<string, unknown>; zip: Uint8Array } {
  const appId = env.MICROSOFT_APP_ID?.trim();
  if (!appId || !GUID.test(appId)) {
    throw new Error('MICROSOFT_APP_ID must be set to your Azure Bot’s Microsoft App ID (a GUID) to build the Teams package');
  }
  const values: Record<string, string> = { ...DEFAULTS, ...definedOnly(env), ...consoleTab(env.PUBLIC_URL), MICROSOFT_APP_ID: appId };
  for (const key of ['TEAMS_WEBSITE_URL', 'TEAMS_PRIVACY_URL', 'TEAMS_TERMS_URL']) {
    if (!/^https:\/\//.test(values[key] ?? '')) throw new Error(`${key} must be an https:// URL (Teams requires it)`);
  }
  const template = readFileSync(path.join(HERE, 'app-package', 'manifest.json'), 'utf8');
  const filled = template.replace(/\$\{\{(\w+)\}\}/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`manifest.json uses \${{${name}}}, which has no value`);
    return JSON.stringify(value).slice(1, -1);
  });
  const manifest = JSON.parse(filled) as Record<string, unknown>;
  const zip = zipSync({
    'manifest.json': new TextEncoder().encode(JSON.stringify(manifest, null, 2)),
    'color.png': readFileSync(path.join(HERE, 'app-package', 'color.png')),
    'outline.png': readFileSync(path.join(HERE, 'app-package', 'outline.png')),
  });
  return { manifest, zip };
}

/**
 * The personal tab's addresses. Teams loads a tab only from https, and only from a domain the
 * manifest lists. The tab opens an entry page, not the console itself: inside Teams' frame the
 * console's SameSite=Lax cookie is not sent (see src/http/console/pages/teams-tab.ts).
 * `{locale}` is Teams' own placeholder (the one its mobile apps fill in too): the page speaks
 * the person's Teams language.
 */
function consoleTab(publicUrl: string | undefined): Record<'CONSOLE_TAB_URL' | 'CONSOLE_URL' | 'PUBLIC_HOST', string> {
  const base = publicUrl?.trim().replace(/\/+$/, '') ?? '';
  let url: URL | undefined;
  try {
    url = new URL(base);
  } catch {
    url = undefined;
  }
  if (!url || url.protocol !== 'https:') {
    throw new Error('PUBLIC_URL must be set to kohort’s https:// address (Teams reaches the bot and opens the console tab there)');
  }
  return { CONSOLE_TAB_URL: `${base}/console/teams-tab?locale={locale}`, CONSOLE_URL: `${base}/console`, PUBLIC_HOST: url.host };
}

function definedOnly(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => Boolean(entry[1]?.trim())));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  try {
    const { zip } = buildTeamsPackage(environment());
    const out = path.resolve('dist', 'kohort-teams.zip');
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, zip);
    process.stdout.write(`Teams app package written to ${path.relative(process.cwd(), out)} — upload it in Teams: Apps → Manage your apps → Upload an app.\n`);
  } catch (error) {
    process.stderr.write(`kohort: ${(error as Error).message}\n`);
    process.exit(2);
  }
}
