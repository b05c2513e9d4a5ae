// The playground as a platform integration: a web chat on kohort's own HTTP server, for
// trying kohort without any account. On by default only when no real platform is set up.
import path from 'node:path';
import { z } from 'zod';
import type { PlatformIntegration } from '../../src/platform/integration.js';
import type { Locale, Translator } from '../../src/i18n/i18n.js';
import { LocalAdapter } from './local-adapter.js';
import { playgroundRouter } from './routes.js';
import { Transcript } from './transcript.js';

export const playgroundIntegration: PlatformIntegration<{ dir: string }> = {
  platform: 'local',
  name: 'playground',
  developmentOnly: true,
  env: z.object({
    PLAYGROUND: z.enum(['auto', 'on', 'off'], { error: 'must be auto, on or off' }).default('auto'),
  }),
  configure(env, { realPlatformConfigured }) {
    const wanted = env.PLAYGROUND === 'on' || (env.PLAYGROUND === 'auto' && !realPlatformConfigured);
    return wanted ? { dir: 'playground' } : undefined;
  },
  async start(settings, deps) {
    const transcript = new Transcript(path.join(deps.dataDir, settings.dir));
    const routes = playgroundRouter({
      transcript,
      sink: deps.sink,
      clock: deps.clock,
      listPeople: () => deps.directory.people('local'),
      listChannels: () => deps.directory.channels('local'),
      texts: (locale) => playgroundTexts(deps.translator, locale),
    });
    return { adapter: new LocalAdapter(transcript, deps.clock), routes, drain: async () => undefined, stop: async () => undefined };
  },
};

/** The page's own texts plus role names for the person picker ("role.team_lead"). */
function playgroundTexts(translator: Translator, locale: Locale): Record<string, string> {
  const roles = Object.entries(translator.section(locale, 'common.roles')).map(([role, name]) => [`role.${role}`, name]);
  return { ...translator.section(locale, 'playground'), ...Object.fromEntries(roles) };
}
