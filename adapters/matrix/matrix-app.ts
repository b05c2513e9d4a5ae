// Matrix wiring: the sync loop's invites and room events become joins and neutral events
// for the core. kohort joins rooms a cohort member (or anyone on its own homeserver, who may
// be joining) invites it to, and declines the rest: on a federation anyone can invite.
import type { InboundSink } from '../../src/core/adapter.js';
import type { Clock } from '../../src/core/clock.js';
import { InFlight } from '../../src/core/in-flight.js';
import type { Logger } from '../../src/core/logger.js';
import { SendBudgets, type BudgetStore } from '../../src/core/send-budget.js';
import type { PlatformDirectory } from '../../src/domain/ports.js';
import type { RunningPlatform } from '../../src/platform/integration.js';
import { refusalOf } from './errors.js';
import type { Homeserver } from './homeserver.js';
import { MatrixAdapter } from './matrix-adapter.js';
import { parseRoomEvent, type RoomEvent } from './parse.js';

export interface MatrixSettings {
  homeserverUrl: string;
  accessToken: string;
  userId: string;
  /** Sends a second to start at (MATRIX_SENDS_PER_SECOND); adapts from there. */
  sendsPerSecond: number;
}

/**
 * A message older than this when kohort first sees it is not answered: a sync after a long
 * absence replays rooms' last events, and the ledger keeps event ids only for days.
 */
export const MAX_EVENT_AGE_MS = 24 * 3600_000;
/** Encrypted rooms already told why kohort cannot read them (this process). */
const MAX_EXPLAINED = 10_000;

export interface MatrixDeps {
  sink: InboundSink;
  clock: Clock;
  logger: Logger;
  directory: PlatformDirectory;
  budgets?: BudgetStore;
}

export async function startMatrix(homeserver: Homeserver, settings: MatrixSettings, deps: MatrixDeps): Promise<RunningPlatform & { adapter: MatrixAdapter }> {
  const { clock, logger } = deps;
  // A homeserver limits each account: one budget for the bot, shared by replicas through the store.
  const budget = new SendBudgets({ platform: 'matrix', clock, store: deps.budgets, perSecond: settings.sendsPerSecond }).for(settings.userId);
  const adapter = new MatrixAdapter(homeserver, budget, clock, logger);
  const inFlight = new InFlight();
  const explained = new Set<string>();
  const ownServer = serverOf(settings.userId);

  const isCohortRoom = async (roomId: string) => (await deps.directory.channels('matrix')).some((c) => c.channelId === roomId);

  const accept = async (roomId: string, inviter: string, direct: boolean): Promise<void> => {
    const members = await deps.directory.people('matrix');
    const welcome = serverOf(inviter) === ownServer || members.some((p) => p.userId === inviter);
    try {
      if (welcome) await homeserver.join(roomId);
      else await homeserver.leave(roomId);
      // A direct chat someone opened with kohort is where kohort writes to them from now on (unless it cannot read it).
      if (welcome && direct && !homeserver.encrypted(roomId) && !(await isCohortRoom(roomId))) await adapter.directRooms.remember(inviter, roomId);
      logger.info({ joined: welcome }, 'matrix invite answered');
    } catch (error) {
      logger.warn({ reason: refusalOf(error).code }, 'matrix invite not answered');
    }
  };

  const receive = async (raw: RoomEvent): Promise<void> => {
    const roomId = raw.room_id;
    if (!roomId || raw.sender === homeserver.userId) return;
    if (raw.origin_server_ts !== undefined && clock.now().getTime() - raw.origin_server_ts > MAX_EVENT_AGE_MS) {
      logger.debug('matrix event too old to answer');
      return;
    }
    const recorded = (homeserver.directRooms()[raw.sender] ?? []).includes(roomId);
    // A room of two is a direct room, unless it is a cohort's room that others have not joined yet:
    // kohort must never take a shared room for someone's private one.
    const direct = recorded || (homeserver.memberCount(roomId) <= 2 && !(await isCohortRoom(roomId)));
    const encrypted = homeserver.encrypted(roomId) || raw.type === 'm.room.encrypted';
    const parsed = parseRoomEvent(raw, { roomId, direct, encrypted, senderName: homeserver.memberName(roomId, raw.sender) }, { id: homeserver.userId, name: homeserver.displayName() }, clock.now());
    if (parsed.kind === 'ignored') {
      logger.debug({ reason: parsed.reason }, 'matrix event ignored');
      return;
    }
    let { event } = parsed;
    if (event.type === 'unsupported' && event.explain === 'encrypted') {
      // Once per room: kohort opens a direct room it can read and says so in the one it cannot.
      // Later ones still pass the ledger (a replay is dropped there), with nothing to say.
      if (explained.has(roomId)) {
        const { explain: _said, ...rest } = event;
        event = rest;
      } else {
        if (explained.size >= MAX_EXPLAINED) explained.clear();
        explained.add(roomId);
        await adapter.directRooms.roomFor(raw.sender).catch((error: unknown) => logger.warn({ reason: refusalOf(error).code }, 'matrix plain direct room not opened'));
      }
    } else if (direct && !encrypted && !recorded) {
      await adapter.directRooms.remember(raw.sender, roomId).catch((error: unknown) => logger.warn({ reason: refusalOf(error).code }, 'matrix m.direct not updated'));
    }
    await deps.sink.receive(event);
  };

  // Each room's events are handed on in the order the sync delivered them; rooms do not wait for each other.
  const chains = new Map<string, Promise<void>>();
  const enqueue = (key: string, work: () => Promise<void>) => {
    const next = (chains.get(key) ?? Promise.resolve()).then(work).catch((error: unknown) => logger.error({ err: error }, 'matrix event failed'));
    chains.set(key, next);
    void inFlight.track(
      next.finally(() => {
        if (chains.get(key) === next) chains.delete(key);
      }),
    );
  };
  await homeserver.start({
    invited: (roomId, inviter, direct) => enqueue(roomId, () => accept(roomId, inviter, direct)),
    event: (raw) => enqueue(raw.room_id ?? '', () => receive(raw)),
  });

  logger.info('matrix adapter ready');
  return {
    adapter,
    drain: () => inFlight.drain(),
    stop: () => homeserver.stop(),
    // An erased person's direct room leaves kohort's m.direct: the homeserver keeps no link from them to kohort.
    forgetter: {
      async forget(traces) {
        const gone = new Set(traces.identities.filter((i) => i.platform === 'matrix').map((i) => i.externalId));
        const direct = homeserver.directRooms();
        if (![...gone].some((userId) => userId in direct)) return;
        await homeserver.setDirectRooms(Object.fromEntries(Object.entries(direct).filter(([userId]) => !gone.has(userId))));
      },
    },
  };
}

/** The server part of a Matrix ID (@anna:example.org → example.org). */
export function serverOf(userId: string): string {
  return userId.slice(userId.indexOf(':') + 1);
}
