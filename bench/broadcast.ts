// Broadcast benchmark: a facilitator broadcasts a module's preparations to 5,000
// participants, half on Slack and half on Teams, through the real path — playground
// command and buttons, outbox, real Slack adapter (@slack/web-api) and real Teams adapter
// (botbuilder CloudAdapter) — against fake Slack and Teams servers on 127.0.0.1 that
// refuse with 429 whatever goes over the platforms' published limits. Reports the total
// time against the minimum those limits allow, the 429s, memory, and checks that every
// recipient got exactly one message and the delivery report says so.
//   npm run bench:broadcast            (BENCH_RECIPIENTS=1000 for a shorter run)
import { performance } from 'node:perf_hooks';
import { rmSync } from 'node:fs';
import { readKohortConfig } from '../adapters/platforms.js';
import { startKohort } from '../src/kohort.js';
import { systemClock } from '../src/core/clock.js';
import { createLogger } from '../src/core/logger.js';
import { validateProgramText } from '../src/domain/program/validate.js';
import { openDatabase, type Database } from '../src/persistence/database.js';
import { importProgram } from '../src/persistence/program-import.js';
import { SLACK_LIMITS } from '../adapters/slack/limits.js';
import { TEAMS_LIMITS } from '../adapters/teams/limits.js';
import { tempDir } from '../test/helpers/database.js';
import { FakeConnector } from '../test/helpers/fake-connector.js';
import { FakeSlack } from '../test/helpers/fake-slack.js';
import { SIGNING_SECRET } from '../test/helpers/slack-kohort.js';

const RECIPIENTS = Number(process.env.BENCH_RECIPIENTS ?? 5000);
const SLACK_PEOPLE = Math.ceil(RECIPIENTS / 2);
const TEAMS_PEOPLE = RECIPIENTS - SLACK_PEOPLE;
const TENANT = 'bench-tenant';
const FACILITATOR = 'bench-facilitator';

const PROGRAM = `
program: { slug: bench, name: "Bench" }
modules:
  - number: 1
    title: "Strategiska prioriteringar"
    start: "+40d 09:30"
    place: "Lycksele"
    preparations:
      - { key: read, kind: read, title: "Läs kapitlet", due: "+30d 12:00" }
      - { key: task, kind: task, title: "Gör uppgiften i grupp", details: "Grupper om tre." }
cohorts:
  - slug: bench-1
    name: "Bench cohort"
    joinCode: BENCH-1
    participants:
      - { key: facilitator, name: "Processledaren", roles: [facilitator], identities: { local: ${FACILITATOR} } }
`;

/** Participants who have talked to kohort before: each has a stored direct conversation. */
async function seed(db: Database, serviceUrl: string): Promise<void> {
  const parsed = validateProgramText(PROGRAM, new Date());
  if (!parsed.ok) throw new Error('bench program invalid');
  await importProgram(db.prisma, parsed.program);
  const cohort = await db.prisma.cohort.findFirstOrThrow({ where: { slug: 'bench-1' } });
  await db.prisma.$executeRawUnsafe(
    `INSERT INTO "Participant" ("id", "cohortId", "key", "displayName", "createdAt", "updatedAt")
     SELECT gen_random_uuid(), $1::uuid, 'p' || g, 'Person ' || g, now(), now() FROM generate_series(1, ${RECIPIENTS}) g`,
    cohort.id,
  );
  await db.prisma.$executeRawUnsafe(`INSERT INTO "RoleAssignment" ("participantId", "role") SELECT "id", 'participant' FROM "Participant" WHERE "key" LIKE 'p%'`);
  const slack = `substring("key" from 2)::int <= ${SLACK_PEOPLE}`;
  await db.prisma.$executeRawUnsafe(
    `INSERT INTO "PlatformIdentity" ("id", "participantId", "platform", "externalId", "tenantId")
     SELECT gen_random_uuid(), "id", CASE WHEN ${slack} THEN 'slack' ELSE 'teams' END::"Platform",
            CASE WHEN ${slack} THEN 'U' || "key" ELSE '29:' || "key" END, CASE WHEN ${slack} THEN NULL ELSE '${TENANT}' END
     FROM "Participant" WHERE "key" LIKE 'p%'`,
  );
  await db.prisma.$executeRawUnsafe(
    `INSERT INTO "ConversationReference" ("id", "platform", "kind", "key", "participantId", "reference", "updatedAt")
     SELECT gen_random_uuid(), 'slack', 'dm', 'D' || "key", "id", jsonb_build_object('channel', 'D' || "key", 'team', 'T111'), now()
     FROM "Participant" WHERE "key" LIKE 'p%' AND ${slack}`,
  );
  await db.prisma.$executeRawUnsafe(
    `INSERT INTO "ConversationReference" ("id", "platform", "kind", "key", "participantId", "reference", "updatedAt")
     SELECT gen_random_uuid(), 'teams', 'dm', 'a:dm-' || "key", "id",
            jsonb_build_object('serviceUrl', $1::text, 'channelId', 'msteams', 'tenantId', '${TENANT}',
              'conversation', jsonb_build_object('id', 'a:dm-' || "key", 'conversationType', 'personal', 'tenantId', '${TENANT}'),
              'bot', jsonb_build_object('id', '28:kohort'), 'user', jsonb_build_object('id', '29:' || "key")), now()
     FROM "Participant" WHERE "key" LIKE 'p%' AND NOT (${slack})`,
    serviceUrl,
  );
}

