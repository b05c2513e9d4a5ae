// Microsoft's own Adaptive Cards library (the `adaptivecards` package, the renderer Teams'
// web clients and the Agents Playground are built on) as a validator: a card is parsed as
// schema 1.5 with a Teams host config, and every parse and validation event it reports is a
// fault — an unknown element or property value, a required input without a label, two
// elements with one id, more actions than Teams shows. It runs under Node without a DOM:
// parsing and validating touch no document; only rendering would.
import { AdaptiveCard, HostConfig, SerializationContext, ValidationEvent, Versions } from 'adaptivecards';

/**
 * What of Teams' host config bears on validation: interactive cards, and at most six
 * actions in a set (Teams' limit, TEAMS_LIMITS.actionsPerSet). The Agents Playground
 * renders its Teams channel with these values, buttons side by side and left-aligned.
 */
export const TEAMS_HOST_CONFIG = new HostConfig({
  supportsInteractivity: true,
  fontFamily: "'Segoe UI', system-ui, sans-serif",
  actions: { maxActions: 6, buttonSpacing: 8, actionsOrientation: 'horizontal', actionAlignment: 'left', showCard: { actionMode: 'inline' } },
});

/** Every event Microsoft's library reports for `json` as a Teams card of schema 1.5, as "Kind: message". */
export function adaptiveCardEvents(json: unknown): string[] {
  const card = new AdaptiveCard();
  card.hostConfig = TEAMS_HOST_CONFIG;
  const context = new SerializationContext(Versions.v1_5);
  card.parse(json, context);
  const events = Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i));
  events.push(...card.validateProperties().validationEvents);
  return events.map((e) => `${ValidationEvent[e.event]}: ${e.message}`);
}
