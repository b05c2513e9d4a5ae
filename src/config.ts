// The one place kohort reads its environment. Everything else receives a Config.
// An invalid value stops start-up with one line naming the variable (exit code 2).
import { validate as isCronExpression } from 'node-cron';
import { z } from 'zod';
import { KohortError } from './core/errors.js';
import type { AnyPlatformIntegration } from './platform/integration.js';

const optionalText = z
  .string()
  .trim()
  .min(1)
  .optional()
  .or(z.literal('').transform(() => undefined));

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number({ error: 'must be a port number' }).int('must be a whole number').min(0, 'must be between 0 and 65535').max(65535, 'must be between 0 and 65535').default(3978),
  HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'must be one of fatal, error, warn, info, debug, trace, silent' }).default('info'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgresql:// URL (leave it unset for the embedded database)')
      .optional(),
  ),
  PUBLIC_URL: optionalText.pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional()),
  DEMO_PROGRAM: z.string().default('programs/digitalt-forst.yaml'),
  // The outbox timer: a cron expression (seconds field allowed), or "off" to send nothing on a timer.
  SCHEDULER_TICK: z
    .string()
    .trim()
    .default('*/15 * * * * *')
    .refine((v) => v === 'off' || isCronExpression(v), 'must be a cron expression such as "*/15 * * * * *" (every 15 s) or "off"'),
  OUTBOX_GRACE_HOURS: z.coerce.number({ error: 'must be a number of hours' }).min(0.25, 'must be at least 0.25').max(72, 'must be at most 72').default(6),
  // Messages the outbox sends at once, each to a different person (adapters pace them per
  // conversation and platform budget); a stop waits for these (see src/outbox/worker.ts).
  OUTBOX_CONCURRENCY: z.coerce.number({ error: 'must be a whole number' }).int().min(1, 'must be at least 1').max(256, 'must be at most 256').default(16),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  // The key of the hashes that keep people erased on request out of the next import. Unset,
  // kohort makes one and keeps it in the database; set it in production so the database
  // alone cannot be checked against a list of names.
  KOHORT_SECRET: optionalText.pipe(z.string().min(32, 'must be at least 32 characters (for example from `openssl rand -hex 32`)').optional()),
  // The daily housekeeping (retention, expired downloads, old event ids): a cron expression in UTC, or "off".
  HOUSEKEEPING_AT: z
    .string()
    .trim()
    .default('30 3 * * *')
    .refine((v) => v === 'off' || isCronExpression(v), 'must be a cron expression such as "30 3 * * *" (03:30 every day) or "off"'),
  // Optional language-model digest of reflections: any OpenAI-compatible chat-completions API.
  LLM_BASE_URL: optionalText.pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional()),
  LLM_API_KEY: optionalText,
  LLM_MODEL: optionalText,
  LLM_TIMEOUT_MS: z.coerce.number({ error: 'must be a number of milliseconds' }).int().min(100).max(120_000).default(15_000),
});

/** Optional text: an empty value counts as unset. Platforms' slices use it too. */
export { optionalText };

/**
 * A platform budget in requests a second (SLACK_POSTS_PER_SECOND…): where the adaptive
 * budget starts. Fractions are fine (0.5 is one every two seconds); empty means the default.
 */
export function perSecondSetting(defaultValue: number, max: number) {
  return optionalText
    .pipe(
      z.coerce
        .number<string>({ error: `must be a number of requests a second, such as ${defaultValue}` })
        .positive('must be more than 0')
        .max(max, `must be at most ${max}`)
        .optional(),
    )
    .transform((value) => value ?? defaultValue);
}

export type CoreConfig = z.infer<typeof configSchema>;

/** A configured platform and its settings, in the order of the integration list. */
export interface ConfiguredPlatform {
  integration: AnyPlatformIntegration;
  settings: unknown;
}

export type Config = CoreConfig & {
  platforms: ConfiguredPlatform[];
  /** "slackEnabled", "playgroundEnabled"…: one flag per integration, by its name. */
  [flag: `${string}Enabled`]: boolean;
};

/**
 * Reads kohort's own variables and each platform integration's slice; the first problem
 * stops start-up with one line naming the variable.
 */
export function readConfig(env: Record<string, string | undefined> = process.env, integrations: readonly AnyPlatformIntegration[] = []): Config {
  const schema = integrations.reduce<z.ZodObject>((merged, integration) => merged.extend(integration.env.shape), configSchema);
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    // A secret is never repeated back, not even a wrong one.
    const got = env[name] === undefined || /SECRET|TOKEN|KEY|PASSWORD/.test(name) ? '' : ` (got "${String(env[name]).slice(0, 60)}")`;
    throw new KohortError('config_invalid', `${name} ${issue?.message ?? 'is invalid'}${got}`);
  }
  const values = parsed.data as CoreConfig & Record<string, unknown>;
  const llm = [values.LLM_BASE_URL, values.LLM_API_KEY, values.LLM_MODEL];
  if (llm.some(Boolean) && !llm.every(Boolean)) {
    throw new KohortError('config_invalid', 'LLM_BASE_URL, LLM_API_KEY and LLM_MODEL go together: set all three for the language-model digest, or none');
  }
  // Real platforms first: a development tool (the playground) is on by default only without one.
  const platforms: ConfiguredPlatform[] = [];
  const flags: Record<string, boolean> = {};
  for (const developmentOnly of [false, true]) {
    for (const integration of integrations.filter((i) => Boolean(i.developmentOnly) === developmentOnly)) {
      const settings = integration.configure(values, { nodeEnv: values.NODE_ENV, realPlatformConfigured: platforms.some((p) => !p.integration.developmentOnly) });
      flags[`${integration.name}Enabled`] = settings !== undefined;
      if (settings !== undefined) platforms.push({ integration, settings });
    }
  }
  platforms.sort((a, b) => integrations.indexOf(a.integration) - integrations.indexOf(b.integration));
  return { ...values, ...flags, platforms } as Config;
}
