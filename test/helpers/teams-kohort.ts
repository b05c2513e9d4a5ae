// kohort with Teams over the real CloudAdapter on 127.0.0.1, unauthenticated (as with the
// Bot Framework Emulator), replies going to a fake connector at the activity's serviceUrl.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FakeConnector } from './fake-connector.js';
import { ROOT } from './kohort-process.js';
import { startTestKohort } from './test-kohort.js';

export function teamsFixture(name: string, serviceUrl: string): Record<string, any> {
  const activity = JSON.parse(readFileSync(path.join(ROOT, 'test', 'fixtures', 'teams', name), 'utf8')) as Record<string, any>;
  activity.serviceUrl = serviceUrl;
  return activity;
}

export async function postActivity(kohortUrl: string, activity: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const response = await fetch(`${kohortUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(activity) });
  return { status: response.status, body: await response.text() };
}

export async function startTeamsKohort(options: { env?: Record<string, string>; connector?: FakeConnector; dataDir?: string; keepData?: boolean; program?: string } = {}) {
  const connector = options.connector ?? (await new FakeConnector().start());
  const started = await startTestKohort({
    ...options,
    program: options.program ?? 'test/fixtures/programs/teams-cohort.yaml',
    env: { TEAMS_ALLOW_UNAUTHENTICATED: 'true', TEAMS_SERVICE_URL: connector.url, ...options.env },
  });
  return {
    ...started,
    connector,
    async stop() {
      await started.kohort.stop();
      if (!options.connector) await connector.stop();
    },
  };
}
