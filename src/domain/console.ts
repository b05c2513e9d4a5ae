// The web console's side of the database: sign-in links given in chat and the signed-in
// sessions (kept in the database, so every replica knows them).

export interface ConsoleSessionRecord {
  participantId: string;
  /** express-session's own data (cookie settings, the CSRF token), opaque here. */
  data: object;
  expiresAt: Date;
}

export interface ConsoleAccess {
  /** A new single-use sign-in token for the person, valid until `expiresAt`; only its hash is stored. */
  issueLink(participantId: string, now: Date, expiresAt: Date): Promise<string>;
  /** The person a token signs in, once: undefined when unknown, used or expired. */
  redeem(token: string, now: Date): Promise<string | undefined>;
  session(sid: string, now: Date): Promise<ConsoleSessionRecord | undefined>;
  saveSession(sid: string, record: ConsoleSessionRecord): Promise<void>;
  destroySession(sid: string): Promise<void>;
  /** The key that signs session cookies: KOHORT_SECRET, else the installation's own, shared by replicas. */
  cookieKey(): Promise<string>;
}
