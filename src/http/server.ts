// kohort's one HTTP server. Platform adapters and the playground mount their routes
// here (/slack/events, /api/messages, /); this file only adds health and readiness.
import http from 'node:http';
import express, { type Router } from 'express';
import { KohortError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';

export interface HttpServerOptions {
  /** Readiness: is the database reachable? */
  ready(): Promise<boolean>;
  mounts: Router[];
  logger: Logger;
}

export function createHttpApp(options: HttpServerOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const ready = await options.ready();
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'database unreachable' });
  });
  for (const mount of options.mounts) app.use(mount);
  app.use((_req, res) => {
    res.status(404).json({ error: 'not found' });
  });
  // Malformed JSON and other request errors: a clean 4xx, logged without the body.
  app.use((error: Error & { status?: number; type?: string }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status >= 500) options.logger.error({ err: error }, 'request failed');
    res.status(status).json({ error: status === 500 ? 'internal error' : (error.type ?? 'bad request') });
  });
  return app;
}

export function createHttpServer(options: HttpServerOptions): http.Server {
  return http.createServer(createHttpApp(options));
}

export function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

export interface BoundServer {
  server: http.Server;
  port: number;
  /** From now on requests go to `app`; until then /healthz says ok and everything else 503. */
  serve(app: http.RequestListener): void;
}

/**
 * Takes the port before anything slow or lasting happens (opening and migrating the
 * database, importing the demo): a port in use is one clear line at once, and the port is
 * held while kohort starts. Requests that arrive meanwhile are told to come back.
 */
export async function bindHttpServer(port: number, host: string): Promise<BoundServer> {
  let handler: http.RequestListener = starting;
  const server = http.createServer((req, res) => handler(req, res));
  try {
    const bound = await listen(server, port, host);
    return { server, port: bound, serve: (app) => void (handler = app) };
  } catch (error) {
    throw listenError(error as NodeJS.ErrnoException, port, host);
  }
}

function starting(req: http.IncomingMessage, res: http.ServerResponse): void {
  const healthy = req.url === '/healthz';
  res.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json', ...(healthy ? {} : { 'retry-after': '2' }) });
  res.end(JSON.stringify({ status: healthy ? 'ok' : 'starting' }));
}

/** The reasons a person can act on, in words; anything else stays as it was. */
function listenError(error: NodeJS.ErrnoException, port: number, host: string): Error {
  switch (error.code) {
    case 'EADDRINUSE':
      return new KohortError('port_unavailable', `port ${port} on ${host} is already in use by another program: stop it, or choose another port with PORT (PORT=0 takes any free one)`, {
        cause: error,
      });
    case 'EADDRNOTAVAIL':
      return new KohortError('config_invalid', `HOST ${host} is not an address of this machine (127.0.0.1 for this machine only, 0.0.0.0 for every interface)`, { cause: error });
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new KohortError('config_invalid', `HOST ${host} is not a name this machine can resolve (127.0.0.1 for this machine only, 0.0.0.0 for every interface)`, { cause: error });
    default:
      return error;
  }
}
