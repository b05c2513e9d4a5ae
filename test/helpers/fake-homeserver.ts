// A stand-in for a Matrix homeserver on 127.0.0.1: the part of the client-server API that
// kohort (through matrix-js-sdk) uses — versions, filters, push rules, long-polled /sync
// with a `since` token, invites and joins, sends (idempotent per transaction id), edits and
// threads as relations, m.direct account data, createRoom, media upload, and refusals
// (M_LIMIT_EXCEEDED with retry_after_ms, M_FORBIDDEN…). Event shapes follow the examples in
// the Matrix specification (https://spec.matrix.org/v1.16/client-server-api/).
// Tests play the people: they create rooms, invite kohort, write, leave.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const SERVER = 'example.org';

import { initialSync, incrementalSync, membershipOf, type MatrixEventJson, type Room, type Streamed } from './fake-homeserver-sync.js';

export type { MatrixEventJson } from './fake-homeserver-sync.js';

export type Refusal = { status: number; errcode: string; error?: string; retry_after_ms?: number };

export const REFUSALS = {
  forbidden: { status: 403, errcode: 'M_FORBIDDEN', error: 'You are not allowed to send to this room' },
  not_found: { status: 404, errcode: 'M_NOT_FOUND', error: 'Unknown room' },
  rejected: { status: 413, errcode: 'M_TOO_LARGE', error: 'event too large' },
  unauthorized: { status: 401, errcode: 'M_UNKNOWN_TOKEN', error: 'Invalid access token passed.' },
  rate_limited: { status: 429, errcode: 'M_LIMIT_EXCEEDED', error: 'Too many requests', retry_after_ms: 0 },
  transient: { status: 500, errcode: 'M_UNKNOWN', error: 'Internal server error' },
} as const satisfies Record<string, Refusal>;

export class FakeHomeserver {
  readonly botId: string;
  readonly token = 'syt_a29ob3J0_contractToken_0a1b2c';
  url = '';
  /** Every request, "METHOD /path" (the query left off), for checking what the SDK asked. */
  readonly requests: string[] = [];
  /** Sends refused with M_LIMIT_EXCEEDED so far. */
  throttled = 0;
  /** People the server knows; inviting anyone else fails. */
  readonly people = new Set<string>();
  /** People whose server refuses invites (blocked, or their server down). */
  readonly uninvitable = new Set<string>();
  /** kohort's account data. */
  readonly accountData = new Map<string, unknown>();
  readonly media = new Map<string, { bytes: Buffer; contentType: string }>();
  private readonly rooms = new Map<string, Room>();
  private readonly stream: Streamed[] = [];
  private readonly refusals: Refusal[] = [];
  private readonly txns = new Map<string, string>();
  private readonly waiting = new Set<() => void>();
  private server?: http.Server;
  private seq = 0;
  /** A clock for origin_server_ts (tests with a fake clock pass theirs). */
  now: () => number = () => Date.now();
  /** Sends a second the server accepts from kohort before M_LIMIT_EXCEEDED (unset: no limit). */
  sendsPerSecond?: number;
  private recentSends: number[] = [];

  constructor(botLocalpart = 'kohort') {
    this.botId = `@${botLocalpart}:${SERVER}`;
    this.people.add(this.botId);
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const wake of this.waiting) wake();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The next `times` sends are refused this way. */
  refuseNext(refusal: Refusal, times = 1): void {
    for (let i = 0; i < times; i += 1) this.refusals.push(refusal);
  }

  // --- the people's side ------------------------------------------------------------

  /** A room `creator` made, with `others` joined; encrypted rooms carry m.room.encryption. */
  createRoom(creator: string, options: { id?: string; others?: string[]; encrypted?: boolean; name?: string } = {}): string {
    this.people.add(creator);
    const room: Room = { id: options.id ?? `!${this.id()}:${SERVER}`, state: new Map(), timeline: [] };
    this.rooms.set(room.id, room);
    this.state(room, creator, 'm.room.create', '', { creator, room_version: '11' });
    this.state(room, creator, 'm.room.member', creator, { membership: 'join' });
    this.state(room, creator, 'm.room.power_levels', '', { users: { [creator]: 100 } });
    if (options.name) this.state(room, creator, 'm.room.name', '', { name: options.name });
    if (options.encrypted) this.state(room, creator, 'm.room.encryption', '', { algorithm: 'm.megolm.v1.aes-sha2' });
    for (const other of options.others ?? []) this.join(room.id, other);
    return room.id;
  }

  /** `inviter` invites kohort (a direct chat carries is_direct, as Element sends it). */
  inviteBot(roomId: string, inviter: string, direct = false): void {
    this.state(this.room(roomId), inviter, 'm.room.member', this.botId, { membership: 'invite', ...(direct ? { is_direct: true } : {}) });
  }

