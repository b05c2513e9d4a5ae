// kohort as it runs in production with Slack over HTTP — the real composition root,
// Bolt receiver and HTTP server on 127.0.0.1 — against a fake Slack and a fresh PGlite.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FakeSlack } from './fake-slack.js';
import { ROOT } from './kohort-process.js';
import { startTestKohort } from './test-kohort.js';

export const SIGNING_SECRET = 'test-signing-secret-8f2c';
export const BOT_TOKEN = 'xoxb-test-token';
export const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'slack');

export function fixture(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8');
}

/** The people of test/fixtures/programs/slack-cohort.yaml as Slack knows them. */
export function addFixtureUsers(fake: FakeSlack): void {
  fake.addUser({ id: 'W111', name: 'Ada', locale: 'sv-SE' });
  fake.addUser({ id: 'userId', name: 'Bo', locale: 'sv-SE' });
  fake.addUser({ id: 'U045VRZFT', name: 'Dan', locale: 'en-US' });
  fake.addUser({ id: 'UCY', name: 'Cy', email: 'cy@example.org', locale: 'en-GB' });
  fake.addUser({ id: 'W222', name: 'Visitor', locale: 'en-US' });
  fake.addUser({ id: 'UCJ0BJ4MP', name: 'Outsider', locale: 'sv-SE' });
}

export interface SlackKohortOptions {
  env?: Record<string, string>;
  /** Reuse a running fake Slack (a restart test) instead of starting one. */
  fake?: FakeSlack;
  /** Reopen this data directory (a restart) instead of a fresh, freshly imported database. */
  dataDir?: string;
  /** Leave the data directory in place on stop, for a restart. */
  keepData?: boolean;
}

export async function startSlackKohort(options: SlackKohortOptions = {}) {
  const fake = options.fake ?? (await new FakeSlack().start());
  if (!options.fake) addFixtureUsers(fake);
  const started = await startTestKohort({
    ...options,
    program: 'test/fixtures/programs/slack-cohort.yaml',
    env: { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, ...options.env },
  });
  return {
    ...started,
    fake,
    async stop() {
      await started.kohort.stop();
      if (!options.fake) await fake.stop();
    },
  };
}
