// The playground is a tool for this machine: who may use it, decided from HOST and
// PLAYGROUND_TOKEN, and the line a person at the terminal reads at start-up.
import { describe, expect, it } from 'vitest';
import { isLoopbackHost, sameToken } from '../../adapters/local/access.js';
import { playgroundStartupLines } from '../../adapters/local/integration.js';
import { readKohortConfig as readConfig } from '../../adapters/platforms.js';

const TOKEN = 'x7Kq-2mWz_9pLr.Tv~4e';

describe('playground access', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.10.0.1', true],
    ['localhost', true],
    ['::1', true],
    ['[::1]', true],
    ['::ffff:127.0.0.1', true],
    ['0.0.0.0', false],
    ['::', false],
    ['192.168.1.20', false],
    ['kohort.example.org', false],
  ])('HOST %s is loopback: %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });

  it('is on by default on this machine, off on a reachable HOST without a token, on with one', () => {
    expect(readConfig({}).playgroundEnabled).toBe(true);
    expect(readConfig({ HOST: '0.0.0.0' }).playgroundEnabled).toBe(false);
    expect(readConfig({ HOST: '::' }).playgroundEnabled).toBe(false);
    expect(readConfig({ HOST: '0.0.0.0', PLAYGROUND_TOKEN: TOKEN }).playgroundEnabled).toBe(true);
    // A token also guards it on this machine; `off` stays off.
    expect(readConfig({ PLAYGROUND_TOKEN: TOKEN }).playgroundEnabled).toBe(true);
    expect(readConfig({ HOST: '0.0.0.0', PLAYGROUND_TOKEN: TOKEN, PLAYGROUND: 'off' }).playgroundEnabled).toBe(false);
  });

  it('refuses PLAYGROUND=on on a reachable HOST without a token, and a weak token without repeating it', () => {
    expect(() => readConfig({ HOST: '0.0.0.0', PLAYGROUND: 'on' })).toThrow(
      expect.objectContaining({
        code: 'config_invalid',
        message: 'PLAYGROUND_TOKEN is required for PLAYGROUND=on with HOST=0.0.0.0, which other machines can reach: anyone there could act as any person',
      }),
    );
    for (const weak of ['short-secret', 'sixteen chars with spaces', 'åäöåäöåäöåäöåäöåäö']) {
      let message = '';
      try {
        readConfig({ PLAYGROUND_TOKEN: weak });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/^PLAYGROUND_TOKEN must be 16 to 200 characters/);
      expect(message).not.toContain(weak);
    }
  });

  it('compares tokens whole, whatever their length', () => {
    expect(sameToken(TOKEN, TOKEN)).toBe(true);
    expect(sameToken(`${TOKEN}x`, TOKEN)).toBe(false);
    expect(sameToken(TOKEN.slice(0, -1), TOKEN)).toBe(false);
    expect(sameToken('', TOKEN)).toBe(false);
    expect(sameToken(undefined, TOKEN)).toBe(false);
  });
});

describe('the playground line at start-up', () => {
  const base = 'http://localhost:3978';

  it('gives the address, with the token only to a terminal', () => {
    expect(playgroundStartupLines(readConfig({}), base, false)).toEqual(['kohort: playground at http://localhost:3978/']);
    const guarded = readConfig({ HOST: '0.0.0.0', PLAYGROUND_TOKEN: TOKEN });
    expect(playgroundStartupLines(guarded, base, true)).toEqual([`kohort: playground at http://localhost:3978/?token=${TOKEN}`]);
    const piped = playgroundStartupLines(guarded, base, false);
    expect(piped).toEqual(['kohort: playground at http://localhost:3978/ – add ?token=<PLAYGROUND_TOKEN> to open it (the full address is printed only to a terminal)']);
    expect(piped.join()).not.toContain(TOKEN);
  });

  it('says why the playground is off on a reachable HOST, and nothing when a real platform runs instead', () => {
    expect(playgroundStartupLines(readConfig({ HOST: '0.0.0.0' }), base, true)).toEqual([
      'kohort: playground off: HOST=0.0.0.0 accepts connections from other machines; set PLAYGROUND_TOKEN to use the playground there',
    ]);
    expect(playgroundStartupLines(readConfig({ HOST: '0.0.0.0', SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }), base, true)).toEqual([]);
    expect(playgroundStartupLines(readConfig({ PLAYGROUND: 'off' }), base, true)).toEqual([]);
  });
});
