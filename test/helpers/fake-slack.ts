// A stand-in for Slack's servers, on 127.0.0.1: the Web API (POST /api/<method>), the
// response_url endpoint (POST /response/<id>), and signed delivery of requests to
// kohort. It records every call so tests can check exactly what kohort asked of Slack,
// and it can be told to answer 429 with Retry-After or ok:false errors.
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { RateWindows } from './rate-window.js';

export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  token?: string;
}

export interface FakeUser {
  id: string;
  name?: string;
  email?: string;
  locale?: string;
  isBot?: boolean;
}

type Scripted = { status: 429; retryAfter: number } | { status: 200; error: string };

export const BOT = { userId: 'UKOHORT', botId: 'BKOHORT', teamId: 'T111' };

export class FakeSlack {
  readonly calls: RecordedCall[] = [];
  readonly responses: { id: string; body: Record<string, unknown> }[] = [];
  /** Files sent to upload URLs, by the file id Slack handed out. */
  readonly uploads = new Map<string, Buffer>();
  /** Messages Slack accepted, per channel (429s not counted). */
  readonly posted = new Map<string, number>();
  /** chat.postMessage calls refused with 429 by the rate limits below. */
  throttled = 0;
  /** When each accepted chat.postMessage arrived (ms since the epoch), for counting over windows. */
  readonly postedAt: number[] = [];
  /** When each chat.postMessage arrived, refused ones included: what kohort tried to send. */
  readonly postAttemptsAt: number[] = [];
  /** Called with each accepted chat.postMessage (a benchmark timing answers). */
  onPosted?: (args: Record<string, unknown>) => void;
  /** Told of every Web API call as it arrives (a benchmark timing answers without scanning `calls`). */
  onCall?: (call: RecordedCall) => void;
  /** When set, chat.postMessage is limited like Slack's: per channel and workspace-wide. */
  private postLimits?: { perChannel: RateWindows; workspace: RateWindows };
  private readonly users = new Map<string, FakeUser>();
  private readonly scripted = new Map<string, Scripted[]>();
  private readonly waiters: { predicate: () => boolean; resolve: () => void }[] = [];
  private readonly gates = new Map<string, Promise<void>>();
  private server?: http.Server;
  private nextTs = 1;
  private sockets?: WebSocketServer;
  private socket?: WebSocket;
  private readonly acks = new Map<string, (payload: unknown) => void>();
  private socketConnected?: () => void;
  url = '';

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    // Socket Mode: apps.connections.open hands out ws://…/socket on this same server.
    this.sockets = new WebSocketServer({ server: this.server, path: '/socket' });
    this.sockets.on('connection', (socket) => {
      this.socket = socket;
      socket.on('message', (data) => {
        const message = JSON.parse(String(data)) as { envelope_id: string; payload?: unknown };
        this.acks.get(message.envelope_id)?.(message.payload);
        this.acks.delete(message.envelope_id);
      });
      socket.send(JSON.stringify({ type: 'hello', num_connections: 1 }));
      this.socketConnected?.();
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const client of this.sockets?.clients ?? []) client.terminate();
    this.sockets?.close();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  addUser(user: FakeUser): void {
    this.users.set(user.id, user);
  }

  /** Calls of `method` get no answer until the returned function is called (a slow Slack). */
  hold(method: string): () => void {
    let release!: () => void;
    this.gates.set(method, new Promise<void>((resolve) => (release = resolve)));
    return () => {
      this.gates.delete(method);
      release();
    };
  }

  /**
   * Enforces Slack's posting limits on chat.postMessage: one a second per channel, and a
   * workspace-wide limit (Slack publishes no number; "several hundred a minute").
   */
  limitPosting(workspacePerSecond: number): this {
    this.postLimits = { perChannel: new RateWindows([[1, 1000]]), workspace: new RateWindows([[workspacePerSecond, 1000]]) };
    return this;
  }

  /** The next `times` calls of `method` answer with this instead of success. */
  script(method: string, answer: Scripted, times = 1): void {
    const queue = this.scripted.get(method) ?? [];
    for (let i = 0; i < times; i += 1) queue.push(answer);
    this.scripted.set(method, queue);
  }

  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Calls other than the lookups kohort makes on every request (profiles, identity). */
  sends(): RecordedCall[] {
    return this.calls.filter((c) => !['users.info', 'auth.test', 'conversations.open'].includes(c.method));
  }

  /** Resolves once `predicate` holds for what was recorded; rejects after `ms` so a broken test fails instead of hanging. */
  waitUntil(predicate: () => boolean, ms = 10_000): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`fake Slack: condition not met within ${ms} ms; calls: ${this.calls.map((c) => c.method).join(', ')}`)), ms);
      this.waiters.push({
        predicate,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  /** Resolves when a Socket Mode client is connected and greeted. */
  socketReady(): Promise<void> {
    if (this.socket) return Promise.resolve();
    return new Promise((resolve) => (this.socketConnected = resolve));
  }

  /** Sends an envelope over Socket Mode as Slack does; resolves with the client's ack payload. */
  sendEnvelope(type: 'events_api' | 'slash_commands' | 'interactive', payload: unknown, envelopeId: string): Promise<unknown> {
    if (!this.socket) throw new Error('no Socket Mode client connected');
    const acked = new Promise<unknown>((resolve) => this.acks.set(envelopeId, resolve));
    this.socket.send(JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: type !== 'events_api', retry_attempt: 0 }));
    return acked;
  }

  /** A response_url that points back at this server. */
  responseUrl(id: string): string {
    return `${this.url}/response/${id}`;
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) {
      if (waiter.predicate()) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    if (url.pathname.startsWith('/upload/')) {
      this.uploads.set(url.pathname.slice('/upload/'.length), await readBytes(req));
      res.writeHead(200, { 'content-type': 'text/plain' }).end('OK');
      this.notify();
      return;
    }
    const raw = await readBody(req);
    if (url.pathname.startsWith('/response/')) {
      this.responses.push({ id: url.pathname.slice('/response/'.length), body: JSON.parse(raw) as Record<string, unknown> });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      this.notify();
      return;
    }
    if (!url.pathname.startsWith('/api/')) {
      res.writeHead(404).end();
      return;
    }
    const method = url.pathname.slice('/api/'.length);
    const args = parseArgs(raw, req.headers['content-type'] ?? '');
    const token = req.headers.authorization?.replace(/^Bearer /, '');
    const call = { method, args, token };
    this.calls.push(call);
    this.onCall?.(call);
    this.notify();
    await this.gates.get(method);
    if (method === 'chat.postMessage') this.postAttemptsAt.push(Date.now());
    const limits = method === 'chat.postMessage' ? this.postLimits : undefined;
    if (limits && !(limits.workspace.allow('workspace') && limits.perChannel.allow(String(args.channel)))) {
      this.throttled += 1;
      res.writeHead(429, { 'retry-after': '1', 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    const scripted = this.scripted.get(method)?.shift();
    if (scripted?.status === 429) {
      res.writeHead(429, { 'retry-after': String(scripted.retryAfter), 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: 'ratelimited' }));
    } else if (scripted) {
      json(res, { ok: false, error: scripted.error });
    } else {
      json(res, this.answer(method, args));
    }
    this.notify();
  }

  private answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return { ok: true, user_id: BOT.userId, bot_id: BOT.botId, team_id: BOT.teamId, url: 'https://example.slack.com/' };
      case 'users.info': {
        const user = this.users.get(String(args.user));
        if (!user) return { ok: false, error: 'user_not_found' };
        return {
          ok: true,
          user: { id: user.id, name: user.name, real_name: user.name, is_bot: user.isBot ?? false, locale: user.locale, profile: { display_name: user.name, email: user.email } },
        };
      }
      case 'users.lookupByEmail': {
        const user = [...this.users.values()].find((u) => u.email === args.email);
        return user ? { ok: true, user: { id: user.id } } : { ok: false, error: 'users_not_found' };
      }
      case 'conversations.open':
        return { ok: true, channel: { id: `D-${String(args.users)}` } };
      case 'chat.postMessage':
        this.posted.set(String(args.channel), (this.posted.get(String(args.channel)) ?? 0) + 1);
        this.postedAt.push(Date.now());
        this.onPosted?.(args);
        return { ok: true, channel: args.channel, ts: `1700000000.${String(this.nextTs++).padStart(6, '0')}` };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `1700000000.${String(this.nextTs++).padStart(6, '0')}` };
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts };
      case 'files.getUploadURLExternal': {
        const id = `F${String(this.nextTs++).padStart(6, '0')}`;
        return { ok: true, upload_url: `${this.url}/upload/${id}`, file_id: id };
      }
      case 'files.completeUploadExternal':
        return { ok: true, files: typeof args.files === 'string' ? (JSON.parse(args.files) as unknown[]) : args.files };
      case 'apps.connections.open':
        return { ok: true, url: `${this.url.replace('http', 'ws')}/socket` };
      case 'views.open':
      case 'views.publish':
        return { ok: true, view: { id: 'V-fake' } };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }
}

