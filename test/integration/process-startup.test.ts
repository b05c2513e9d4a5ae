// The process as a person starts it: a port already in use is one line before anything
// slow happens, and the playground — which lets anyone act as any person — is only open on
// this machine, or to whoever presents PLAYGROUND_TOKEN. "A reachable HOST" is 0.0.0.0
// here; the tests still connect through 127.0.0.1.
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/database.js';
import { exited, ROOT, runKohort, startKohortProcess, type KohortProcess } from '../helpers/kohort-process.js';

const TOKEN = 'pl4yground-T0ken_for.tests~x';
const dataDir = tempDir('kohort-startup-');
let running: KohortProcess | undefined;

afterAll(async () => {
  await running?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The lines a person reads: everything on stderr that is not a JSON log entry. */
const plainLines = (output: string) =>
  output
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.startsWith('kohort:'));

describe('a port already in use', () => {
  it('is one line and exit code 1, before the database is opened or the demo imported', async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as net.AddressInfo).port;
    const fresh = tempDir('kohort-port-');
    try {
      const child = runKohort({ PORT: String(port), DATA_DIR: fresh });
      let stdout = '';
      let stderr = '';
      child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      expect(await exited(child)).toBe(1);
      expect(stderr.trim().split('\n')).toEqual([`kohort: port ${port} on 127.0.0.1 is already in use by another program: stop it, or choose another port with PORT (PORT=0 takes any free one)`]);
      expect(stdout).not.toMatch(/migration|demo program imported|"level":60/);
      expect(existsSync(path.join(fresh, 'pglite'))).toBe(false);
    } finally {
      holder.close();
      rmSync(fresh, { recursive: true, force: true });
    }
  });
});

describe('the playground on a HOST other machines can reach', () => {
  it('is off without PLAYGROUND_TOKEN, and the terminal is told why', async () => {
    running = await startKohortProcess({ DATA_DIR: dataDir, HOST: '0.0.0.0' });
    expect(running.output()).toContain('"playground":false');
    await expect.poll(() => plainLines(running!.output())).toEqual(['kohort: playground off: HOST=0.0.0.0 accepts connections from other machines; set PLAYGROUND_TOKEN to use the playground there']);
    for (const route of ['/', '/playground/api/people', '/playground/api/conversations/demo-host%2Fsara/messages', '/playground/static/app.js']) {
      expect((await fetch(`${running.url}${route}`)).status, route).toBe(404);
    }
    const post = await fetch(`${running.url}/playground/api/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ as: 'demo-host/sara', kind: 'message', text: 'hjälp' }),
    });
    expect(post.status).toBe(404);
    expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
    expect(await running.stop()).toBe(0);
  });

  it('with PLAYGROUND_TOKEN, answers only requests that present it, and never prints it to a log', async () => {
    running = await startKohortProcess({ DATA_DIR: dataDir, HOST: '0.0.0.0', PLAYGROUND_TOKEN: TOKEN });
    const base = running.url;
    await expect
      .poll(() => plainLines(running!.output()))
      .toEqual([`kohort: playground at http://localhost:${running.port}/ – add ?token=<PLAYGROUND_TOKEN> to open it (the full address is printed only to a terminal)`]);

    // Without the token: the page, its files, its API and its event stream all refuse.
    const guarded = [
      '/',
      '/favicon.ico',
      '/playground/static/app.js',
      '/playground/api/people',
      '/playground/api/texts/sv',
      '/playground/api/conversations/demo-host%2Fsara/messages',
      '/playground/api/stream?as=demo-host%2Fsara',
    ];
    for (const route of guarded) expect((await fetch(`${base}${route}`)).status, route).toBe(401);
    const refused = await fetch(`${base}/`);
    expect(refused.status).toBe(401);
    expect(await refused.text()).toContain('?token=<PLAYGROUND_TOKEN>');
    const inbound = (headers: Record<string, string>) =>
      fetch(`${base}/playground/api/inbound`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ as: 'demo-host/sara', kind: 'message', text: 'hjälp' }),
      });
    expect((await inbound({})).status).toBe(401);
    expect((await inbound({ authorization: `Bearer ${TOKEN}x` })).status).toBe(401);
    expect((await inbound({ cookie: `kohort_playground=${TOKEN.slice(0, -1)}` })).status).toBe(401);
    expect((await fetch(`${base}/?token=${TOKEN}x`, { redirect: 'manual' })).status).toBe(401);

    // The address with the token swaps it for an HttpOnly cookie and sends the browser to the bare address.
    const opened = await fetch(`${base}/?token=${TOKEN}`, { redirect: 'manual' });
    expect(opened.status).toBe(303);
    expect(opened.headers.get('location')).toBe('/');
    const setCookie = opened.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^kohort_playground=[^;]+; Path=\/; HttpOnly; SameSite=Lax$/);
    const cookie = setCookie.split(';')[0]!;
    for (const route of guarded.slice(0, -1)) expect((await fetch(`${base}${route}`, { headers: { cookie } })).status, route).toBe(200);
    const stream = new AbortController();
    const events = await fetch(`${base}/playground/api/stream?as=demo-host%2Fsara`, { headers: { cookie }, signal: stream.signal });
    expect(events.status).toBe(200);
    expect(events.headers.get('content-type')).toBe('text/event-stream');
    stream.abort();
    expect((await inbound({ cookie })).status).toBe(200);
    expect((await inbound({ authorization: `Bearer ${TOKEN}` })).status).toBe(200);

    // Everything that is not the playground is as before.
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    expect((await fetch(`${base}/exports/00000000-0000-4000-8000-000000000000`)).status).toBe(404);

    expect(await running.stop()).toBe(0);
    expect(running.output()).not.toContain(TOKEN);
  });

  it('gives a person at a terminal the address with the token, as one plain line', async () => {
    // `script` runs kohort on a pseudo-terminal, as a shell would.
    const command = [process.execPath, '--import', 'tsx', 'adapters/main.ts'].join(' ');
    const child = spawn('script', ['-qfec', command, '/dev/null'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', PORT: '0', DATA_DIR: dataDir, HOST: '0.0.0.0', PLAYGROUND_TOKEN: TOKEN, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const line = await new Promise<string>((resolve, reject) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const found = plainLines(output).find((l) => l.startsWith('kohort: playground'));
        if (found) resolve(found);
      });
      child.once('exit', (code) => reject(new Error(`kohort exited with ${code}:\n${output}`)));
    });
    child.kill('SIGTERM');
    await exited(child);
    expect(line).toMatch(new RegExp(`^kohort: playground at http://localhost:\\d+/\\?token=${TOKEN.replace(/[.~]/g, '\\$&')}$`));
  });
});
