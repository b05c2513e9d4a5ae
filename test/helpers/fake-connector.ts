// A stand-in for the Bot Framework connector service (the activity's serviceUrl), on
// 127.0.0.1. Records every activity kohort posts or updates and every conversation it
// opens; can be told to answer 403 or 429 (with Retry-After).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { RateWindows } from './rate-window.js';

export interface ConnectorCall {
  verb: 'send' | 'update' | 'create';
  conversationId: string;
  activityId?: string;
  body: Record<string, any>;
}

type Scripted = { status: 403 | 404 | 500 } | { status: 429; retryAfter: number };

export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  private readonly scripted: Scripted[] = [];
  /** Requests refused with 429 by the rate limits below. */
  throttled = 0;
  /** When each request past the rate limits arrived (ms since the epoch), for counting over windows. */
  readonly acceptedAt: number[] = [];
  /** Called with each activity sent (a benchmark timing answers). */
  onSent?: (call: ConnectorCall) => void;
  private limits?: { perConversation: RateWindows; global: RateWindows };
  private readonly waiters: { predicate: () => boolean; resolve: () => void }[] = [];
  private server?: http.Server;
  private nextId = 1;
  url = '';

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /**
   * Enforces Teams' published bot limits: per conversation 7 a second, 8 in 2 s, 60 in 30 s,
   * 1,800 an hour; and 50 requests a second for the app in a tenant.
   */
  limitLikeTeams(): this {
    this.limits = {
      perConversation: new RateWindows([
        [7, 1000],
        [8, 2000],
        [60, 30_000],
        [1800, 3_600_000],
      ]),
      global: new RateWindows([[50, 1000]]),
    };
    return this;
  }

  /** The next `times` requests answer with this status instead of success. */
  script(answer: Scripted, times = 1): void {
    for (let i = 0; i < times; i += 1) this.scripted.push(answer);
  }

  sent(): ConnectorCall[] {
    return this.calls.filter((c) => c.verb === 'send');
  }

  /** The Adaptive Card of a recorded activity. */
  static cardOf(call: Pick<ConnectorCall, 'body'>): Record<string, any> {
    return call.body.attachments?.[0]?.content ?? {};
  }

  waitUntil(predicate: () => boolean, ms = 10_000): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`fake connector: condition not met; calls: ${this.calls.map((c) => c.verb).join(', ')}`)), ms);
      this.waiters.push({ predicate, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const raw = await new Promise<string>((resolve) => {
      let data = '';
      req.on('data', (c: Buffer) => (data += c.toString()));
      req.on('end', () => resolve(data));
    });
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const conversation = /\/v3\/conversations\/([^/]+)/.exec(path)?.[1] ?? 'new';
    if (this.limits && !(this.limits.global.allow('app') && this.limits.perConversation.allow(conversation))) {
      this.throttled += 1;
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' }).end(JSON.stringify({ error: { code: 'Throttled', message: 'rate limit' } }));
      return;
    }
    this.acceptedAt.push(Date.now());
    const scripted = this.scripted.shift();
    if (scripted) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (scripted.status === 429) headers['retry-after'] = String(scripted.retryAfter);
      res.writeHead(scripted.status, headers).end(JSON.stringify({ error: { code: scripted.status === 403 ? 'BotNotInConversationRoster' : 'Throttled', message: 'scripted' } }));
      this.calls.push({ verb: 'send', conversationId: 'refused', body: { status: scripted.status } });
      this.notify();
      return;
    }
    const body = raw ? (JSON.parse(raw) as Record<string, any>) : {};
    const create = /\/v3\/conversations$/.exec(path);
    const activity = /\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path);
    if (create && req.method === 'POST') {
      const member = String(body.members?.[0]?.id ?? 'someone');
      const id = `a:opened-${member}`;
      this.calls.push({ verb: 'create', conversationId: id, body });
      json(res, 201, { id, activityId: '' });
    } else if (activity && req.method === 'PUT') {
      this.calls.push({ verb: 'update', conversationId: activity[1]!, activityId: activity[2], body });
      json(res, 200, { id: activity[2] });
    } else if (activity && req.method === 'POST') {
      const id = `act-${this.nextId++}`;
      const call: ConnectorCall = { verb: 'send', conversationId: activity[1]!, activityId: id, body };
      this.calls.push(call);
      this.onSent?.(call);
      json(res, 201, { id });
    } else {
      json(res, 404, { error: { code: 'NotFound', message: path } });
    }
    this.notify();
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) {
      if (waiter.predicate()) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  }
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
