// The fake homeserver's /sync responses: what kohort's account sees of the rooms and the
// event stream, in the shapes the client-server API gives them
// (https://spec.matrix.org/v1.16/client-server-api/#get_matrixclientv3sync).

export interface MatrixEventJson {
  type: string;
  event_id: string;
  sender: string;
  room_id: string;
  origin_server_ts: number;
  content: Record<string, any>;
  state_key?: string;
  unsigned?: Record<string, unknown>;
}

export interface Room {
  id: string;
  /** State by `${type}\u0000${state_key}`. */
  state: Map<string, MatrixEventJson>;
  timeline: MatrixEventJson[];
}

/** Something the sync stream carries, at its position. */
export type Streamed = { pos: number; roomId: string; event: MatrixEventJson } | { pos: number; accountData: { type: string; content: unknown } };

export const membershipOf = (room: Room, userId: string): string | undefined => room.state.get(`m.room.member\u0000${userId}`)?.content.membership;

/** Without `since`: every joined room's state and last events, every invitation, all account data. */
export function initialSync(rooms: Iterable<Room>, position: number, botId: string, accountData: ReadonlyMap<string, unknown>): unknown {
  const join: Record<string, unknown> = {};
  const invite: Record<string, unknown> = {};
  for (const room of rooms) {
    const membership = membershipOf(room, botId);
    if (membership === 'join') {
      join[room.id] = {
        state: { events: [...room.state.values()] },
        timeline: { events: room.timeline.filter((e) => e.state_key === undefined).slice(-20), limited: true, prev_batch: 'p0' },
        account_data: { events: [] },
        ephemeral: { events: [] },
      };
    } else if (membership === 'invite') invite[room.id] = inviteState(room, botId);
  }
  const data = [...accountData].map(([type, content]) => ({ type, content }));
  return { next_batch: `s${position}`, rooms: { join, invite, leave: {} }, account_data: { events: data }, presence: { events: [] }, to_device: { events: [] } };
}

/** After `since`: what happened in each room kohort is in or invited to, and account data written since. */
export function incrementalSync(room: (roomId: string) => Room, stream: readonly Streamed[], since: number, botId: string): unknown {
  const join: Record<string, { timeline: { events: MatrixEventJson[]; limited: boolean }; state: { events: MatrixEventJson[] } }> = {};
  const invite: Record<string, unknown> = {};
  const leave: Record<string, unknown> = {};
  const accountData: unknown[] = [];
  for (const item of stream.slice(since)) {
    if ('accountData' in item) {
      accountData.push(item.accountData);
      continue;
    }
    const current = room(item.roomId);
    const membership = membershipOf(current, botId);
    if (membership === 'invite') invite[current.id] = inviteState(current, botId);
    else if (membership === 'join') {
      // A room kohort just joined arrives with its whole state, as a server sends it.
      const joinedNow = item.event.type === 'm.room.member' && item.event.state_key === botId;
      const entry = (join[current.id] ??= { timeline: { events: [], limited: false }, state: { events: [] } });
      if (joinedNow) entry.state.events = [...current.state.values()].filter((e) => e.event_id !== item.event.event_id);
      entry.timeline.events.push(item.event);
    } else if (membership === 'leave' && item.event.state_key === botId) leave[current.id] = { timeline: { events: [item.event] }, state: { events: [] } };
  }
  return { next_batch: `s${stream.length}`, rooms: { join, invite, leave }, account_data: { events: accountData }, presence: { events: [] }, to_device: { events: [] } };
}

/** What an invited user sees of a room: stripped state, the invite among it. */
function inviteState(room: Room, botId: string): unknown {
  const stripped = [...room.state.values()].filter(
    (e) => ['m.room.create', 'm.room.name', 'm.room.encryption', 'm.room.member'].includes(e.type) && (e.type !== 'm.room.member' || e.state_key === botId || e.sender === e.state_key),
  );
  return { invite_state: { events: stripped.map(({ type, state_key, content, sender }) => ({ type, state_key, content, sender })) } };
}
