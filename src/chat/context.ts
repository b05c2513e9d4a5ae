// What the chat surface works with: every port (each feature still gets only its own
// through the registry), the registry, the command words, and the running adapters.
import type { ChannelAdapter } from '../core/adapter.js';
import type { Clock } from '../core/clock.js';
import type { Platform } from '../core/events.js';
import type { Logger } from '../core/logger.js';
import type { CommandVocabulary } from '../application/commands.js';
import type { Ports } from '../application/ports.js';
import type { FeatureRegistry } from '../application/registry.js';
import type { Translator } from '../i18n/i18n.js';
import type { TypedFallback } from '../platform/typed-fallback.js';

export interface ChatContext {
  ports: Ports;
  registry: FeatureRegistry;
  vocabulary: CommandVocabulary;
  adapters: ReadonlyMap<Platform, ChannelAdapter>;
  /** Numbered choices and typed answers, for platforms without buttons or forms. */
  typed: TypedFallback;
  translator: Translator;
  clock: Clock;
  logger: Logger;
}
