// kohort's one HTTP server. Platform adapters and the playground mount their routes
// here (/slack/events, /api/messages, /); this file only adds health and readiness.
import http from 'node:http';
import express, { type Router } from 'express';
import type { Logger } from '../core/logger.js';

export interface HttpServerOptions {
  /** Readiness: is the database reachable? */
  ready(): Promise<boolean>;
  mounts: Router[];
  logger: Logger;
}

export function createHttpServer(options: HttpServerOptions): http.Server {
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
  return http.createServer(app);
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
