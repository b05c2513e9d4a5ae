// What a Matrix homeserver allows, as kohort respects it.
// https://spec.matrix.org/v1.16/client-server-api/#size-limits
export const MATRIX_LIMITS = {
  /** An event may be at most 65,536 bytes of canonical JSON, envelope included (sender, ids, signatures). */
  eventBytes: 65_536,
  /** What kohort lets one message's content take, leaving room for the envelope the server adds. */
  contentBytes: 56_000,
  /**
   * Sends a second to start at (MATRIX_SENDS_PER_SECOND). Synapse's default for an ordinary
   * account is far lower (0.2 a second after a burst of 10); the README asks the admin to
   * lift the bot's limit, and kohort learns from M_LIMIT_EXCEEDED either way.
   */
  sendsPerSecond: 10,
} as const;
