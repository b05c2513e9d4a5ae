// express-session's store over the ConsoleAccess port: sessions live in the database, so
// every replica knows them and a restart signs no one out. Only signed-in sessions are kept.
import session, { type SessionData } from 'express-session';
import type { ConsoleAccess } from '../../domain/console.js';
import type { Clock } from '../../core/clock.js';

declare module 'express-session' {
  interface SessionData {
    participantId?: string;
  }
}

type Done = (error?: unknown, value?: SessionData | null) => void;

export class ConsoleSessionStore extends session.Store {
  constructor(
    private readonly access: ConsoleAccess,
    private readonly clock: Clock,
    private readonly idleMs: number,
  ) {
    super();
  }

  override get(sid: string, done: Done): void {
    this.access.session(sid, this.clock.now()).then(
      (record) => done(undefined, record ? (record.data as SessionData) : null),
      (error: unknown) => done(error),
    );
  }

  override set(sid: string, data: SessionData, done?: (error?: unknown) => void): void {
    if (!data.participantId) return void done?.();
    const expiresAt = new Date(this.clock.now().getTime() + this.idleMs);
    this.access.saveSession(sid, { participantId: data.participantId, data: JSON.parse(JSON.stringify(data)) as object, expiresAt }).then(
      () => done?.(),
      (error: unknown) => done?.(error),
    );
  }

  override touch(sid: string, data: SessionData, done?: () => void): void {
    this.set(sid, data, () => done?.());
  }

  override destroy(sid: string, done?: (error?: unknown) => void): void {
    this.access.destroySession(sid).then(
      () => done?.(),
      (error: unknown) => done?.(error),
    );
  }
}
