// The homeserver through matrix-js-sdk: its sync loop (long polling with `since`, backoff
// when the server is away), its room and member state, its media upload and its
// authenticated HTTP. Events are sent with a plain PUT through that HTTP rather than
// `sendEvent`: kohort sends no local echoes, and the explanation it owes a person in an
// encrypted room must go out as plain text, which `sendEvent` refuses there without crypto.
import { ClientEvent, createClient, EventType, Method, Preset, RoomEvent as SdkRoomEvent, RoomMemberEvent, SyncState, type MatrixClient, type MatrixEvent } from 'matrix-js-sdk';
import loglevel from 'loglevel';
import type { Logger } from '../../src/core/logger.js';
import type { Homeserver, Membership, SyncHandlers } from './homeserver.js';
import type { RoomEvent } from './parse.js';

export interface SdkHomeserverOptions {
  baseUrl: string;
  accessToken: string;
  userId: string;
  logger: Logger;
  /** How long one long poll waits on the server (ms). */
  pollTimeoutMs?: number;
}

/** Events of a room's timeline kept per room on start: enough for a replay after a restart, which the ledger drops. */
const INITIAL_SYNC_LIMIT = 20;

export class SdkHomeserver implements Homeserver {
  readonly userId: string;
  private readonly client: MatrixClient;
  /** kohort's m.direct as last written or synced. */
  private direct: Record<string, string[]> = {};
  /** Writes of m.direct, one after another, each sending the newest content. */
  private writing: Promise<void> = Promise.resolve();
  private writesPending = 0;
  private txn = 0;
  private readonly txnPrefix = `k${Date.now().toString(36)}`;

  constructor(private readonly options: SdkHomeserverOptions) {
    this.userId = options.userId;
    routeGlobalLogging(options.logger);
    this.client = createClient({ baseUrl: options.baseUrl, accessToken: options.accessToken, userId: options.userId, logger: sdkLogger(options.logger) });
  }

  async start(handlers: SyncHandlers): Promise<void> {
    const client = this.client;
    // The token must be the bot's: a person's token would make kohort speak as them.
    const owner = (await client.whoami()).user_id;
    if (owner !== this.userId) throw new TokenOwnerMismatch(owner);
    client.on(ClientEvent.AccountData, (event: MatrixEvent) => {
      // While a write of ours is under way, the synced copy is older than ours.
      if (event.getType() === EventType.Direct && this.writesPending === 0) this.direct = directOf(event.getContent());
    });
    client.on(RoomMemberEvent.Membership, (event, member) => {
      if (member.userId === this.userId && member.membership === 'invite') handlers.invited(member.roomId, event.getSender() ?? '', event.getContent().is_direct === true);
    });
    client.on(SdkRoomEvent.Timeline, (event, _room, toStartOfTimeline) => {
      // Paging back through history is not news.
      if (toStartOfTimeline) return;
      handlers.event(event.getEffectiveEvent() as RoomEvent);
    });
    const prepared = new Promise<void>((resolve, reject) => {
      const onSync = (state: SyncState, _previous: SyncState | null, data?: { error?: Error }) => {
        if (state === SyncState.Prepared || state === SyncState.Syncing) {
          client.off(ClientEvent.Sync, onSync);
          resolve();
        } else if (state === SyncState.Error && isFatal(data?.error)) {
          client.off(ClientEvent.Sync, onSync);
          reject(data?.error ?? new Error('matrix sync failed'));
        }
      };
      client.on(ClientEvent.Sync, onSync);
    });
    await client.startClient({ initialSyncLimit: INITIAL_SYNC_LIMIT, lazyLoadMembers: false, pollTimeout: this.options.pollTimeoutMs ?? 30_000, threadSupport: false });
    await prepared;
    this.direct = directOf(client.getAccountData(EventType.Direct)?.getContent());
  }

  async stop(): Promise<void> {
    this.client.stopClient();
  }

  displayName(): string | undefined {
    return this.client.getUser(this.userId)?.displayName ?? undefined;
  }

