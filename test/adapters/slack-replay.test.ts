// The recorded Slack payloads (test/fixtures/slack), re-signed and replayed over HTTP on
// 127.0.0.1 through the real Bolt receiver mounted on kohort's server, against a fake
// Slack Web API that records every call.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliver, interactiveBody, type FakeSlack } from '../helpers/fake-slack.js';
import { BOT_TOKEN, fixture, SIGNING_SECRET, startSlackKohort } from '../helpers/slack-kohort.js';

type Kohort = Awaited<ReturnType<typeof startSlackKohort>>;

let k: Kohort;
let fake: FakeSlack;

beforeEach(async () => {
  k = await startSlackKohort();
  fake = k.fake;
});
afterEach(async () => {
  await k.stop();
});

const signed = { secret: SIGNING_SECRET };
const form = { secret: SIGNING_SECRET, contentType: 'application/x-www-form-urlencoded' as const };

/** A fixture with its response_url pointed at the fake, as the fixture README asks. */
function withLocalResponseUrl(raw: string, id: string): string {
  // Plain in JSON and form bodies; percent-encoded (ending at an encoded quote, %22) inside a form-encoded payload.
  return raw.replace(/https:\/\/hooks\.slack\.com\/[^"&]+/g, fake.responseUrl(id)).replace(/https%3A%2F%2Fhooks\.slack\.com%2F(?:(?!%22)[^&"])+/g, encodeURIComponent(fake.responseUrl(id)));
}

function textOf(call: { args: Record<string, unknown> }): string {
  return JSON.stringify(call.args.blocks ?? call.args.view ?? '') + String(call.args.text ?? '');
}

