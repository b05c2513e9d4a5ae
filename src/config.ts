// The one place kohort reads its environment. Everything else receives a Config.
// An invalid value stops start-up with one line naming the variable (exit code 2).
import { validate as isCronExpression } from 'node-cron';
import { z } from 'zod';
import { KohortError } from './core/errors.js';

const optionalText = z.string().trim().min(1).optional().or(z.literal('').transform(() => undefined));

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number({ error: 'must be a port number' }).int('must be a whole number').min(0, 'must be between 0 and 65535').max(65535, 'must be between 0 and 65535').default(3978),
  HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'must be one of fatal, error, warn, info, debug, trace, silent' }).default('info'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: optionalText.pipe(
    z.string().regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgresql:// URL (leave it unset for the embedded database)').optional(),
  ),
  PUBLIC_URL: optionalText.pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional()),
  DEMO_PROGRAM: z.string().default('programs/digitalt-forst.yaml'),
  PLAYGROUND: z.enum(['auto', 'on', 'off'], { error: 'must be auto, on or off' }).default('auto'),
  // The outbox timer: a cron expression (seconds field allowed), or "off" to send nothing on a timer.
  SCHEDULER_TICK: z
    .string()
    .trim()
    .default('*/15 * * * * *')
    .refine((v) => v === 'off' || isCronExpression(v), 'must be a cron expression such as "*/15 * * * * *" (every 15 s) or "off"'),
  OUTBOX_GRACE_HOURS: z.coerce.number({ error: 'must be a number of hours' }).min(0.25, 'must be at least 0.25').max(72, 'must be at most 72').default(6),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  // Slack: enabled by a bot token plus a signing secret (HTTP) or an app-level token (Socket Mode).
  SLACK_BOT_TOKEN: optionalText.pipe(z.string().startsWith('xoxb-', 'must be a bot token starting with xoxb-').optional()),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.pipe(z.string().startsWith('xapp-', 'must be an app-level token starting with xapp-').optional()),
  SLACK_API_URL: optionalText.pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional()),
  // Teams: enabled by an app id (Azure Bot registration), or unauthenticated for the Emulator.
  MICROSOFT_APP_ID: optionalText,
  MICROSOFT_APP_PASSWORD: optionalText,
  MICROSOFT_APP_TENANT_ID: optionalText,
  MICROSOFT_APP_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'], { error: 'must be MultiTenant, SingleTenant or UserAssignedMSI' }).default('MultiTenant'),
  TEAMS_ALLOW_UNAUTHENTICATED: z.enum(['true', 'false', ''], { error: 'must be true or false' }).default('false').transform((v) => v === 'true'),
  TEAMS_SERVICE_URL: optionalText.pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional()),
  // Optional language-model digest of reflections: any OpenAI-compatible chat-completions API.
  LLM_BASE_URL: optionalText.pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional()),
  LLM_API_KEY: optionalText,
  LLM_MODEL: optionalText,
  LLM_TIMEOUT_MS: z.coerce.number({ error: 'must be a number of milliseconds' }).int().min(100).max(120_000).default(15_000),
});

export type Config = z.infer<typeof configSchema> & { playgroundEnabled: boolean; slackEnabled: boolean; teamsEnabled: boolean };

export function readConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    const got = env[name] === undefined ? '' : ` (got "${String(env[name]).slice(0, 60)}")`;
    throw new KohortError('config_invalid', `${name} ${issue?.message ?? 'is invalid'}${got}`);
  }
  const config = parsed.data;
  const slackEnabled = config.SLACK_BOT_TOKEN !== undefined;
  if (slackEnabled && !config.SLACK_SIGNING_SECRET && !config.SLACK_APP_TOKEN) {
    throw new KohortError('config_invalid', 'SLACK_SIGNING_SECRET is required with SLACK_BOT_TOKEN (or set SLACK_APP_TOKEN for Socket Mode)');
  }
  if (!slackEnabled && (config.SLACK_SIGNING_SECRET || config.SLACK_APP_TOKEN)) {
    throw new KohortError('config_invalid', 'SLACK_BOT_TOKEN is required when other SLACK_ variables are set');
  }
  const teamsEnabled = config.MICROSOFT_APP_ID !== undefined || config.TEAMS_ALLOW_UNAUTHENTICATED;
  if (config.TEAMS_ALLOW_UNAUTHENTICATED && config.NODE_ENV === 'production') {
    throw new KohortError('config_invalid', 'TEAMS_ALLOW_UNAUTHENTICATED is refused when NODE_ENV=production: every Teams request must carry a valid token');
  }
  if (config.TEAMS_ALLOW_UNAUTHENTICATED && config.MICROSOFT_APP_ID) {
    throw new KohortError('config_invalid', 'TEAMS_ALLOW_UNAUTHENTICATED cannot be combined with MICROSOFT_APP_ID (unset one of them)');
  }
  if (config.MICROSOFT_APP_ID && config.MICROSOFT_APP_TYPE !== 'UserAssignedMSI' && !config.MICROSOFT_APP_PASSWORD) {
    throw new KohortError('config_invalid', `MICROSOFT_APP_PASSWORD is required with MICROSOFT_APP_ID for a ${config.MICROSOFT_APP_TYPE} bot`);
  }
  if (config.MICROSOFT_APP_ID && config.MICROSOFT_APP_TYPE !== 'MultiTenant' && !config.MICROSOFT_APP_TENANT_ID) {
    throw new KohortError('config_invalid', `MICROSOFT_APP_TENANT_ID is required for a ${config.MICROSOFT_APP_TYPE} bot`);
  }
  const llm = [config.LLM_BASE_URL, config.LLM_API_KEY, config.LLM_MODEL];
  if (llm.some(Boolean) && !llm.every(Boolean)) {
    throw new KohortError('config_invalid', 'LLM_BASE_URL, LLM_API_KEY and LLM_MODEL go together: set all three for the language-model digest, or none');
  }
  // The playground is a development tool: on by default only when no platform is configured.
  const platformConfigured = slackEnabled || teamsEnabled;
  const playgroundEnabled = config.PLAYGROUND === 'on' || (config.PLAYGROUND === 'auto' && !platformConfigured);
  return { ...config, playgroundEnabled, slackEnabled, teamsEnabled };
}
