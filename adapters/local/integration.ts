// The playground as a platform integration: a web chat on kohort's own HTTP server, for
// trying kohort without any account. On by default only when no real platform is set up,
// and only on this machine unless PLAYGROUND_TOKEN is set: whoever reaches it can act as
// any person, facilitators included (access.ts).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { optionalText, type Config } from '../../src/config.js';
import { KohortError } from '../../src/core/errors.js';
import type { Forgetter } from '../../src/domain/privacy.js';
import type { PlatformIntegration } from '../../src/platform/integration.js';
import type { Locale, Translator } from '../../src/i18n/i18n.js';
import { isLoopbackHost, TOKEN_RULE } from './access.js';
import { LocalAdapter } from './local-adapter.js';
import { playgroundRouter } from './routes.js';
import { Transcript } from './transcript.js';

/** The playground's files under DATA_DIR. */
const PLAYGROUND_DIR = 'playground';

export interface PlaygroundSettings {
  dir: string;
  token?: string;
}

export const playgroundIntegration: PlatformIntegration<PlaygroundSettings> = {
  platform: 'local',
  name: 'playground',
  developmentOnly: true,
  env: z.object({
    PLAYGROUND: z.enum(['auto', 'on', 'off'], { error: 'must be auto, on or off' }).default('auto'),
    // Checked in configure(), not here: a refused token is a secret all the same, and the
    // line for a schema error repeats the value.
    PLAYGROUND_TOKEN: optionalText,
  }),
  configure(env, { realPlatformConfigured }) {
    const token = env.PLAYGROUND_TOKEN as string | undefined;
    if (token !== undefined && !TOKEN_RULE.test(token)) {
      throw new KohortError('config_invalid', 'PLAYGROUND_TOKEN must be 16 to 200 characters of A-Z, a-z, 0-9 and ._~- (for example from `openssl rand -hex 24`)');
    }
    const wanted = env.PLAYGROUND === 'on' || (env.PLAYGROUND === 'auto' && !realPlatformConfigured);
    if (!wanted) return undefined;
    if (playgroundWithheld(env)) {
      // Asked for by name: say what is missing. On `auto` it stays off, and the process says why (main.ts).
      if (env.PLAYGROUND === 'on') {
        throw new KohortError('config_invalid', `PLAYGROUND_TOKEN is required for PLAYGROUND=on with HOST=${String(env.HOST)}, which other machines can reach: anyone there could act as any person`);
      }
      return undefined;
    }
    return { dir: PLAYGROUND_DIR, token };
  },
  // The playground draws the neutral message itself, in the browser.
  preview: (msg) => ({ platform: 'local', format: 'neutral', payload: msg }),
  async start(settings, deps) {
    const transcript = new Transcript(path.join(deps.dataDir, settings.dir));
    const routes = playgroundRouter({
      transcript,
      sink: deps.sink,
      clock: deps.clock,
      listPeople: () => deps.directory.people('local'),
      listChannels: () => deps.directory.channels('local'),
      texts: (locale) => playgroundTexts(deps.translator, locale),
      token: settings.token,
    });
    return {
      adapter: new LocalAdapter(transcript, deps.clock),
      routes,
      drain: async () => undefined,
      stop: async () => undefined,
      forgetter: transcriptForgetter(transcript),
    };
  },
  storedData(dataDir) {
    const dir = path.join(dataDir, PLAYGROUND_DIR);
    return existsSync(dir) ? transcriptForgetter(new Transcript(dir)) : undefined;
  },
};

/** The playground's people are its own ids: an erased person's local identity and name leave the transcript. */
function transcriptForgetter(transcript: Transcript): Forgetter {
  return {
    async forget(traces) {
      transcript.forget(
        traces.identities.filter((i) => i.platform === 'local').map((i) => i.externalId),
        traces.names,
      );
    },
  };
}

/** Whether the playground stays off because HOST lets other machines in and no token guards it. */
export function playgroundWithheld(env: Record<string, unknown>): boolean {
  return env.PLAYGROUND !== 'off' && !env.PLAYGROUND_TOKEN && !isLoopbackHost(String(env.HOST ?? '127.0.0.1'));
}

/**
 * The lines for a person at the terminal, plain text on stderr: the playground's address, or
 * why it is off. The token goes into the address only when stderr is a terminal, so it never
 * lands in a log collector or a file; otherwise the line says how to add it.
 */
export function playgroundStartupLines(config: Config, base: string, terminal: boolean): string[] {
  const env = config as unknown as Record<string, unknown>;
  const token = env.PLAYGROUND_TOKEN as string | undefined;
  if (config.playgroundEnabled) {
    const address = `${base.replace(/\/+$/, '')}/`;
    if (!token) return [`kohort: playground at ${address}`];
    if (terminal) return [`kohort: playground at ${address}?token=${token}`];
    return [`kohort: playground at ${address} – add ?token=<PLAYGROUND_TOKEN> to open it (the full address is printed only to a terminal)`];
  }
  const realPlatform = config.platforms.some((p) => !p.integration.developmentOnly);
  if (env.PLAYGROUND === 'auto' && !realPlatform && playgroundWithheld(env)) {
    return [`kohort: playground off: HOST=${config.HOST} accepts connections from other machines; set PLAYGROUND_TOKEN to use the playground there`];
  }
  return [];
}

/** The page's own texts plus role names for the person picker ("role.team_lead"). */
function playgroundTexts(translator: Translator, locale: Locale): Record<string, string> {
  const roles = Object.entries(translator.section(locale, 'common.roles')).map(([role, name]) => [`role.${role}`, name]);
  return { ...translator.section(locale, 'playground'), ...Object.fromEntries(roles) };
}
