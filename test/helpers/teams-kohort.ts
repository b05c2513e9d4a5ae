// kohort with Teams over the real CloudAdapter on 127.0.0.1, unauthenticated (as with the
// Bot Framework Emulator), replies going to a fake connector at the activity's serviceUrl.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startKohort } from '../../src/app.js';
import { readConfig } from '../../src/config.js';
import { createLogger } from '../../src/core/logger.js';
import { freshDatabase, reopenDatabase } from './database.js';
import { FakeClock } from './fake-clock.js';
import { FakeConnector } from './fake-connector.js';
import { ROOT } from './kohort-process.js';
import { importFixture } from './services.js';

export function teamsFixture(name: string, serviceUrl: string): Record<string, any> {
  const activity = JSON.parse(readFileSync(path.join(ROOT, 'test', 'fixtures', 'teams', name), 'utf8')) as Record<string, any>;
  activity.serviceUrl = serviceUrl;
  return activity;
}

export async function postActivity(kohortUrl: string, activity: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const response = await fetch(`${kohortUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(activity) });
  return { status: response.status, body: await response.text() };
}

export async function startTeamsKohort(options: { env?: Record<string, string>; connector?: FakeConnector; dataDir?: string; keepData?: boolean } = {}) {
  const connector = options.connector ?? (await new FakeConnector().start());
  const now = new Date();
  const clock = new FakeClock(now);
  const db = options.dataDir ? await reopenDatabase(options.dataDir) : await freshDatabase();
  if (!options.dataDir) await importFixture(db, 'test/fixtures/programs/teams-cohort.yaml', now);
  const database = options.keepData ? { ...db, close: db.closeKeepingData } : db;
  const config = readConfig({ PORT: '0', DEMO_PROGRAM: '', DATA_DIR: db.dataDir, NODE_ENV: 'test', TEAMS_ALLOW_UNAUTHENTICATED: 'true', TEAMS_SERVICE_URL: connector.url, ...options.env });
  const kohort = await startKohort(config, createLogger('silent'), clock, database);
  return {
    connector,
    db,
    clock,
    kohort,
    url: `http://127.0.0.1:${kohort.port}`,
    async stop() {
      await kohort.stop();
      if (!options.connector) await connector.stop();
    },
  };
}