  join(roomId: string, userId: string): void {
    this.people.add(userId);
    this.state(this.room(roomId), userId, 'm.room.member', userId, { membership: 'join', displayname: displayNameOf(userId) });
  }

  leave(roomId: string, userId: string): void {
    this.state(this.room(roomId), userId, 'm.room.member', userId, { membership: 'leave' });
  }

  /** `sender` writes in a room, as the spec's m.room.message example; `extra` adds to the content. */
  say(roomId: string, sender: string, body: string, extra: Record<string, unknown> = {}): MatrixEventJson {
    return this.timeline(this.room(roomId), sender, 'm.room.message', { msgtype: 'm.text', body, ...extra });
  }

  /** `sender` reacts to an event with `key` (an emoji), as the spec's m.reaction example. */
  react(roomId: string, sender: string, eventId: string, key: string): MatrixEventJson {
    return this.timeline(this.room(roomId), sender, 'm.reaction', { 'm.relates_to': { rel_type: 'm.annotation', event_id: eventId, key } });
  }

  /** An end-to-end encrypted message, as the spec's m.room.encrypted example (Megolm). */
  sayEncrypted(roomId: string, sender: string): MatrixEventJson {
    return this.timeline(this.room(roomId), sender, 'm.room.encrypted', {
      algorithm: 'm.megolm.v1.aes-sha2',
      ciphertext: 'AwgAEnACgAkLmt6qF84IK++J7UDH2Za1YVchHyprqTqsg...',
      device_id: 'RJYKSTBOIE',
      sender_key: 'IlRMeOPX2e0MurIyfWEucYBRVOEEUMrOHqn/8mLqMjA',
      session_id: 'X3lUlvLELLYxeTx4yOVu6UDpasGEVO0Jbu+QFnm0cKQ',
    });
  }

  // --- what kohort did ----------------------------------------------------------------

  /** kohort's messages in a room, oldest first, each as it reads now (edits applied). */
  messagesIn(roomId: string): { eventId: string; content: Record<string, any>; threadOf?: string; edits: number }[] {
    const events = this.room(roomId).timeline.filter((e) => e.sender === this.botId && e.type === 'm.room.message');
    const edits = events.filter((e) => e.content['m.relates_to']?.rel_type === 'm.replace');
    return events
      .filter((e) => e.content['m.relates_to']?.rel_type !== 'm.replace')
      .map((e) => {
        const mine = edits.filter((x) => x.content['m.relates_to'].event_id === e.event_id);
        const relation = e.content['m.relates_to'];
        return {
          eventId: e.event_id,
          content: mine.length > 0 ? mine.at(-1)!.content['m.new_content'] : e.content,
          threadOf: relation?.rel_type === 'm.thread' ? relation.event_id : undefined,
          edits: mine.length,
        };
      });
  }

  /** Every room kohort has sent a message to, with its messages. */
  roomsWithMessages(): string[] {
    return [...this.rooms.values()].filter((r) => r.timeline.some((e) => e.sender === this.botId && e.type === 'm.room.message')).map((r) => r.id);
  }

  /** Every event kohort sent, across rooms, in order. */
  sentEvents(): MatrixEventJson[] {
    return [...this.rooms.values()]
      .flatMap((r) => r.timeline.filter((e) => e.sender === this.botId && e.type !== 'm.room.member'))
      .sort((a, b) => a.origin_server_ts - b.origin_server_ts || a.event_id.localeCompare(b.event_id, 'en', { numeric: true }));
  }

  membership(roomId: string, userId: string): string | undefined {
    return membershipOf(this.room(roomId), userId);
  }

  /** Rooms where `userId` is joined or invited. */
  roomsOf(userId: string): string[] {
    return [...this.rooms.keys()].filter((roomId) => ['join', 'invite'].includes(this.membership(roomId, userId) ?? ''));
  }

  isEncrypted(roomId: string): boolean {
    return this.room(roomId).state.has('m.room.encryption\u0000');
  }

