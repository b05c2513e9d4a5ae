// Socket Mode: with an app-level token kohort opens a WebSocket to Slack (here a fake on
// 127.0.0.1) instead of listening on /slack/events; the same requests reach the core.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixture, startSlackKohort } from '../helpers/slack-kohort.js';

type Kohort = Awaited<ReturnType<typeof startSlackKohort>>;
let k: Kohort;

beforeEach(async () => {
  k = await startSlackKohort({ env: { SLACK_SIGNING_SECRET: '', SLACK_APP_TOKEN: 'xapp-test-app-token' } });
  await k.fake.socketReady();
});
afterEach(async () => {
  await k.stop();
});

describe('Slack over Socket Mode', () => {
  it('connects with the app-level token and does not listen on /slack/events', async () => {
    const open = k.fake.callsOf('apps.connections.open');
    expect(open).toHaveLength(1);
    expect(open[0]?.token).toBe('xapp-test-app-token');
    expect((await fetch(`${k.url}/slack/events`, { method: 'POST', body: '{}' })).status).toBe(404);
  });

  it('acknowledges an event envelope and answers the DM', async () => {
    const body = JSON.parse(fixture('MessageBody.json'));
    body.event.text = 'status';
    await k.fake.sendEnvelope('events_api', body, 'env-1');
    await k.fake.waitUntil(() => k.fake.callsOf('chat.postMessage').length === 1);
    await k.kohort.idle();
    expect(String(k.fake.callsOf('chat.postMessage')[0]?.args.text)).toContain('Din status');
  });

  it('acknowledges a slash command envelope and answers through its response_url', async () => {
    const body = Object.fromEntries(new URLSearchParams(fixture('SlashCommandBody.txt')));
    body.response_url = k.fake.responseUrl('sm-1');
    body.user_id = 'W111';
    body.text = 'hjälp';
    await k.fake.sendEnvelope('slash_commands', body, 'env-2');
    await k.fake.waitUntil(() => k.fake.responses.length === 1);
    expect(JSON.stringify(k.fake.responses[0]?.body.blocks)).toContain('Hej Ada!');
  });
});
