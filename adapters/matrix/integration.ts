// Matrix as a platform integration: a bot account on a homeserver (Synapse, Element's
// servers, a public body's own), reached by its client-server API. Enabled by the three
// variables together; matrix-js-sdk loads only when they are set.
import { z } from 'zod';
import { optionalText, perSecondSetting } from '../../src/config.js';
import { KohortError } from '../../src/core/errors.js';
import type { PlatformIntegration } from '../../src/platform/integration.js';
import { refusalOf } from './errors.js';
import { MATRIX_LIMITS } from './limits.js';
import { renderText } from './render.js';
import type { MatrixSettings } from './matrix-app.js';

/** A full Matrix user ID: @localpart:server (older accounts may have any printable localpart: https://spec.matrix.org/v1.16/appendices/#user-identifiers). */
const MATRIX_USER_ID = /^@[^:\s]+:[^\s]+$/;

export const matrixIntegration: PlatformIntegration<MatrixSettings> = {
  platform: 'matrix',
  name: 'matrix',
  env: z.object({
    MATRIX_HOMESERVER_URL: optionalText.pipe(z.url({ protocol: /^https?$/, error: 'must be the http(s) URL of the homeserver, such as https://matrix.example.org' }).optional()),
    // Checked in configure(), not here: a schema error line repeats the value, and this one is a secret.
    MATRIX_ACCESS_TOKEN: optionalText,
    MATRIX_USER_ID: optionalText.pipe(z.string().regex(MATRIX_USER_ID, 'must be the bot’s full Matrix ID, such as @kohort:example.org').optional()),
    // Sends a second to start at; kohort grows past it while the homeserver accepts and backs off on M_LIMIT_EXCEEDED.
    MATRIX_SENDS_PER_SECOND: perSecondSetting(MATRIX_LIMITS.sendsPerSecond, 10_000),
  }),
  configure(env) {
    const homeserverUrl = env.MATRIX_HOMESERVER_URL as string | undefined;
    const accessToken = env.MATRIX_ACCESS_TOKEN as string | undefined;
    const userId = env.MATRIX_USER_ID as string | undefined;
    const given = [homeserverUrl, accessToken, userId].filter(Boolean).length;
    if (given === 0) return undefined;
    if (given < 3) throw new KohortError('config_invalid', 'MATRIX_HOMESERVER_URL, MATRIX_ACCESS_TOKEN and MATRIX_USER_ID are needed together (one or two of them are set)');
    if (/\s/.test(accessToken!)) throw new KohortError('config_invalid', 'MATRIX_ACCESS_TOKEN must be the token alone, without spaces or "Bearer"');
    return { homeserverUrl: homeserverUrl!, accessToken: accessToken!, userId: userId!, sendsPerSecond: env.MATRIX_SENDS_PER_SECOND as number };
  },
  // What the room will show: the plain body and the HTML body, as the adapter sends them.
  preview: (msg) => ({ platform: 'matrix', format: 'matrix-html', payload: renderText(msg) }),
  async start(settings, deps) {
    const [{ SdkHomeserver, TokenOwnerMismatch }, { startMatrix }] = await Promise.all([import('./sdk-client.js'), import('./matrix-app.js')]);
    const homeserver = new SdkHomeserver({ baseUrl: settings.homeserverUrl, accessToken: settings.accessToken, userId: settings.userId, logger: deps.logger });
    try {
      return await startMatrix(homeserver, settings, deps);
    } catch (error) {
      await homeserver.stop();
      // A token that can never work stops start-up with one line, like Slack's; anything else (the server away) is thrown as it is.
      if (error instanceof TokenOwnerMismatch) throw new KohortError('config_invalid', `MATRIX_ACCESS_TOKEN belongs to ${error.owner}, not to MATRIX_USER_ID`, { cause: error });
      const code = refusalOf(error).code;
      if (code === 'M_UNKNOWN_TOKEN' || code === 'M_MISSING_TOKEN' || code === 'M_USER_LOCKED' || code === 'M_USER_SUSPENDED')
        throw new KohortError('config_invalid', `MATRIX_ACCESS_TOKEN was refused by the homeserver (${code})`, { cause: error });
      throw error;
    }
  },
};
