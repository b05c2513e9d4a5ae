// Slack's published Block Kit and message limits, kept as data so the renderer and its
// tests read the same numbers. Past any of these Slack rejects the whole message
// (invalid_blocks, msg_too_long), so the renderer splits or truncates before sending.
export const SLACK_LIMITS = {
  /**
   * chat.postMessage: about one a second per channel, plus a workspace-wide limit Slack
   * describes as several hundred a minute; kohort keeps to 600 a minute and waits out any 429.
   */
  postsPerSecond: 10,
  blocksPerMessage: 50,
  blocksPerView: 100,
  /** Slack truncates `text` above 40 000; notifications show far less, so we stay short. */
  fallbackText: 3000,
  headerText: 150,
  sectionText: 3000,
  fieldsPerSection: 10,
  fieldText: 2000,
  contextElements: 10,
  contextText: 2000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
  selectPlaceholder: 150,
  selectOptions: 100,
  optionText: 75,
  optionValue: 150,
  imageUrl: 3000,
  imageAltText: 2000,
  inputLabel: 2000,
  inputPlaceholder: 150,
  inputMaxLength: 3000,
  viewTitle: 24,
  viewSubmit: 24,
  viewClose: 24,
  privateMetadata: 3000,
} as const;

export type SlackLimits = typeof SLACK_LIMITS;
