// What reaches /slack/events without Slack's signature, too late, malformed or twice.
import { verifySlackRequest } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { BOT, deliver, slackSignature } from '../helpers/fake-slack.js';
import { fixture, SIGNING_SECRET, startSlackKohort } from '../helpers/slack-kohort.js';

type Kohort = Awaited<ReturnType<typeof startSlackKohort>>;
const running: Kohort[] = [];

async function start(options?: Parameters<typeof startSlackKohort>[0]): Promise<Kohort> {
  const k = await startSlackKohort(options);
  running.push(k);
  return k;
}

afterEach(async () => {
  for (const k of running.splice(0).reverse()) await k.stop();
});

async function stateOf(k: Kohort) {
  return {
    events: await k.db.prisma.processedEvent.count(),
    conversations: await k.db.prisma.conversationReference.count(),
    participants: await k.db.prisma.participant.count(),
    identities: await k.db.prisma.platformIdentity.count(),
  };
}

describe('Slack request verification', () => {
  it('verifies the signing example from Slack’s documentation, with Bolt’s verifier and the test signer', () => {
    // https://api.slack.com/authentication/verifying-requests-from-slack (worked example)
    const secret = '8f742231b10e8888abcd99yyyzzz85a5';
    const timestamp = 1531420618;
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    const expected = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';
    expect(slackSignature(secret, body, timestamp)['x-slack-signature']).toBe(expected);
    const headers = { 'x-slack-signature': expected, 'x-slack-request-timestamp': timestamp };
    expect(() => verifySlackRequest({ signingSecret: secret, body, headers, nowMilliseconds: timestamp * 1000 })).not.toThrow();
    expect(() => verifySlackRequest({ signingSecret: `${secret}x`, body, headers, nowMilliseconds: timestamp * 1000 })).toThrow();
  });

  it.each([
    ['a signature made with another secret', { secret: 'not-the-secret' }],
    ['a timestamp older than five minutes', { secret: SIGNING_SECRET, timestamp: Math.floor(Date.now() / 1000) - 6 * 60 }],
    ['a signature of other bytes', { secret: SIGNING_SECRET, signature: slackSignature(SIGNING_SECRET, '{}', Math.floor(Date.now() / 1000))['x-slack-signature'] }],
  ])('rejects %s with 401 and changes nothing', async (_name, options) => {
    const k = await start();
    const before = await stateOf(k);
    const callsBefore = k.fake.calls.length;
    const response = await deliver(k.url, fixture('MessageBody.json'), options);
    expect(response.status).toBe(401);
    await k.kohort.idle();
    expect(await stateOf(k)).toEqual(before);
    expect(k.fake.calls.length).toBe(callsBefore);
  });

  it('rejects a request without signature headers with 401', async () => {
    const k = await start();
    const response = await fetch(`${k.url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: fixture('MessageBody.json') });
    expect(response.status).toBe(401);
  });

  it.each([
    ['JSON that does not parse', 'application/json', '{"type": "event_callback", '],
    ['an interactive payload that does not parse', 'application/x-www-form-urlencoded', 'payload=%7B%22type%22%3A'],
  ] as const)('answers %s with 400 and changes nothing', async (_name, contentType, body) => {
    const k = await start();
    const before = await stateOf(k);
    const response = await deliver(k.url, body, { secret: SIGNING_SECRET, contentType });
    expect(response.status).toBe(400);
    await k.kohort.idle();
    expect(await stateOf(k)).toEqual(before);
    expect(k.fake.sends()).toEqual([]);
  });
});

describe('Slack retries and duplicates', () => {
  it('handles an event once when Slack retries it (X-Slack-Retry-Num)', async () => {
    const k = await start();
    const body = fixture('MessageBody.json');
    expect((await deliver(k.url, body, { secret: SIGNING_SECRET })).status).toBe(200);
    expect((await deliver(k.url, body, { secret: SIGNING_SECRET, retryNum: 1 })).status).toBe(200);
    expect((await deliver(k.url, body, { secret: SIGNING_SECRET, retryNum: 2 })).status).toBe(200);
    await k.kohort.idle();
    expect(k.fake.callsOf('chat.postMessage')).toHaveLength(1);
  });

  it('still drops the retry after a restart on the same database', async () => {
    const first = await start({ keepData: true });
    const body = fixture('MessageBody.json');
    await deliver(first.url, body, { secret: SIGNING_SECRET });
    await first.kohort.idle();
    await first.kohort.stop();
    running.splice(running.indexOf(first), 1);

    const second = await start({ fake: first.fake, dataDir: first.db.dataDir });
    await deliver(second.url, body, { secret: SIGNING_SECRET, retryNum: 1 });
    await second.kohort.idle();
    expect(first.fake.callsOf('chat.postMessage')).toHaveLength(1);
    await first.fake.stop();
  });

  it('ignores its own messages and other bots’ messages', async () => {
    const k = await start();
    const own = fixture('MessageBody.json').replace('"user": "userId"', `"user": "${BOT.userId}"`).replace('"eventId"', '"Ev-own"');
    const bot = fixture('MessageBody.json').replace('"user": "userId",', '"user": "userId", "bot_id": "B999",').replace('"eventId"', '"Ev-bot"');
    const edited = fixture('MessageBody.json').replace('"type": "message",', '"type": "message", "subtype": "message_changed",').replace('"eventId"', '"Ev-edit"');
    for (const body of [own, bot, edited]) expect((await deliver(k.url, body, { secret: SIGNING_SECRET })).status).toBe(200);
    await k.kohort.idle();
    expect(k.fake.sends()).toEqual([]);
  });
});

describe('Slack escaping', () => {
  it('never lets text a person typed become a mention or a link in kohort’s answer', async () => {
    const k = await start();
    // Slack delivers typed < > & escaped; kohort echoes the unknown code back.
    const typed = 'gå med &lt;!channel&gt; &lt;@U0BOSS&gt; &lt;https://evil.example|klicka&gt; &amp;';
    const body = fixture('MessageBody.json').replace('"userId"', '"UVISITOR"').replace('"text": "Hello"', `"text": "${typed}"`);
    k.fake.addUser({ id: 'UVISITOR', name: 'Visitor', locale: 'sv-SE' });
    await deliver(k.url, body, { secret: SIGNING_SECRET });
    await k.kohort.idle();
    const post = k.fake.callsOf('chat.postMessage')[0]!;
    const rendered = JSON.stringify(post.args.blocks) + String(post.args.text);
    expect(rendered).toContain('&lt;!channel&gt;');
    expect(rendered).toContain('&lt;@U0BOSS&gt;');
    expect(rendered).not.toMatch(/<!channel>|<@U0BOSS>|<https:\/\/evil/);
  });
});
