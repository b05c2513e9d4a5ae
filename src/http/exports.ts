// Downloads (`/exports/<id>`): a facilitator's CSV, or a person's own data (`mina data`). The
// id is a random UUID handed out only in a private chat answer, and the file expires.
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
