// The process: read configuration, start kohort, stop cleanly on SIGTERM/SIGINT.
// Exit codes: 0 clean stop, 1 failure at start-up, 2 invalid configuration.
import { startKohort } from './app.js';
import { systemClock } from './core/clock.js';
import { isKohortError } from './core/errors.js';
import { createLogger } from './core/logger.js';
import { readConfig, type Config } from './config.js';
import { environment } from './env.js';

let config: Config;
try {
  config = readConfig(environment());
} catch (error) {
  process.stderr.write(`kohort: invalid configuration: ${(error as Error).message}\n`);
  process.exit(2);
}

const logger = createLogger(config.LOG_LEVEL);
try {
  const kohort = await startKohort(config, logger, systemClock);
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
  if (isKohortError(error)) {
    logger.fatal({ code: error.code }, error.message);
  } else {
    logger.fatal({ err: error }, 'kohort could not start');
  }
  process.exit(1);
}
