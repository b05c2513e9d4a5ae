// kohort takes its port before anything else at start-up: what can go wrong there is said in
// words a person can act on, and requests that arrive while it starts are told to come back.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { bindHttpServer, type BoundServer } from '../../src/http/server.js';

let bound: BoundServer | undefined;
let holder: net.Server | undefined;
afterEach(async () => {
  bound?.server.close();
  holder?.close();
  bound = holder = undefined;
});

describe('binding the HTTP server', () => {
  it('says a port in use in words, as port_unavailable', async () => {
    holder = net.createServer();
    await new Promise<void>((resolve) => holder!.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as net.AddressInfo).port;
    await expect(bindHttpServer(port, '127.0.0.1')).rejects.toMatchObject({
      code: 'port_unavailable',
      message: `port ${port} on 127.0.0.1 is already in use by another program: stop it, or choose another port with PORT (PORT=0 takes any free one)`,
    });
  });

  it('calls a HOST that is not this machine invalid configuration', async () => {
    // 192.0.2.0/24 is reserved for documentation: never an address of this machine.
    await expect(bindHttpServer(0, '192.0.2.1')).rejects.toMatchObject({ code: 'config_invalid', message: expect.stringMatching(/^HOST 192\.0\.2\.1 is not an address of this machine/) });
  });

  it('is healthy but not ready while kohort starts, then serves the app', async () => {
    bound = await bindHttpServer(0, '127.0.0.1');
    const base = `http://127.0.0.1:${bound.port}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const starting = await fetch(`${base}/`);
    expect(starting.status).toBe(503);
    expect(await starting.json()).toEqual({ status: 'starting' });
    bound.serve((_req, res) => res.end('served'));
    expect(await (await fetch(`${base}/`)).text()).toBe('served');
  });
});
