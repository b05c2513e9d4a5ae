// Teams' published limits for bot messages, kept as data like Slack's.
export const TEAMS_LIMITS = {
  /**
   * Teams refuses a bot message over 40 KB (413 MessageSizeTooBig), counting the whole
   * activity encoded as UTF-16 — two bytes a code unit — and leaving Base64 images out
   * ("Format your bot messages", Microsoft Learn). 40,000 rather than 40,960: a kilobyte
   * of either reading stays under it.
   */
  activityUtf16Bytes: 40_000,
  /**
   * What the card itself may take, measured the same way: the activity around it (type,
   * the ≤ 300-character summary, conversation, bot and user ids, a thread's message id)
   * takes about 2 KB in UTF-16, so 4 KB is left for it.
   */
  cardUtf16Bytes: 36_000,
  /** Teams shows up to six actions in a row before an overflow menu; more in one set is clumsy. */
  actionsPerSet: 6,
  /**
   * Teams desktop does not wrap a button's title: when a row of buttons is wider than the
   * card it shrinks them and cuts every title ("1 Stämm…"). A row is kept when its titles,
   * with about four characters of padding each, add up to no more than this (a card on a
   * phone, the narrowest Teams shows); otherwise each choice gets a row of its own.
   */
  buttonRowChars: 40,
  choiceSetChoices: 100,
  inputMaxLength: 4000,
  /** Minimum spacing between messages into one conversation (Teams: 60 per 30 s per thread). */
  minIntervalMs: 500,
  /** Requests a second for the whole app in one tenant (Teams' global limit: 50 RPS). */
  requestsPerSecond: 50,
} as const;
