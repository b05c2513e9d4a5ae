// The process: read configuration, start kohort with the platforms, stop cleanly on
// SIGTERM/SIGINT. It lives with the adapters because it is the one place that knows them
// all; src/ never imports adapters/. Exit codes: 0 clean stop, 1 failure at start-up,
// 2 invalid configuration. What a person at the terminal must see (the playground's address,
// a port in use, an invalid setting) is a plain line on stderr; the logs stay JSON on stdout.
import { startKohort } from '../src/kohort.js';
import { systemClock } from '../src/core/clock.js';
import { isKohortError } from '../src/core/errors.js';
import { createLogger } from '../src/core/logger.js';
import type { Config } from '../src/config.js';
import { environment } from '../src/env.js';
import { playgroundStartupLines } from './local/integration.js';
import { readKohortConfig } from './platforms.js';

let config: Config;
try {
  config = readKohortConfig(environment());
} catch (error) {
  process.stderr.write(`kohort: invalid configuration: ${(error as Error).message}\n`);
  process.exit(2);
}

const logger = createLogger(config.LOG_LEVEL);
try {
  const kohort = await startKohort(config, logger, systemClock);
  // stderr, not stdout: stdout is one JSON object a line for log collectors, and stderr is
  // where the other lines for people go. Always written (a container's log shows it too);
  // only the token waits for a terminal.
  for (const line of playgroundStartupLines(config, kohort.wiring.ports.links.base, process.stderr.isTTY === true)) process.stderr.write(`${line}\n`);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS);
    force.unref();
    kohort.stop().then(
      () => process.exit(0),
      (error) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
} catch (error) {
  // Settings only a remote service can judge (a Slack token) are found wrong at start-up.
  if (isKohortError(error, 'config_invalid')) {
    process.stderr.write(`kohort: invalid configuration: ${error.message}\n`);
    process.exit(2);
  }
  // The configuration is valid, the machine is not ready for it (a port in use): one line, exit 1.
  if (isKohortError(error, 'port_unavailable')) {
    process.stderr.write(`kohort: ${error.message}\n`);
    process.exit(1);
  }
  if (isKohortError(error)) {
    logger.fatal({ code: error.code }, error.message);
  } else {
    logger.fatal({ err: error }, 'kohort could not start');
  }
  process.exit(1);
}