/** Headers Slack would send with `body`, signed with `secret` at `timestamp` (seconds). */
export function slackSignature(secret: string, body: string, timestamp: number): { 'x-slack-request-timestamp': string; 'x-slack-signature': string } {
  const signature = createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': `v0=${signature}` };
}

export interface DeliverOptions {
  secret: string;
  contentType?: 'application/json' | 'application/x-www-form-urlencoded';
  timestamp?: number;
  signature?: string;
  retryNum?: number;
}

/** Sends `body` to kohort's /slack/events exactly as Slack does: raw bytes, signed. */
export async function deliver(kohortUrl: string, body: string, options: DeliverOptions): Promise<{ status: number; text: string }> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signed = slackSignature(options.secret, body, timestamp);
  const response = await fetch(`${kohortUrl}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': options.contentType ?? 'application/json',
      ...signed,
      ...(options.signature ? { 'x-slack-signature': options.signature } : {}),
      ...(options.retryNum ? { 'x-slack-retry-num': String(options.retryNum), 'x-slack-retry-reason': 'http_timeout' } : {}),
    },
    body,
  });
  return { status: response.status, text: await response.text() };
}

/** An interactive payload as Slack posts it: one form field holding the JSON. */
export function interactiveBody(payload: unknown): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

function parseArgs(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.includes('application/json')) return JSON.parse(raw || '{}') as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = /^[[{]/.test(value) ? tryJson(value) : value;
  }
  return args;
}

function tryJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function json(res: http.ServerResponse, body: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function readBytes(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (data += chunk));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}
