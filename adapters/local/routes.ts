// HTTP side of the playground: the page, its API, and a server-sent-event stream.
// Input is parsed with zod at the edge; anything malformed is a clean 400. With a token
// (PLAYGROUND_TOKEN), every one of them asks for it first (access.ts).
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import type { InboundSink } from '../../src/core/adapter.js';
import type { Clock } from '../../src/core/clock.js';
import type { InboundEvent } from '../../src/core/events.js';
import type { PlatformChannel, PlatformPerson } from '../../src/domain/ports.js';
import { fromRoot } from '../../src/project-root.js';
import { playgroundGuard } from './access.js';
import { channelKey, dmKey, dmReference } from './local-adapter.js';
import type { Transcript, TranscriptEntry } from './transcript.js';

const PUBLIC_DIR = fromRoot('adapters', 'local', 'public');

export interface PlaygroundDeps {
  transcript: Transcript;
  sink: InboundSink;
  clock: Clock;
  listPeople(): Promise<PlatformPerson[]>;
  listChannels(): Promise<PlatformChannel[]>;
  texts(locale: 'sv' | 'en'): Record<string, string>;
  /** PLAYGROUND_TOKEN: when set, every playground request must present it. */
  token?: string;
}

const userId = z
  .string()
  .trim()
  .min(1)
  .max(120)
  .regex(/^[\w./:-]+$/, 'letters, digits and ./:-_ only');
const base = { as: userId, name: z.string().trim().max(80).optional(), eventId: z.string().uuid().optional() };
const inboundSchema = z.discriminatedUnion('kind', [
  z.object({ ...base, kind: z.literal('message'), text: z.string().min(1).max(20_000) }),
  z.object({ ...base, kind: z.literal('action'), actionId: z.string().min(1).max(255), value: z.string().max(2000), messageId: z.string().max(100).optional() }),
  z.object({ ...base, kind: z.literal('form'), formId: z.string().min(1).max(255), values: z.record(z.string(), z.string().max(20_000)), messageId: z.string().max(100).optional() }),
]);

export function playgroundRouter(deps: PlaygroundDeps): Router {
  const router = express.Router();
  // Both languages: who arrives without the token has not chosen one yet.
  const guard = playgroundGuard(deps.token, () => `${deps.texts('sv').token_required}\n${deps.texts('en').token_required}\n`);
  router.get('/', guard.page, (_req, res) => res.sendFile(path.join(PUBLIC_DIR, 'index.html')));
  // Only the playground's own paths: the router is mounted at the root, next to /exports and the webhooks.
  router.use(['/playground', '/favicon.ico'], guard.rest);
  // Browsers and tools ask for /favicon.ico whatever the page declares.
  router.get('/favicon.ico', (_req, res) => res.sendFile(path.join(PUBLIC_DIR, 'favicon.ico')));
  router.use('/playground/static', express.static(PUBLIC_DIR, { index: false }));

  router.get('/playground/api/people', async (_req, res) => {
    res.json({ people: await deps.listPeople() });
  });

  router.get('/playground/api/channels', async (_req, res) => {
    res.json({ channels: await deps.listChannels() });
  });

  // Channels are read-only in the playground: kohort posts there (summaries, broadcasts); people talk to it in DMs.
  router.get('/playground/api/channels/:channel/messages', (req, res) => {
    const parsed = userId.safeParse(req.params.channel);
    if (!parsed.success) return void res.status(400).json({ error: 'invalid channel id' });
    res.json({ messages: deps.transcript.list(channelKey(parsed.data)) });
  });

  router.get('/playground/api/texts/:locale', (req, res) => {
    const locale = req.params.locale === 'en' ? 'en' : 'sv';
    res.json(deps.texts(locale));
  });

  router.get('/playground/api/conversations/:as/messages', (req, res) => {
    const parsed = userId.safeParse(req.params.as);
    if (!parsed.success) return void res.status(400).json({ error: 'invalid user id' });
    res.json({ messages: deps.transcript.list(dmKey(parsed.data)) });
  });

  router.post('/playground/api/inbound', express.json({ limit: '64kb' }), async (req, res) => {
    const parsed = inboundSchema.safeParse(req.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return void res.status(400).json({ error: `${issue?.path.join('.') || 'body'}: ${issue?.message}` });
    }
    const input = parsed.data;
    const event = toEvent(input, deps.clock.now());
    if (input.kind === 'message') {
      deps.transcript.add({ id: event.eventId, conversation: dmKey(input.as), from: 'person', author: input.as, at: event.receivedAt.toISOString(), text: input.text });
    }
    await deps.sink.receive(event);
    res.json({ ok: true, eventId: event.eventId });
  });

  router.get('/playground/api/stream', (req: Request, res: Response) => {
    const channel = req.query.channel === undefined ? undefined : userId.safeParse(req.query.channel);
    const parsed = channel ?? userId.safeParse(req.query.as);
    if (!parsed.success) return void res.status(400).json({ error: channel ? 'invalid channel id' : 'invalid user id' });
    const conversation = channel ? channelKey(parsed.data) : dmKey(parsed.data);
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.write(': connected\n\n');
    const onEntry = (entry: TranscriptEntry) => {
      if (entry.conversation === conversation) res.write(`event: entry\ndata: ${JSON.stringify(entry)}\n\n`);
    };
    deps.transcript.on('entry', onEntry);
    req.on('close', () => deps.transcript.off('entry', onEntry));
  });

  return router;
}

function toEvent(input: z.infer<typeof inboundSchema>, now: Date): InboundEvent {
  const common = {
    eventId: input.eventId ?? randomUUID(),
    actor: { platform: 'local' as const, userId: input.as, displayName: input.name },
    conversation: dmReference(input.as),
    receivedAt: now,
  };
  switch (input.kind) {
    case 'message':
      return { ...common, type: 'message', text: input.text };
    case 'action':
      return { ...common, type: 'action', actionId: input.actionId, value: input.value, messageId: input.messageId };
    case 'form':
      return { ...common, type: 'form', formId: input.formId, values: input.values, messageId: input.messageId };
  }
}
