// The Slack SDKs' logger interface on top of kohort's, so Bolt and the Web API client
// write to the same JSON log, with the same redaction, instead of to the console.
import type { Logger as SlackLogger } from '@slack/logger';
import { LogLevel } from '@slack/logger';
import type { Logger } from '../../src/core/logger.js';

export function toSlackLogger(logger: Logger, component: string): SlackLogger {
  const child = logger.child({ component });
  const join = (parts: unknown[]) => parts.map((p) => (typeof p === 'string' ? p : JSON.stringify(p))).join(' ');
  return {
    debug: (...msg: unknown[]) => child.debug(join(msg)),
    info: (...msg: unknown[]) => child.info(join(msg)),
    warn: (...msg: unknown[]) => child.warn(join(msg)),
    error: (...msg: unknown[]) => child.error(join(msg)),
    // kohort's LOG_LEVEL decides; the SDKs may not lower or raise it.
    setLevel: () => undefined,
    getLevel: () => LogLevel.DEBUG,
    setName: () => undefined,
  };
}
