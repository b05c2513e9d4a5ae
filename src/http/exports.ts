// Downloads of files facilitators asked for (`/exports/<id>`). The id is a random UUID
// handed out in a private chat answer, the content holds aggregates only, and it expires.
import express, { type Router } from 'express';
import type { Clock } from '../core/clock.js';
import type { ExportStore } from '../domain/ports.js';

export function exportsRouter(store: ExportStore, clock: Clock): Router {
  const router = express.Router();
  router.get('/exports/:id', async (req, res) => {
    const file = await store.find(req.params.id, clock.now());
    if (!file) return void res.status(404).json({ error: 'not found or expired' });
    res.setHeader('content-type', file.contentType);
    res.setHeader('content-disposition', `attachment; filename="${file.filename.replace(/[^\w.-]/g, '_')}"`);
    res.setHeader('cache-control', 'private, no-store');
    // The stored bytes as they are (a Buffer, not a string, so nothing re-encodes them).
    res.send(Buffer.from(file.content));
  });
  return router;
}