interface Entry {
  message?: { blocks: { type: string; text?: string; elements?: { label: string; actionId: string; value: string }[] }[] };
}

async function main(): Promise<void> {
  const slack = await new FakeSlack().start();
  slack.limitPosting(SLACK_LIMITS.postsPerSecond);
  const connector = (await new FakeConnector().start()).limitLikeTeams();
  const dir = tempDir('kohort-bench-broadcast-');
  const db = await openDatabase({ dataDir: dir, logger: createLogger('silent') });
  try {
    await seed(db, connector.url);
    const config = readKohortConfig({
      PORT: '0',
      DEMO_PROGRAM: '',
      DATA_DIR: dir,
      PLAYGROUND: 'on',
      SCHEDULER_TICK: 'off',
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      TEAMS_ALLOW_UNAUTHENTICATED: 'true',
      TEAMS_SERVICE_URL: connector.url,
    });
    const kohort = await startKohort(config, createLogger('silent'), systemClock, db);
    const base = `http://127.0.0.1:${kohort.port}`;
    const post = (body: Record<string, unknown>) =>
      fetch(`${base}/playground/api/inbound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ as: FACILITATOR, ...body }) });
    const entries = async (): Promise<Entry[]> => ((await (await fetch(`${base}/playground/api/conversations/${FACILITATOR}/messages`)).json()) as { messages: Entry[] }).messages;
    const buttonIn = async (label: string) => {
      for (const entry of (await entries()).reverse()) {
        for (const block of entry.message?.blocks ?? []) for (const e of block.elements ?? []) if (e.label.startsWith(label)) return e;
      }
      throw new Error(`no button ${label}`);
    };
    try {
      await post({ kind: 'message', text: 'utskick 1' });
      const everyone = await buttonIn('Alla deltagare');
      await post({ kind: 'action', actionId: everyone.actionId, value: everyone.value });
      const send = await buttonIn('Skicka');
      const rssBefore = process.memoryUsage().rss;
      const t0 = performance.now();
      await post({ kind: 'action', actionId: send.actionId, value: send.value });
      let report: string | undefined;
      let ticks = 0;
      while (!report) {
        await kohort.scheduler.tick();
        ticks += 1;
        report = (await entries())
          .flatMap((e) => e.message?.blocks ?? [])
          .map((b) => b.text ?? '')
          .find((t) => t.startsWith('Levererat:'));
        if (ticks > 1000) throw new Error('no delivery report');
      }
      const seconds = (performance.now() - t0) / 1000;
      const rssAfter = process.memoryUsage().rss;

      const slackCounts = [...slack.posted.values()];
      const teamsCounts = new Map<string, number>();
      for (const call of connector.sent()) teamsCounts.set(call.conversationId, (teamsCounts.get(call.conversationId) ?? 0) + 1);
      const exactlyOnce = slack.posted.size === SLACK_PEOPLE && slackCounts.every((n) => n === 1) && teamsCounts.size === TEAMS_PEOPLE && [...teamsCounts.values()].every((n) => n === 1);
      const minimum = Math.max(SLACK_PEOPLE / SLACK_LIMITS.postsPerSecond, TEAMS_PEOPLE / TEAMS_LIMITS.requestsPerSecond);
      const lines = [
        `broadcast to ${RECIPIENTS} participants (${SLACK_PEOPLE} Slack, ${TEAMS_PEOPLE} Teams), PGlite`,
        `total ${seconds.toFixed(1)} s from "Skicka" to the delivery report; minimum the limits allow ${minimum.toFixed(1)} s (Slack ${SLACK_LIMITS.postsPerSecond}/s workspace-wide, Teams ${TEAMS_LIMITS.requestsPerSecond}/s per app) = ${((minimum / seconds) * 100).toFixed(0)} % of the ceiling`,
        `429s answered by the fakes: Slack ${slack.throttled}, Teams ${connector.throttled}; outbox ticks ${ticks}`,
        `exactly one message per recipient: ${exactlyOnce ? 'yes' : 'NO'} (Slack channels ${slack.posted.size}, Teams conversations ${teamsCounts.size})`,
        `report: ${report.replace(/\n/g, ' ')}`,
        `RSS ${(rssBefore / 1048576).toFixed(0)} MB before, ${(rssAfter / 1048576).toFixed(0)} MB after`,
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
      if (!exactlyOnce || report !== `Levererat: ${RECIPIENTS} av ${RECIPIENTS}.`) process.exitCode = 1;
    } finally {
      await kohort.stop();
    }
  } finally {
    await slack.stop();
    await connector.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
