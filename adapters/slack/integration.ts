// Slack as a platform integration: its environment variables and how it starts. Enabled
// by a bot token plus a signing secret (HTTP) or an app-level token (Socket Mode).
import { z } from 'zod';
import { optionalText, perSecondSetting } from '../../src/config.js';
import { KohortError } from '../../src/core/errors.js';
import type { PlatformIntegration } from '../../src/platform/integration.js';
import { SLACK_LIMITS } from './limits.js';
import type { SlackSettings } from './slack-app.js';
import { renderMessage } from './render.js';

const httpUrl = optionalText.pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional());

export const slackIntegration: PlatformIntegration<SlackSettings> = {
  platform: 'slack',
  name: 'slack',
  env: z.object({
    SLACK_BOT_TOKEN: optionalText.pipe(z.string().startsWith('xoxb-', 'must be a bot token starting with xoxb-').optional()),
    SLACK_SIGNING_SECRET: optionalText,
    SLACK_APP_TOKEN: optionalText.pipe(z.string().startsWith('xapp-', 'must be an app-level token starting with xapp-').optional()),
    SLACK_API_URL: httpUrl,
    // Posts a second per workspace to start at; kohort grows past it while Slack accepts and backs off on 429.
    SLACK_POSTS_PER_SECOND: perSecondSetting(SLACK_LIMITS.postsPerSecond, 100_000),
  }),
  configure(env) {
    const botToken = env.SLACK_BOT_TOKEN as string | undefined;
    const signingSecret = env.SLACK_SIGNING_SECRET as string | undefined;
    const appToken = env.SLACK_APP_TOKEN as string | undefined;
    if (!botToken) {
      if (signingSecret || appToken) throw new KohortError('config_invalid', 'SLACK_BOT_TOKEN is required when other SLACK_ variables are set');
      return undefined;
    }
    if (!signingSecret && !appToken) throw new KohortError('config_invalid', 'SLACK_SIGNING_SECRET is required with SLACK_BOT_TOKEN (or set SLACK_APP_TOKEN for Socket Mode)');
    return { botToken, signingSecret, appToken, apiUrl: env.SLACK_API_URL as string | undefined, postsPerSecond: env.SLACK_POSTS_PER_SECOND as number };
  },
  preview: (msg) => ({ platform: 'slack', format: 'block-kit', payload: renderMessage(msg) }),
  // Bolt and the Web API client are loaded only when Slack is configured (see Teams).
  async start(settings, deps) {
    const { startSlack } = await import('./slack-app.js');
    return startSlack(settings, deps);
  },
};
