// Neutral inbound events: adapters parse platform payloads into these at the edge,
// and the core never sees a platform payload.
export type Platform = 'slack' | 'teams' | 'local';
export const PLATFORMS: readonly Platform[] = ['slack', 'teams', 'local'];

/** Who sent the event, as the platform knows them. Personal fields are never logged. */
export interface Actor {
  platform: Platform;
  userId: string;
  tenantId?: string;
  displayName?: string;
  email?: string;
  /** The platform's own language setting for the user, e.g. "sv-SE". */
  locale?: string;
}

/** Where the event happened; `reference` is opaque to the core and stored for proactive sends. */
export interface ConversationRef {
  platform: Platform;
  /** Stable key of the conversation on its platform (channel id, conversation id…). */
  key: string;
  kind: 'dm' | 'channel';
  reference: unknown;
}

interface InboundBase {
  /** The platform's own id for this delivery; used to drop retries and duplicates. */
  eventId: string;
  actor: Actor;
  conversation: ConversationRef;
  receivedAt: Date;
}

export type InboundEvent =
  | (InboundBase & { type: 'message'; text: string })
  | (InboundBase & { type: 'command'; name: string; text: string })
  | (InboundBase & { type: 'action'; actionId: string; value: string; messageId?: string })
  | (InboundBase & { type: 'form'; formId: string; values: Record<string, string> })
  | (InboundBase & { type: 'installed' })
  | (InboundBase & { type: 'unsupported'; reason: string });

export type InboundEventType = InboundEvent['type'];
