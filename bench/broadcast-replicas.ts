// Three kohort replicas on one PostgreSQL send one broadcast together: each claims its share
// of the outbox and posts through its own Slack and Teams adapters, and the platforms'
// budgets are shared through the database. The fake Slack allows 10 posts a second; without
// the shared budget the three would try 30. Reports the most posts tried in any second
// (refused ones included), the 429s, the share of the ceiling, and one message each.
import { performance } from 'node:perf_hooks';
import { rmSync } from 'node:fs';
import { systemClock } from '../src/core/clock.js';
import { createLogger } from '../src/core/logger.js';
import { startKohort, type RunningKohort } from '../src/kohort.js';
import { openDatabase } from '../src/persistence/database.js';
import { TEAMS_LIMITS } from '../adapters/teams/limits.js';
import { tempDir } from '../test/helpers/database.js';
import { FakeConnector } from '../test/helpers/fake-connector.js';
import { FakeSlack } from '../test/helpers/fake-slack.js';
import { postgresBinDir, startPostgres } from '../test/helpers/postgres.js';
import { peakPerSecond } from '../test/helpers/rate-window.js';
import { benchConfig, BROADCAST_MARK, facilitator, seed } from './broadcast-world.js';
import type { Figure } from './report.js';

const SLACK_LIMIT = 10;

export async function threeReplicas(recipients: number): Promise<Figure[]> {
  if (!postgresBinDir()) {
    process.stdout.write('three replicas: skipped, no PostgreSQL server binaries under /usr/lib/postgresql\n');
    return [];
  }
  const postgres = await startPostgres();
  const slack = (await new FakeSlack().start()).limitPosting(SLACK_LIMIT);
  const connector = (await new FakeConnector().start()).limitLikeTeams();
  const dirs = [0, 1, 2].map(() => tempDir('kohort-bench-replica-'));
  const logger = createLogger('silent');
  const kohorts: RunningKohort[] = [];
  const received = new Map<string, number>();
  const tally = (conversation: string, body: string) => {
    if (body.includes(BROADCAST_MARK)) received.set(conversation, (received.get(conversation) ?? 0) + 1);
  };
  slack.onPosted = (args) => tally(String(args.channel), JSON.stringify(args.blocks ?? ''));
  connector.onSent = (call) => tally(call.conversationId, JSON.stringify(call.body));
  try {
    const db = await openDatabase({ databaseUrl: postgres.url, dataDir: dirs[0]!, logger });
    await seed(db, connector.url, recipients);
    await db.close();
    for (const dir of dirs) kohorts.push(await startKohort(benchConfig(dir, slack, connector, { DATABASE_URL: postgres.url }), logger, systemClock));
    const t0 = await facilitator(kohorts[0]!).send();
    // Every replica's outbox timer, as fast as it goes: each takes its share of the rows.
    while (received.size < recipients && performance.now() - t0 < 600_000) await Promise.all(kohorts.map((kohort) => kohort.scheduler.tick()));
    const seconds = (performance.now() - t0) / 1000;
    const minimum = Math.max(slack.postedAt.length / SLACK_LIMIT, connector.acceptedAt.length / TEAMS_LIMITS.requestsPerSecond);
    const once = received.size === recipients && [...received.values()].every((n) => n === 1);
    const peak = peakPerSecond(slack.postAttemptsAt);
    process.stdout.write(
      [
        `three replicas on one PostgreSQL: broadcast to ${recipients} (Slack at ${SLACK_LIMIT}/s, Teams at ${TEAMS_LIMITS.requestsPerSecond}/s)`,
        `  ${seconds.toFixed(1)} s = ${((minimum / seconds) * 100).toFixed(1)} % of the ceiling; most Slack posts tried in any second ${peak} (limit ${SLACK_LIMIT}); 429s: Slack ${slack.throttled}, Teams ${connector.throttled}; exactly one message each: ${once ? 'yes' : 'NO'}`,
      ].join('\n') + '\n',
    );
    return [
      { name: 'three replicas: most Slack posts tried in any second (limit 10)', value: peak, unit: 'posts', target: `< ${3 * SLACK_LIMIT}` },
      { name: 'three replicas: share of the ceiling', value: Number((minimum / seconds).toFixed(3)), unit: 'ratio' },
      { name: 'three replicas: 429s (Slack + Teams)', value: slack.throttled + connector.throttled, unit: 'count' },
      { name: 'three replicas: every recipient got exactly one message', value: once ? 1 : 0, unit: 'yes=1', target: '>= 1' },
    ];
  } finally {
    for (const kohort of kohorts) await kohort.stop();
    await slack.stop();
    await connector.stop();
    postgres.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}
