// kohort's own HTTP server (health, readiness, 404 and error handling included) with one
// adapter's routes mounted, on 127.0.0.1 and a free port: the real receiving path.
import type { Router } from 'express';
import { createLogger } from '../../../src/core/logger.js';
import { createHttpServer, listen } from '../../../src/http/server.js';

export interface Served {
  url: string;
  close(): Promise<void>;
}

export async function serve(routes: Router | undefined): Promise<Served> {
  const server = createHttpServer({ ready: async () => true, mounts: routes ? [routes] : [], logger: createLogger('silent') });
  const port = await listen(server, 0, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
