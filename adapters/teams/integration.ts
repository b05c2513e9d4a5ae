// Microsoft Teams as a platform integration: its environment variables and how it starts.
// Enabled by an app id (an Azure Bot registration), or unauthenticated for the Emulator.
import { z } from 'zod';
import { optionalText, perSecondSetting } from '../../src/config.js';
import { KohortError } from '../../src/core/errors.js';
import type { PlatformIntegration } from '../../src/platform/integration.js';
import { TEAMS_LIMITS } from './limits.js';
import type { TeamsSettings } from './teams-app.js';
import { renderCard } from './render.js';

export const teamsIntegration: PlatformIntegration<TeamsSettings & { unauthenticated: boolean }> = {
  platform: 'teams',
  name: 'teams',
  env: z.object({
    MICROSOFT_APP_ID: optionalText,
    MICROSOFT_APP_PASSWORD: optionalText,
    MICROSOFT_APP_TENANT_ID: optionalText,
    MICROSOFT_APP_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'], { error: 'must be MultiTenant, SingleTenant or UserAssignedMSI' }).default('MultiTenant'),
    TEAMS_ALLOW_UNAUTHENTICATED: z
      .enum(['true', 'false', ''], { error: 'must be true or false' })
      .default('false')
      .transform((v) => v === 'true'),
    TEAMS_SERVICE_URL: optionalText.pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional()),
    // Requests a second per tenant to start at; kohort grows past it while Teams accepts and backs off on 429.
    TEAMS_REQUESTS_PER_SECOND: perSecondSetting(TEAMS_LIMITS.requestsPerSecond, 100_000),
  }),
  configure(env, { nodeEnv }) {
    const appId = env.MICROSOFT_APP_ID as string | undefined;
    const appPassword = env.MICROSOFT_APP_PASSWORD as string | undefined;
    const tenantId = env.MICROSOFT_APP_TENANT_ID as string | undefined;
    const appType = env.MICROSOFT_APP_TYPE as TeamsSettings['appType'];
    const unauthenticated = env.TEAMS_ALLOW_UNAUTHENTICATED === true;
    if (unauthenticated && nodeEnv === 'production') {
      throw new KohortError('config_invalid', 'TEAMS_ALLOW_UNAUTHENTICATED is refused when NODE_ENV=production: every Teams request must carry a valid token');
    }
    if (unauthenticated && appId) throw new KohortError('config_invalid', 'TEAMS_ALLOW_UNAUTHENTICATED cannot be combined with MICROSOFT_APP_ID (unset one of them)');
    if (appId && appType !== 'UserAssignedMSI' && !appPassword) throw new KohortError('config_invalid', `MICROSOFT_APP_PASSWORD is required with MICROSOFT_APP_ID for a ${appType} bot`);
    if (appId && appType !== 'MultiTenant' && !tenantId) throw new KohortError('config_invalid', `MICROSOFT_APP_TENANT_ID is required for a ${appType} bot`);
    if (!appId && !unauthenticated) return undefined;
    return {
      appId,
      appPassword,
      tenantId,
      appType,
      serviceUrl: env.TEAMS_SERVICE_URL as string | undefined,
      requestsPerSecond: env.TEAMS_REQUESTS_PER_SECOND as number,
      unauthenticated,
    };
  },
  preview: (msg) => ({ platform: 'teams', format: 'adaptive-card', payload: renderCard(msg) as unknown as Record<string, unknown> }),
  async start(settings, deps) {
    if (settings.unauthenticated) deps.logger.warn('TEAMS_ALLOW_UNAUTHENTICATED=true: /api/messages accepts requests without a Bot Framework token (for the Emulator only)');
    // botbuilder and teams-ai are loaded only when Teams is configured: a kohort without Teams
    // never pays for them at start-up or in memory.
    const { startTeams } = await import('./teams-app.js');
    return startTeams(settings, deps);
  },
};
