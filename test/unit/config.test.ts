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
  ])('rejects %o with one line naming the variable', (env, message) => {
    expect(() => readConfig(env)).toThrow(expect.objectContaining({ code: 'config_invalid', message }));
  });

  it('treats an empty DATABASE_URL as unset and turns the playground off when a platform is configured', () => {
    expect(readConfig({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
    expect(readConfig({ SLACK_BOT_TOKEN: 'xoxb-1' }).playgroundEnabled).toBe(false);
    expect(readConfig({ SLACK_BOT_TOKEN: 'xoxb-1', PLAYGROUND: 'on' }).playgroundEnabled).toBe(true);
  });

  it('stops the real process with exit code 2 and a single line on stderr', async () => {
    const child = runKohort({ PORT: 'not-a-port' });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    expect(await exited(child)).toBe(2);
    expect(stderr.trim().split('\n')).toEqual(['kohort: invalid configuration: PORT must be a port number (got "not-a-port")']);
  });
});
