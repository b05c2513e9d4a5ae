// Each person's direct room with kohort. Kept where Matrix keeps it — kohort's `m.direct`
// account data on the homeserver — so it survives restarts and replicas agree. A room the
// person wrote from is remembered as theirs; without one, kohort opens a new direct room
// (`is_direct`, not encrypted, the person invited) and records it. A person who left or
// cannot be invited is unreachable, as on Teams: kohort does not chase them with new rooms.
// https://spec.matrix.org/v1.16/client-server-api/#direct-messaging
import type { Logger } from '../../src/core/logger.js';
import { matrixDeliveryError, refusalOf } from './errors.js';
import type { Homeserver } from './homeserver.js';

const GONE = new Set(['leave', 'ban']);

export class DirectRooms {
  /** Rooms being opened, by person: two sends at once open one room. */
  private readonly opening = new Map<string, Promise<string>>();
  /** Rooms kohort opened itself: it is in them before the next sync says so. */
  private readonly opened = new Set<string>();

  constructor(
    private readonly homeserver: Homeserver,
    private readonly logger: Logger,
  ) {}

  /** The person's direct room, opened now if they have none. */
  async roomFor(userId: string): Promise<string> {
    const known = this.usable(userId);
    if (known.room) return known.room;
    if (known.left) throw matrixDeliveryError('KOHORT_PERSON_LEFT', 'the person left their direct room with kohort');
    let opening = this.opening.get(userId);
    if (!opening) {
      opening = this.open(userId).finally(() => this.opening.delete(userId));
      this.opening.set(userId, opening);
    }
    return opening;
  }

  /** A room the person wrote from in a one-to-one conversation is their direct room from now on. */
  async remember(userId: string, roomId: string): Promise<void> {
    const direct = this.homeserver.directRooms();
    const rooms = direct[userId] ?? [];
    if (rooms[0] === roomId) return;
    await this.homeserver.setDirectRooms({ ...direct, [userId]: [roomId, ...rooms.filter((r) => r !== roomId)] });
  }

  /** Refuses a send into a direct room the person has left. */
  assertStillThere(roomId: string, userId: string): void {
    const membership = this.homeserver.membership(roomId, userId);
    if (membership && GONE.has(membership)) throw matrixDeliveryError('KOHORT_PERSON_LEFT', 'the person left the direct room');
  }

  /** The newest recorded room the person and kohort are both still in, unencrypted; or whether they left. */
  private usable(userId: string): { room?: string; left: boolean } {
    let left = false;
    for (const roomId of this.homeserver.directRooms()[userId] ?? []) {
      const mine = this.homeserver.membership(roomId, this.homeserver.userId);
      const theirs = this.homeserver.membership(roomId, userId);
      if (mine !== 'join' && !this.opened.has(roomId)) continue;
      if (theirs && GONE.has(theirs)) {
        left = true;
        continue;
      }
      // Encrypted rooms are recorded by the person's client too; kohort cannot read them.
      if (this.homeserver.encrypted(roomId)) continue;
      return { room: roomId, left: false };
    }
    return { left };
  }

  private async open(userId: string): Promise<string> {
    let roomId: string;
    try {
      roomId = await this.homeserver.createDirectRoom(userId);
    } catch (error) {
      const refusal = refusalOf(error);
      // The homeserver would not invite them (no such user, a server that refuses, a block).
      if (refusal.status !== undefined && refusal.status >= 400 && refusal.status < 500 && refusal.status !== 401 && refusal.status !== 429) {
        throw matrixDeliveryError('KOHORT_NOT_INVITABLE', `the person cannot be invited: ${refusal.code}`, { cause: error });
      }
      throw matrixDeliveryError(refusal.code, `createRoom: ${refusal.code}`, { cause: error });
    }
    this.opened.add(roomId);
    this.logger.info('matrix direct room opened');
    await this.remember(userId, roomId).catch((error: unknown) => {
      // The room works; only finding it again after a restart would need a new one.
      this.logger.warn({ reason: refusalOf(error).code }, 'matrix m.direct not updated');
    });
    return roomId;
  }
}
