// What the Matrix adapter needs of a homeserver, in its own words. sdk-client.ts implements
// it with matrix-js-sdk (its sync loop and room state, its authenticated HTTP); the adapter
// and its rules stay readable without the SDK's types.
import type { RoomEvent } from './parse.js';

export type Membership = 'join' | 'invite' | 'leave' | 'ban' | 'knock';

/** What the sync loop reports, in order. */
export interface SyncHandlers {
  /** kohort was invited to a room; `inviter` sent the invite, marked `direct` (is_direct) for a direct chat. */
  invited(roomId: string, inviter: string, direct: boolean): void;
  /** A new event in a room kohort is in (not one from history it paged back to). */
  event(raw: RoomEvent): void;
}

export interface Homeserver {
  /** kohort's own Matrix ID. */
  readonly userId: string;
  /** Starts syncing (from the last `since` token this process saw); resolves after the first sync. */
  start(handlers: SyncHandlers): Promise<void>;
  stop(): Promise<void>;
  /** kohort's display name, if it has one. */
  displayName(): string | undefined;
  /** Sends one event into a room; resolves with its event id. */
  send(roomId: string, eventType: string, content: object): Promise<string>;
  /** Uploads a file to the media repository; resolves with its mxc:// URI. */
  upload(bytes: Uint8Array, info: { contentType: string; name: string }): Promise<string>;
  join(roomId: string): Promise<void>;
  leave(roomId: string, reason?: string): Promise<void>;
  /** Opens a new direct room with `userId`, not encrypted, the person invited. */
  createDirectRoom(userId: string): Promise<string>;
  /** kohort's `m.direct` account data: each person's direct rooms with it. */
  directRooms(): Record<string, string[]>;
  setDirectRooms(content: Record<string, string[]>): Promise<void>;
  /** A member's state in a room, as this process has synced it. */
  membership(roomId: string, userId: string): Membership | undefined;
  /** How many people (kohort included) are joined or invited in a room. */
  memberCount(roomId: string): number;
  /** The room has `m.room.encryption` state. */
  encrypted(roomId: string): boolean;
  /** A member's display name in a room. */
  memberName(roomId: string, userId: string): string | undefined;
}
