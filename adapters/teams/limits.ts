// Teams' published limits for bot messages, kept as data like Slack's. A message over
// about 28 KB is refused (413 MessageSizeTooBig), so kohort stays well under it.
export const TEAMS_LIMITS = {
  /** Bytes of the card; Teams refuses an activity over ~28 KB, and the envelope around the card adds about 1 KB. */
  messageBytes: 24_000,
  /** Teams shows up to six actions in a row before an overflow menu; more in one set is clumsy. */
  actionsPerSet: 6,
  choiceSetChoices: 100,
  inputMaxLength: 4000,
  /** Minimum spacing between messages into one conversation (Teams: 60 per 30 s per thread). */
  minIntervalMs: 500,
  /** Requests a second for the whole app in one tenant (Teams' global limit: 50 RPS). */
  requestsPerSecond: 50,
} as const;
