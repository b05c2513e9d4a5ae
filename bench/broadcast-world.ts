// What the broadcast benchmarks share: a program with one module to broadcast, a cohort of
// participants half on Slack and half on Teams who have talked to kohort before (each with a
// stored direct conversation), kohort's configuration against the fakes, and a facilitator
// clicking through the broadcast in the playground.
import { seedBenchCohort } from './seed.js';
import { performance } from 'node:perf_hooks';
import { readKohortConfig } from '../adapters/platforms.js';
import type { Config } from '../src/config.js';
import type { RunningKohort } from '../src/kohort.js';
import type { Database } from '../src/persistence/database.js';
import type { FakeConnector } from '../test/helpers/fake-connector.js';
import type { FakeSlack } from '../test/helpers/fake-slack.js';
import { SIGNING_SECRET } from '../test/helpers/slack-kohort.js';

export const TENANT = 'bench-tenant';
export const TEAM = 'T111';
export const FACILITATOR = 'bench-facilitator';
/** What the broadcast says (a preparation's details), and an answer to a command never does. */
export const BROADCAST_MARK = 'Grupper om tre';

/**
 * Person n is on Slack when n is odd, on Teams when even: a mixed cohort's people come in
 * no particular order. (The outbox claims a broadcast's rows in the order they were planned;
 * with every Slack person first, Teams would only start once Slack is nearly done.)
 */
export const slackPerson = (k: number) => 2 * k - 1;
export const teamsPerson = (k: number) => 2 * k;

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

/** `recipients` participants who have talked to kohort before: each has a stored direct conversation. */
export async function seed(db: Database, serviceUrl: string, recipients: number): Promise<void> {
  await seedBenchCohort(db, PROGRAM, recipients);
  const slack = `substring("key" from 2)::int % 2 = 1`;
  await db.prisma.$executeRawUnsafe(
    `INSERT INTO "PlatformIdentity" ("id", "participantId", "platform", "externalId", "tenantId")
     SELECT gen_random_uuid(), "id", CASE WHEN ${slack} THEN 'slack' ELSE 'teams' END::"Platform",
            CASE WHEN ${slack} THEN 'U' || "key" ELSE '29:' || "key" END, CASE WHEN ${slack} THEN NULL ELSE '${TENANT}' END
     FROM "Participant" WHERE "key" LIKE 'p%'`,
  );
  await db.prisma.$executeRawUnsafe(
    `INSERT INTO "ConversationReference" ("id", "platform", "kind", "key", "participantId", "reference", "updatedAt")
     SELECT gen_random_uuid(), 'slack', 'dm', 'D' || "key", "id", jsonb_build_object('channel', 'D' || "key", 'team', '${TEAM}'), now()
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

/** kohort with Slack and Teams against the fakes, the playground for the facilitator, the outbox ticked by hand. */
export function benchConfig(dataDir: string, slack: FakeSlack, connector: FakeConnector, extra: Record<string, string> = {}): Config {
  return readKohortConfig({
    PORT: '0',
    DEMO_PROGRAM: '',
    DATA_DIR: dataDir,
    PLAYGROUND: 'on',
    SCHEDULER_TICK: 'off',
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    TEAMS_ALLOW_UNAUTHENTICATED: 'true',
    TEAMS_SERVICE_URL: connector.url,
    ...extra,
  });
}

interface Entry {
  message?: { blocks: { type: string; text?: string; elements?: { label: string; actionId: string; value: string }[] }[] };
}

/** The facilitator's side in the playground: "utskick 1", everyone, and the report when it comes. */
export function facilitator(kohort: RunningKohort) {
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
  return {
    /** Up to the confirmation; resolves with the moment "Skicka" was clicked. */
    async send(): Promise<number> {
      await post({ kind: 'message', text: 'utskick 1' });
      const everyone = await buttonIn('Alla deltagare');
      await post({ kind: 'action', actionId: everyone.actionId, value: everyone.value });
      const send = await buttonIn('Skicka');
      const t0 = performance.now();
      await post({ kind: 'action', actionId: send.actionId, value: send.value });
      return t0;
    },
    async report(): Promise<string | undefined> {
      return (await entries())
        .flatMap((e) => e.message?.blocks ?? [])
        .map((b) => b.text ?? '')
        .find((t) => t.startsWith('Levererat:'));
    },
  };
}
