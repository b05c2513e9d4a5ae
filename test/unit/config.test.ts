import { describe, expect, it } from 'vitest';
import { readKohortConfig as readConfig } from '../../adapters/platforms.js';
import { exited, runKohort } from '../helpers/kohort-process.js';

describe('configuration', () => {
  it('has working defaults', () => {
    const config = readConfig({});
    expect(config).toMatchObject({ PORT: 3978, DATA_DIR: './data', LOG_LEVEL: 'info', playgroundEnabled: true });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT must be a port number (got "abc")'],
    [{ PORT: '70000' }, 'PORT must be between 0 and 65535 (got "70000")'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")'],
    [{ DATABASE_URL: 'mysql://db/kohort' }, 'DATABASE_URL must be a postgresql:// URL (leave it unset for the embedded database) (got "mysql://db/kohort")'],
    [{ PLAYGROUND: 'maybe' }, 'PLAYGROUND must be auto, on or off (got "maybe")'],
    [{ NODE_ENV: 'staging' }, expect.stringMatching(/^NODE_ENV Invalid option/)],
    [{ SLACK_BOT_TOKEN: 'xoxp-user-token', SLACK_SIGNING_SECRET: 's' }, 'SLACK_BOT_TOKEN must be a bot token starting with xoxb-'],
    [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xoxb-2' }, 'SLACK_APP_TOKEN must be an app-level token starting with xapp-'],
    // A secret is never repeated back, not even a wrong one (a user token is a credential too).
    [{ KOHORT_SECRET: 'too-short' }, 'KOHORT_SECRET must be at least 32 characters (for example from `openssl rand -hex 32`)'],
    [{ HOUSEKEEPING_AT: 'daily' }, 'HOUSEKEEPING_AT must be a cron expression such as "30 3 * * *" (03:30 every day) or "off" (got "daily")'],
    [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_API_URL: 'ftp://x' }, 'SLACK_API_URL must be an http(s) URL (got "ftp://x")'],
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, 'SLACK_SIGNING_SECRET is required with SLACK_BOT_TOKEN (or set SLACK_APP_TOKEN for Socket Mode)'],
    [{ SLACK_SIGNING_SECRET: 's' }, 'SLACK_BOT_TOKEN is required when other SLACK_ variables are set'],
    [{ NODE_ENV: 'production', TEAMS_ALLOW_UNAUTHENTICATED: 'true' }, 'TEAMS_ALLOW_UNAUTHENTICATED is refused when NODE_ENV=production: every Teams request must carry a valid token'],
    [{ TEAMS_ALLOW_UNAUTHENTICATED: 'yes' }, 'TEAMS_ALLOW_UNAUTHENTICATED must be true or false (got "yes")'],
    [{ MICROSOFT_APP_ID: 'id' }, 'MICROSOFT_APP_PASSWORD is required with MICROSOFT_APP_ID for a MultiTenant bot'],
    [{ MICROSOFT_APP_ID: 'id', MICROSOFT_APP_PASSWORD: 'p', MICROSOFT_APP_TYPE: 'SingleTenant' }, 'MICROSOFT_APP_TENANT_ID is required for a SingleTenant bot'],
    [{ MICROSOFT_APP_ID: 'id', MICROSOFT_APP_TYPE: 'Personal' }, 'MICROSOFT_APP_TYPE must be MultiTenant, SingleTenant or UserAssignedMSI (got "Personal")'],
    [{ MICROSOFT_APP_ID: 'id', MICROSOFT_APP_PASSWORD: 'p', TEAMS_ALLOW_UNAUTHENTICATED: 'true' }, 'TEAMS_ALLOW_UNAUTHENTICATED cannot be combined with MICROSOFT_APP_ID (unset one of them)'],
    [{ LLM_BASE_URL: 'http://127.0.0.1:8080/v1', LLM_MODEL: 'm' }, 'LLM_BASE_URL, LLM_API_KEY and LLM_MODEL go together: set all three for the language-model digest, or none'],
    [{ LLM_BASE_URL: 'localhost:8080', LLM_API_KEY: 'k', LLM_MODEL: 'm' }, 'LLM_BASE_URL must be an http(s) URL (got "localhost:8080")'],
    [{ SLACK_POSTS_PER_SECOND: 'ten' }, 'SLACK_POSTS_PER_SECOND must be a number of requests a second, such as 10 (got "ten")'],
    [{ SLACK_POSTS_PER_SECOND: '0' }, 'SLACK_POSTS_PER_SECOND must be more than 0 (got "0")'],
    [{ SLACK_POSTS_PER_SECOND: '-5' }, 'SLACK_POSTS_PER_SECOND must be more than 0 (got "-5")'],
    [{ TEAMS_REQUESTS_PER_SECOND: '500000' }, 'TEAMS_REQUESTS_PER_SECOND must be at most 100000 (got "500000")'],
    [{ TEAMS_REQUESTS_PER_SECOND: '50/s' }, 'TEAMS_REQUESTS_PER_SECOND must be a number of requests a second, such as 50 (got "50/s")'],
    [
      { MATRIX_HOMESERVER_URL: 'https://matrix.example.org', MATRIX_USER_ID: '@kohort:example.org' },
      'MATRIX_HOMESERVER_URL, MATRIX_ACCESS_TOKEN and MATRIX_USER_ID are needed together (one or two of them are set)',
    ],
    [
      { MATRIX_HOMESERVER_URL: 'matrix.example.org', MATRIX_ACCESS_TOKEN: 't', MATRIX_USER_ID: '@kohort:example.org' },
      'MATRIX_HOMESERVER_URL must be the http(s) URL of the homeserver, such as https://matrix.example.org (got "matrix.example.org")',
    ],
    [
      { MATRIX_HOMESERVER_URL: 'https://matrix.example.org', MATRIX_ACCESS_TOKEN: 't', MATRIX_USER_ID: 'kohort' },
      'MATRIX_USER_ID must be the bot’s full Matrix ID, such as @kohort:example.org (got "kohort")',
    ],
    // The token is a secret: the line says what is wrong with it, never the token.
    [
      { MATRIX_HOMESERVER_URL: 'https://matrix.example.org', MATRIX_ACCESS_TOKEN: 'Bearer syt_secret', MATRIX_USER_ID: '@kohort:example.org' },
      'MATRIX_ACCESS_TOKEN must be the token alone, without spaces or "Bearer"',
    ],
    [{ MATRIX_SENDS_PER_SECOND: '0' }, 'MATRIX_SENDS_PER_SECOND must be more than 0 (got "0")'],
  ])('rejects %o with one line naming the variable', (env, message) => {
    expect(() => readConfig(env)).toThrow(expect.objectContaining({ code: 'config_invalid', message }));
  });

  it('treats an empty DATABASE_URL as unset and turns the playground off when a platform is configured', () => {
    expect(readConfig({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
    const slack = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret' };
    expect(readConfig(slack)).toMatchObject({ playgroundEnabled: false, slackEnabled: true });
    expect(readConfig({ ...slack, PLAYGROUND: 'on' }).playgroundEnabled).toBe(true);
    expect(readConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).slackEnabled).toBe(true);
    expect(readConfig({ MICROSOFT_APP_ID: 'id', MICROSOFT_APP_PASSWORD: 'p' })).toMatchObject({ playgroundEnabled: false, teamsEnabled: true });
    expect(readConfig({ MICROSOFT_APP_ID: 'id', MICROSOFT_APP_TYPE: 'UserAssignedMSI', MICROSOFT_APP_TENANT_ID: 't' }).teamsEnabled).toBe(true);
    expect(readConfig({ TEAMS_ALLOW_UNAUTHENTICATED: 'true' }).teamsEnabled).toBe(true);
    expect(readConfig({}).teamsEnabled).toBe(false);
    expect(readConfig({}).slackEnabled).toBe(false);
  });

  it('reads the platform budgets, defaults as before (Slack 10 posts, Teams 50 requests a second), fractions allowed', () => {
    const slack = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret' };
    const teams = { TEAMS_ALLOW_UNAUTHENTICATED: 'true' };
    const settings = (env: Record<string, string>, name: string) => readConfig(env).platforms.find((p) => p.integration.name === name)?.settings;
    expect(settings({ ...slack, ...teams }, 'slack')).toMatchObject({ postsPerSecond: 10 });
    expect(settings({ ...slack, ...teams }, 'teams')).toMatchObject({ requestsPerSecond: 50 });
    expect(settings({ ...slack, SLACK_POSTS_PER_SECOND: '' }, 'slack')).toMatchObject({ postsPerSecond: 10 });
    expect(settings({ ...slack, SLACK_POSTS_PER_SECOND: '2.5' }, 'slack')).toMatchObject({ postsPerSecond: 2.5 });
    expect(settings({ ...teams, TEAMS_REQUESTS_PER_SECOND: ' 30 ' }, 'teams')).toMatchObject({ requestsPerSecond: 30 });
    const matrix = { MATRIX_HOMESERVER_URL: 'https://matrix.example.org', MATRIX_ACCESS_TOKEN: 'syt_x', MATRIX_USER_ID: '@kohort:example.org' };
    expect(readConfig(matrix)).toMatchObject({ matrixEnabled: true, playgroundEnabled: false });
    expect(settings(matrix, 'matrix')).toMatchObject({ sendsPerSecond: 10, homeserverUrl: 'https://matrix.example.org', userId: '@kohort:example.org' });
    expect(readConfig({}).matrixEnabled).toBe(false);
  });

  it('stops the real process with exit code 2 and a single line on stderr', async () => {
    const child = runKohort({ PORT: 'not-a-port' });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    expect(await exited(child)).toBe(2);
    expect(stderr.trim().split('\n')).toEqual(['kohort: invalid configuration: PORT must be a port number (got "not-a-port")']);
  });
});