describe('Slack replay: recorded payloads through the real receiver', () => {
  it('answers url_verification with the challenge', async () => {
    const body = fixture('URLVerificationBody.json');
    const response = await deliver(k.url, body, signed);
    expect(response.status).toBe(200);
    expect(response.text).toContain(JSON.parse(body).challenge);
    await k.kohort.idle();
    expect(fake.sends()).toEqual([]);
  });

  it('answers a participant’s direct message in their DM, with blocks, a text fallback and the bot token', async () => {
    const response = await deliver(k.url, fixture('MessageBody.json'), signed);
    expect(response.status).toBe(200);
    await k.kohort.idle();
    const posts = fake.callsOf('chat.postMessage');
    expect(posts).toHaveLength(1);
    const post = posts[0]!;
    expect(post.token).toBe(BOT_TOKEN);
    expect(post.args.channel).toBe('channelId');
    // "Hello" is not a command: Bo (a participant, Swedish) hears what he can type.
    expect(String(post.args.text)).toContain('Det där förstod jag inte');
    expect(Array.isArray(post.args.blocks)).toBe(true);
    const stored = await k.db.prisma.conversationReference.findMany();
    expect(stored.map((c) => [c.key, c.kind])).toEqual([['channelId', 'dm']]);
  });

  it('runs a command typed in a DM: "status" lists the next deadlines', async () => {
    const body = fixture('MessageBody.json').replace('"text": "Hello"', '"text": "status"');
    await deliver(k.url, body, signed);
    await k.kohort.idle();
    const post = fake.callsOf('chat.postMessage')[0]!;
    expect(textOf(post)).toContain('Din status');
    expect(textOf(post)).toContain('Läs introduktionen');
    expect(textOf(post)).toContain('Titta på filmen');
  });

  it('treats a file shared with text as a message', async () => {
    await deliver(k.url, fixture('MessageBodyWithFileShare.json'), signed);
    await k.kohort.idle();
    expect(fake.callsOf('chat.postMessage')).toHaveLength(1);
  });

  it('answers a mention in a channel privately, in the Slack user’s language', async () => {
    await deliver(k.url, fixture('app_mention.json'), signed);
    await k.kohort.idle();
    expect(fake.callsOf('chat.postMessage')).toEqual([]);
    const [ephemeral] = fake.callsOf('chat.postEphemeral');
    expect(ephemeral?.args).toMatchObject({ channel: 'C111', user: 'W222' });
    // W222 is in no cohort and their Slack locale is en-US.
    expect(String(ephemeral?.args.text)).toContain('I did not understand that');
  });

  it('greets once when the Messages tab is first opened, and never again', async () => {
    await deliver(k.url, fixture('app_home_opened.json'), signed);
    await k.kohort.idle();
    const again = fixture('app_home_opened.json').replace('"event_id": "Ev111"', '"event_id": "Ev112"');
    await deliver(k.url, again, signed);
    await k.kohort.idle();
    const posts = fake.callsOf('chat.postMessage');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.args.channel).toBe('D111');
    expect(String(posts[0]?.args.text)).toContain('Välkommen till kohort');
  });

  it('publishes the App Home with the person’s next deadlines when the Home tab opens', async () => {
    const body = fixture('app_home_opened.json').replace('"tab": "messages"', '"tab": "home"');
    await deliver(k.url, body, signed);
    await k.kohort.idle();
    const [publish] = fake.callsOf('views.publish');
    expect(publish?.args.user_id).toBe('W111');
    const view = publish?.args.view as { type: string; blocks: unknown[] };
    expect(view.type).toBe('home');
    expect(JSON.stringify(view.blocks)).toContain('Slackkohorten');
    expect(JSON.stringify(view.blocks)).toContain('Läs introduktionen');
    expect(fake.callsOf('chat.postMessage')).toEqual([]);
  });

  it('answers the slash command through its response_url, privately; bare /kohort is help', async () => {
    const body = withLocalResponseUrl(fixture('SlashCommandBody.txt'), 'cmd1');
    const response = await deliver(k.url, body, form);
    expect(response.status).toBe(200);
    await k.kohort.idle();
    expect(fake.responses).toHaveLength(1);
    const answer = fake.responses[0]!;
    expect(answer.id).toBe('cmd1');
    expect(answer.body.response_type).toBe('ephemeral');
    // testUserId is unknown to Slack's directory and to kohort: a visitor's help, in Swedish.
    expect(JSON.stringify(answer.body.blocks)).toContain('Hej! Jag är kohort');
    expect(fake.callsOf('chat.postMessage')).toEqual([]);
    // A slash command typed in someone else's DM must not be stored for later posts.
    expect(await k.db.prisma.conversationReference.count()).toBe(0);
  });

  it('answers an old button privately on an ephemeral message (block_actions.json)', async () => {
    const body = interactiveBody(JSON.parse(withLocalResponseUrl(fixture('block_actions.json'), 'act1')));
    expect((await deliver(k.url, body, form)).status).toBe(200);
    await k.kohort.idle();
    expect(fake.responses.map((r) => r.id)).toEqual(['act1']);
    expect(String(fake.responses[0]?.body.text)).toContain('äldre meddelande');
    expect(fake.callsOf('chat.update')).toEqual([]);
  });

  it('replays BlockActionsBodyButton.txt: a facilitator’s click in a channel is answered privately in English', async () => {
    const body = withLocalResponseUrl(fixture('BlockActionsBodyButton.txt'), 'act2');
    expect((await deliver(k.url, body, form)).status).toBe(200);
    await k.kohort.idle();
    expect(fake.responses.map((r) => r.id)).toEqual(['act2']);
    expect(String(fake.responses[0]?.body.text)).toContain('older message');
  });

  it('replays BlockActionsBody.txt: a select in a DM from someone in no cohort is answered in the DM', async () => {
    const body = withLocalResponseUrl(fixture('BlockActionsBody.txt'), 'act3');
    expect((await deliver(k.url, body, form)).status).toBe(200);
    await k.kohort.idle();
    const [post] = fake.callsOf('chat.postMessage');
    expect(post?.args.channel).toBe('D01DX1HSCC9');
    expect(String(post?.args.text)).toContain('äldre meddelande');
  });

  it('acknowledges a view submission of a modal that is not kohort’s and does nothing else', async () => {
    const response = await deliver(k.url, interactiveBody(JSON.parse(fixture('view_submission.json'))), form);
    expect(response.status).toBe(200);
    await k.kohort.idle();
    expect(fake.sends()).toEqual([]);
  });

  it.each(['ReactionAddedEvent.json', 'UnknownEvent.json'])('answers %s with 200 and ignores it', async (file) => {
    const before = await k.db.prisma.processedEvent.count();
    const response = await deliver(k.url, fixture(file), signed);
    expect(response.status).toBe(200);
    await k.kohort.idle();
    expect(fake.sends()).toEqual([]);
    expect(await k.db.prisma.processedEvent.count()).toBe(before);
  });
});
