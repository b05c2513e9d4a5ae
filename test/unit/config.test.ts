import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config.js';
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
    [{ SLACK_BOT_TOKEN: 'xoxp-user-token', SLACK_SIGNING_SECRET: 's' }, 'SLACK_BOT_TOKEN must be a bot token starting with xoxb- (got "xoxp-user-token")'],
    [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xoxb-2' }, 'SLACK_APP_TOKEN must be an app-level token starting with xapp- (got "xoxb-2")'],
    [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_API_URL: 'ftp://x' }, 'SLACK_API_URL must be an http(s) URL (got "ftp://x")'],
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, 'SLACK_SIGNING_SECRET is required with SLACK_BOT_TOKEN (or set SLACK_APP_TOKEN for Socket Mode)'],
    [{ SLACK_SIGNING_SECRET: 's' }, 'SLACK_BOT_TOKEN is required when other SLACK_ variables are set'],
  ])('rejects %o with one line naming the variable', (env, message) => {
    expect(() => readConfig(env)).toThrow(expect.objectContaining({ code: 'config_invalid', message }));
  });

  it('treats an empty DATABASE_URL as unset and turns the playground off when a platform is configured', () => {
    expect(readConfig({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
    const slack = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret' };
    expect(readConfig(slack)).toMatchObject({ playgroundEnabled: false, slackEnabled: true });
    expect(readConfig({ ...slack, PLAYGROUND: 'on' }).playgroundEnabled).toBe(true);
    expect(readConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).slackEnabled).toBe(true);
    expect(readConfig({ MICROSOFT_APP_ID: 'id' }).playgroundEnabled).toBe(false);
    expect(readConfig({}).slackEnabled).toBe(false);
  });

  it('stops the real process with exit code 2 and a single line on stderr', async () => {
    const child = runKohort({ PORT: 'not-a-port' });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    expect(await exited(child)).toBe(2);
    expect(stderr.trim().split('\n')).toEqual(['kohort: invalid configuration: PORT must be a port number (got "not-a-port")']);
  });
});