  async send(roomId: string, eventType: string, content: object): Promise<string> {
    this.txn += 1;
    const path = `/rooms/${encodeURIComponent(roomId)}/send/${encodeURIComponent(eventType)}/${this.txnPrefix}.${this.txn}`;
    const result = await this.client.http.authedRequest<{ event_id: string }>(Method.Put, path, undefined, content as Record<string, unknown>);
    return result.event_id;
  }

  async upload(bytes: Uint8Array, info: { contentType: string; name: string }): Promise<string> {
    const result = await this.client.uploadContent(Buffer.from(bytes), { type: info.contentType, name: info.name, includeFilename: false });
    return result.content_uri;
  }

  async join(roomId: string): Promise<void> {
    await this.client.joinRoom(roomId);
  }

  async leave(roomId: string): Promise<void> {
    await this.client.leave(roomId);
  }

  async createDirectRoom(userId: string): Promise<string> {
    // trusted_private_chat: the person can invite and moderate like kohort. No m.room.encryption state: kohort must read the answers.
    const result = await this.client.createRoom({ is_direct: true, invite: [userId], preset: Preset.TrustedPrivateChat });
    return result.room_id;
  }

  directRooms(): Record<string, string[]> {
    return this.direct;
  }

  async setDirectRooms(content: Record<string, string[]>): Promise<void> {
    this.direct = content;
    this.writesPending += 1;
    const write = this.writing.then(() => this.client.setAccountData(EventType.Direct, this.direct)).finally(() => (this.writesPending -= 1));
    this.writing = write.then(
      () => undefined,
      () => undefined,
    );
    await write;
  }

  membership(roomId: string, userId: string): Membership | undefined {
    return this.client.getRoom(roomId)?.getMember(userId)?.membership as Membership | undefined;
  }

  memberCount(roomId: string): number {
    const room = this.client.getRoom(roomId);
    return room ? room.getJoinedMemberCount() + room.getInvitedMemberCount() : 0;
  }

  encrypted(roomId: string): boolean {
    return this.client.getRoom(roomId)?.hasEncryptionStateEvent() ?? false;
  }

  memberName(roomId: string, userId: string): string | undefined {
    return this.client.getRoom(roomId)?.getMember(userId)?.rawDisplayName ?? undefined;
  }
}

/** The access token belongs to another account than MATRIX_USER_ID. */
export class TokenOwnerMismatch extends Error {
  constructor(readonly owner: string) {
    super('the access token belongs to another account');
  }
}

/** A token the server refuses stops start-up; anything else the sync loop retries on its own. */
function isFatal(error: Error | undefined): boolean {
  const e = error as { errcode?: string; httpStatus?: number } | undefined;
  return e?.errcode === 'M_UNKNOWN_TOKEN' || e?.errcode === 'M_MISSING_TOKEN' || e?.httpStatus === 401 || e?.httpStatus === 403;
}

function directOf(content: unknown): Record<string, string[]> {
  if (!content || typeof content !== 'object') return {};
  return Object.fromEntries(Object.entries(content as Record<string, unknown>).filter((e): e is [string, string[]] => Array.isArray(e[1]) && e[1].every((r) => typeof r === 'string')));
}

/** One line of the SDK's own chatter, at debug level in kohort's log: it names rooms and people, so never at info. */
const sdkLine =
  (logger: Logger) =>
  (...args: unknown[]): void =>
    logger.debug({ sdk: true }, args.map(String).join(' ').slice(0, 500));

/** The logger a client is given, every level one debug line. */
function sdkLogger(logger: Logger) {
  const log = sdkLine(logger);
  const self = { trace: log, debug: log, info: log, warn: log, error: log, getChild: () => self };
  return self;
}

/**
 * Most of the SDK logs through its global `loglevel` logger, straight to the console, whatever
 * a client was given. Every loglevel logger, now and later, goes to kohort's log instead.
 */
function routeGlobalLogging(logger: Logger): void {
  const factory: loglevel.MethodFactory = () => sdkLine(logger);
  loglevel.methodFactory = factory;
  for (const child of Object.values(loglevel.getLoggers())) {
    child.methodFactory = factory;
    child.rebuild();
  }
  loglevel.rebuild();
}