  /** Resolves when `predicate` holds (checked after every request). */
  async waitFor(predicate: () => boolean, what = 'condition', ms = 10_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`fake homeserver: ${what} not met; requests: ${this.requests.slice(-15).join(', ')}`);
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.waiting.delete(wake);
          resolve();
        };
        this.waiting.add(wake);
        setTimeout(wake, 50).unref();
      });
    }
  }

  // --- the server ---------------------------------------------------------------------

  private id(): string {
    this.seq += 1;
    return `${this.seq.toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  }

  private room(roomId: string): Room {
    const room = this.rooms.get(roomId);
    if (!room) throw new Error(`fake homeserver: no room ${roomId}`);
    return room;
  }

  private event(room: Room, sender: string, type: string, content: Record<string, unknown>, stateKey?: string): MatrixEventJson {
    this.seq += 1;
    return {
      type,
      event_id: `$${this.seq}${Math.random().toString(36).slice(2, 10)}:${SERVER}`,
      sender,
      room_id: room.id,
      origin_server_ts: this.now() + this.seq / 1000,
      content,
      ...(stateKey !== undefined ? { state_key: stateKey } : {}),
      unsigned: { age: 0 },
    };
  }

  private state(room: Room, sender: string, type: string, stateKey: string, content: Record<string, unknown>): MatrixEventJson {
    const event = this.event(room, sender, type, content, stateKey);
    room.state.set(`${type}\u0000${stateKey}`, event);
    room.timeline.push(event);
    this.publish({ pos: 0, roomId: room.id, event });
    return event;
  }

  private timeline(room: Room, sender: string, type: string, content: Record<string, unknown>): MatrixEventJson {
    const event = this.event(room, sender, type, content);
    room.timeline.push(event);
    this.publish({ pos: 0, roomId: room.id, event });
    return event;
  }

  private publish(item: Streamed): void {
    item.pos = this.stream.length + 1;
    this.stream.push(item);
    for (const wake of [...this.waiting]) wake();
  }

  private botMembership(room: Room): string | undefined {
    return membershipOf(room, this.botId);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = decodeURIComponent(url.pathname);
    this.requests.push(`${req.method} ${url.pathname}`);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
      for (const wake of [...this.waiting]) wake();
    };
    if (path === '/_matrix/client/versions') return reply(200, { versions: ['v1.1', 'v1.5', 'v1.11', 'v1.12'], unstable_features: {} });
    if (req.headers.authorization !== `Bearer ${this.token}`) {
      return reply(401, req.headers.authorization ? { errcode: 'M_UNKNOWN_TOKEN', error: 'Invalid access token passed.' } : { errcode: 'M_MISSING_TOKEN', error: 'Missing access token.' });
    }
    const body = () => (raw.length > 0 ? JSON.parse(raw.toString('utf8')) : {});
    let m: RegExpExecArray | null;

    if (req.method === 'GET' && path === '/_matrix/client/v3/account/whoami') return reply(200, { user_id: this.botId, device_id: 'KOHORTDEV' });
    if (req.method === 'GET' && path === '/_matrix/client/v3/sync') return this.sync(url, reply, res);
    if (req.method === 'GET' && path === '/_matrix/client/v3/pushrules/') return reply(200, { global: { override: [], content: [], room: [], sender: [], underride: [] } });
    if (req.method === 'GET' && path === '/_matrix/client/v3/capabilities') return reply(200, { capabilities: {} });
    if (req.method === 'POST' && (m = /^\/_matrix\/client\/v3\/user\/([^/]+)\/filter$/.exec(path))) return reply(200, { filter_id: 'kohort-filter' });
    if ((m = /^\/_matrix\/client\/v3\/user\/([^/]+)\/account_data\/([^/]+)$/.exec(path))) {
      if (m[1] !== this.botId) return reply(403, { errcode: 'M_FORBIDDEN', error: 'Cannot set account data for other users.' });
      if (req.method === 'GET') return this.accountData.has(m[2]!) ? reply(200, this.accountData.get(m[2]!)) : reply(404, { errcode: 'M_NOT_FOUND', error: 'Account data not found' });
      const content = body();
      this.accountData.set(m[2]!, content);
      this.publish({ pos: 0, accountData: { type: m[2]!, content } });
      return reply(200, {});
    }
    if (req.method === 'GET' && (m = /^\/_matrix\/client\/v3\/profile\/([^/]+)$/.exec(path))) return reply(200, { displayname: displayNameOf(m[1]!) });
    if (req.method === 'PUT' && (m = /^\/_matrix\/client\/v3\/rooms\/([^/]+)\/send\/([^/]+)\/([^/]+)$/.exec(path))) return this.send(m[1]!, m[2]!, m[3]!, body(), reply);
    if (req.method === 'POST' && ((m = /^\/_matrix\/client\/v3\/join\/([^/]+)$/.exec(path)) || (m = /^\/_matrix\/client\/v3\/rooms\/([^/]+)\/join$/.exec(path)))) {
      const room = this.rooms.get(m[1]!);
      if (!room || this.botMembership(room) !== 'invite') return reply(403, { errcode: 'M_FORBIDDEN', error: 'You are not invited to this room.' });
      this.join(room.id, this.botId);
      return reply(200, { room_id: room.id });
    }
    if (req.method === 'POST' && (m = /^\/_matrix\/client\/v3\/rooms\/([^/]+)\/leave$/.exec(path))) {
      if (this.rooms.has(m[1]!)) this.leave(m[1]!, this.botId);
      return reply(200, {});
    }
    if (req.method === 'POST' && path === '/_matrix/client/v3/createRoom') return this.createRoomForBot(body(), reply);
    if (req.method === 'POST' && path === '/_matrix/media/v3/upload') {
      const id = this.id();
      this.media.set(id, { bytes: raw, contentType: String(req.headers['content-type'] ?? '') });
      return reply(200, { content_uri: `mxc://${SERVER}/${id}` });
    }
    return reply(404, { errcode: 'M_UNRECOGNIZED', error: 'Unrecognized request' });
  }

  private send(roomId: string, type: string, txnId: string, content: Record<string, unknown>, reply: (status: number, body: unknown) => void): void {
    const done = this.txns.get(`${roomId} ${txnId}`);
    if (done) return reply(200, { event_id: done });
    const refusal = this.refusals.shift() ?? this.overRate();
    if (refusal) {
      if (refusal.errcode === 'M_LIMIT_EXCEEDED') this.throttled += 1;
      const { status, ...error } = refusal;
      return reply(status, error);
    }
    const room = this.rooms.get(roomId);
    if (!room) return reply(404, { errcode: 'M_NOT_FOUND', error: 'Unknown room' });
    if (this.botMembership(room) !== 'join') return reply(403, { errcode: 'M_FORBIDDEN', error: `User ${this.botId} not in room ${roomId}` });
    if (Buffer.byteLength(JSON.stringify(content)) > 65_536) return reply(413, { errcode: 'M_TOO_LARGE', error: 'event too large' });
    const event = this.timeline(room, this.botId, type, content);
    this.txns.set(`${roomId} ${txnId}`, event.event_id);
    return reply(200, { event_id: event.event_id });
  }

  private overRate(): Refusal | undefined {
    if (this.sendsPerSecond === undefined) return undefined;
    const now = Date.now();
    this.recentSends = this.recentSends.filter((t) => now - t < 1000);
    if (this.recentSends.length >= this.sendsPerSecond) {
      return { status: 429, errcode: 'M_LIMIT_EXCEEDED', error: 'Too many requests', retry_after_ms: 1000 - (now - this.recentSends[0]!) };
    }
    this.recentSends.push(now);
    return undefined;
  }

  private createRoomForBot(request: { invite?: string[]; is_direct?: boolean; preset?: string; initial_state?: { type: string }[] }, reply: (status: number, body: unknown) => void): void {
    for (const userId of request.invite ?? []) {
      if (!this.people.has(userId)) return reply(404, { errcode: 'M_NOT_FOUND', error: `Unknown user ${userId}` });
      if (this.uninvitable.has(userId)) return reply(403, { errcode: 'M_FORBIDDEN', error: `${userId} is not accepting invites` });
    }
    const roomId = this.createRoom(this.botId, { encrypted: request.initial_state?.some((s) => s.type === 'm.room.encryption') });
    const room = this.room(roomId);
    for (const userId of request.invite ?? []) this.state(room, this.botId, 'm.room.member', userId, { membership: 'invite', ...(request.is_direct ? { is_direct: true } : {}) });
    return reply(200, { room_id: roomId });
  }

  /** GET /sync: everything after `since` (the whole picture without one), waiting up to `timeout` ms for something new. */
  private async sync(url: URL, reply: (status: number, body: unknown) => void, res: http.ServerResponse): Promise<void> {
    const since = Number(url.searchParams.get('since')?.replace(/^s/, '') ?? '0');
    const timeout = Math.min(Number(url.searchParams.get('timeout') ?? '0'), 30_000);
    if (since > 0 && this.stream.length <= since && timeout > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeout);
        const wake = () => {
          if (this.stream.length <= since) return;
          clearTimeout(timer);
          this.waiting.delete(wake);
          resolve();
        };
        this.waiting.add(wake);
        // The client gave up (kohort stopping): nothing to answer.
        res.on('close', () => {
          clearTimeout(timer);
          this.waiting.delete(wake);
          resolve();
        });
      });
    }
    if (res.destroyed) return;
    reply(200, since === 0 ? initialSync(this.rooms.values(), this.stream.length, this.botId, this.accountData) : incrementalSync((id) => this.room(id), this.stream, since, this.botId));
  }
}

/** "@anna:example.org" → "Anna". */
export function displayNameOf(userId: string): string {
  const local = userId.slice(1).split(':')[0] ?? userId;
  return local.charAt(0).toUpperCase() + local.slice(1);
}
