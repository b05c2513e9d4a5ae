// Every chat platform kohort speaks, in order of preference for reaching a person (real
// platforms first, the playground last). A new platform adds its integration here.
import type { AnyPlatformIntegration } from '../src/platform/integration.js';
import { readConfig, type Config } from '../src/config.js';
import { playgroundIntegration } from './local/integration.js';
import { matrixIntegration } from './matrix/integration.js';
import { slackIntegration } from './slack/integration.js';
import { teamsIntegration } from './teams/integration.js';

export const PLATFORM_INTEGRATIONS: readonly AnyPlatformIntegration[] = [slackIntegration, teamsIntegration, matrixIntegration, playgroundIntegration];

/** kohort's configuration with every platform's slice of the environment. */
export function readKohortConfig(env: Record<string, string | undefined> = process.env): Config {
  return readConfig(env, PLATFORM_INTEGRATIONS);
}
