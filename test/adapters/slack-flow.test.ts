// Whole conversations in Slack, every Web API call checked on the fake: what a
// participant sees when they ask for help, click a button, join with a code in a modal,
// or write from an account the program only knows by e-mail; and what happens when
// Slack says "slow down" or refuses a message.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliver, interactiveBody, type RecordedCall } from '../helpers/fake-slack.js';
import { fixture, SIGNING_SECRET, startSlackKohort } from '../helpers/slack-kohort.js';

type Kohort = Awaited<ReturnType<typeof startSlackKohort>>;
let k: Kohort;
let eventCounter = 0;

beforeEach(async () => {
  k = await startSlackKohort();
});
afterEach(async () => {
  await k.stop();
});

/** A DM from `user` in channel `channel`, as the Events API delivers it. */
async function dm(user: string, channel: string, text: string): Promise<void> {
  eventCounter += 1;
  const body = JSON.parse(fixture('MessageBody.json')) as { event: Record<string, string>; event_id: string };
  Object.assign(body.event, { user, channel, text, ts: `1700000100.${eventCounter}` });
  body.event_id = `Ev-flow-${eventCounter}`;
  expect((await deliver(k.url, JSON.stringify(body), { secret: SIGNING_SECRET })).status).toBe(200);
  await k.kohort.idle();
}

/** The message as Slack would hand it back in a click payload: every block with a block_id. */
function asSlackStored(post: RecordedCall, ts: string) {
  const blocks = (post.args.blocks as Record<string, unknown>[]).map((b, i) => ({ block_id: `blk${i}`, ...b }));
  return { type: 'message', ts, text: post.args.text, blocks };
}

/** Clicks the element with `label` in a posted message, as Slack reports the click. */
async function click(user: string, channel: string, post: RecordedCall, ts: string, label: string): Promise<void> {
  const message = asSlackStored(post, ts);
  const block = message.blocks.find((b) => JSON.stringify(b).includes(`"text":"${label}"`)) as { block_id: string; elements?: Record<string, unknown>[]; accessory?: Record<string, unknown> };
  const element = (block.elements ?? [block.accessory!]).find((e) => JSON.stringify(e).includes(`"text":"${label}"`))!;
  eventCounter += 1;
  const payload = {
    type: 'block_actions',
    user: { id: user, team_id: 'T111' },
    team: { id: 'T111' },
    trigger_id: `trigger-${eventCounter}`,
    container: { type: 'message', message_ts: ts, channel_id: channel, is_ephemeral: false },
    channel: { id: channel, name: 'directmessage' },
    message,
    actions: [{ type: 'button', action_id: element.action_id, block_id: block.block_id, value: element.value, text: element.text, action_ts: `1700000200.${eventCounter}` }],
  };
  expect((await deliver(k.url, interactiveBody(payload), { secret: SIGNING_SECRET, contentType: 'application/x-www-form-urlencoded' })).status).toBe(200);
  await k.kohort.idle();
}

const sendsOf = (k: Kohort) => k.fake.sends().map((c) => c.method);

describe('a participant in Slack', () => {
  it('asks for help, clicks "Min status" and switches to English — every Web API call as expected', async () => {
    await dm('W111', 'D111', 'hjälp');
    expect(sendsOf(k)).toEqual(['chat.postMessage']);
    const helpPost = k.fake.callsOf('chat.postMessage')[0]!;
    expect(helpPost.args.channel).toBe('D111');
    expect(String(helpPost.args.text)).toContain('Hej Ada!');
    const helpTs = '1700000000.000001'; // the fake's first ts

    await click('W111', 'D111', helpPost, helpTs, 'Min status');
    expect(sendsOf(k)).toEqual(['chat.postMessage', 'chat.update', 'chat.postMessage']);
    const update = k.fake.callsOf('chat.update')[0]!;
    expect(update.args).toMatchObject({ channel: 'D111', ts: helpTs });
    // The buttons are gone, the choice is shown in their place; the rest of the card stays.
    const updated = JSON.stringify(update.args.blocks);
    expect(updated).toContain('✓ Min status');
    expect(updated).not.toContain('"type":"actions"');
    expect(updated).toContain('Hej Ada!');
    const statusPost = k.fake.callsOf('chat.postMessage')[1]!;
    expect(String(statusPost.args.text)).toContain('Din status');
    expect(String(statusPost.args.text)).toContain('Läs introduktionen');

    await dm('W111', 'D111', 'hjälp');
    const secondHelp = k.fake.callsOf('chat.postMessage')[2]!;
    await click('W111', 'D111', secondHelp, '1700000000.000003', 'In English');
    expect(sendsOf(k)).toEqual(['chat.postMessage', 'chat.update', 'chat.postMessage', 'chat.postMessage', 'chat.update', 'chat.postMessage', 'views.publish']);
    expect(String(k.fake.callsOf('chat.postMessage')[3]!.args.text)).toMatch(/English/);
    // The App Home is redrawn in the new language.
    expect(JSON.stringify(k.fake.callsOf('views.publish')[0]!.args.view)).toContain('coming up for you');
    const ada = await k.db.prisma.participant.findFirstOrThrow({ where: { key: 'ada' } });
    expect(ada.locale).toBe('en');
  });

  it('joins a cohort with the code typed into a modal', async () => {
    k.fake.addUser({ id: 'UNEW', name: 'Nina', locale: 'sv-SE' });
    await dm('UNEW', 'DNEW', 'hjälp');
    const help = k.fake.callsOf('chat.postMessage')[0]!;
    expect(String(help.args.text)).toContain('Du är inte med i någon kohort');

    await click('UNEW', 'DNEW', help, '1700000000.000001', '✎ Gå med');
    // The form button opens a modal at once (the trigger is valid for three seconds) and nothing else.
    expect(sendsOf(k)).toEqual(['chat.postMessage', 'views.open']);
    const open = k.fake.callsOf('views.open')[0]!;
    const view = open.args.view as { callback_id: string; private_metadata: string; blocks: { block_id: string; element: { action_id: string } }[] };
    expect(open.args.trigger_id).toMatch(/^trigger-/);
    expect(view.blocks[0]?.block_id).toBe('code');

    const submission = JSON.parse(fixture('view_submission.json')) as Record<string, any>;
    submission.user = { id: 'UNEW', team_id: 'T111' };
    // The id Slack gave the modal when it opened it (the fake's).
    submission.view.id = 'V-fake';
    submission.view.callback_id = view.callback_id;
    submission.view.private_metadata = view.private_metadata;
    submission.view.state = { values: { code: { [view.blocks[0]!.element.action_id]: { type: 'plain_text_input', value: ' slack-1 ' } } } };
    const response = await deliver(k.url, interactiveBody(submission), { secret: SIGNING_SECRET, contentType: 'application/x-www-form-urlencoded' });
    expect(response.status).toBe(200);
    await k.kohort.idle();

    expect(sendsOf(k)).toEqual(['chat.postMessage', 'views.open', 'chat.update', 'chat.postMessage', 'views.publish']);
    // The card the form was opened from shows it as sent, and offers it no more.
    const closed = k.fake.callsOf('chat.update')[0]!;
    expect(closed.args).toMatchObject({ channel: 'DNEW', ts: '1700000000.000001' });
    expect(JSON.stringify(closed.args.blocks)).toContain('✓ ”slack-1”');
    expect(JSON.stringify(closed.args.blocks)).not.toContain('Gå med');
    expect(JSON.stringify(closed.args.blocks)).not.toContain('"type":"actions"');
    const joined = k.fake.callsOf('chat.postMessage')[1]!;
    expect(joined.args.channel).toBe('DNEW');
    expect(String(joined.args.text)).toContain('Välkommen till Slackkohorten');
    const nina = await k.db.prisma.platformIdentity.findUniqueOrThrow({ where: { platform_externalId: { platform: 'slack', externalId: 'UNEW' } }, include: { participant: true } });
    expect(nina.participant.displayName).toBe('Nina');
  });

  it('recognises a person the program lists only by e-mail, and remembers them', async () => {
    await dm('UCY', 'DCY', 'status');
    const post = k.fake.callsOf('chat.postMessage')[0]!;
    // Cy's Slack locale is en-GB and Cy chose nothing yet: English, with Cy's deadlines.
    expect(String(post.args.text)).toContain('Your status');
    expect(String(post.args.text)).toContain('Läs introduktionen');
    const identity = await k.db.prisma.platformIdentity.findUniqueOrThrow({ where: { platform_externalId: { platform: 'slack', externalId: 'UCY' } }, include: { participant: true } });
    expect(identity.participant.key).toBe('cy');
    expect(await k.db.prisma.auditLog.count({ where: { action: 'identity.linked' } })).toBe(1);
  });

  it('acknowledges Slack before the slow work: the 200 comes while Slack itself is still slow to answer', async () => {
    const release = k.fake.hold('users.info');
    const body = fixture('MessageBody.json').replace('"text": "Hello"', '"text": "status"');
    const response = await deliver(k.url, body, { secret: SIGNING_SECRET });
    expect(response.status).toBe(200);
    // The profile lookup has started and is still waiting; nothing has been answered yet.
    await k.fake.waitUntil(() => k.fake.callsOf('users.info').length === 1);
    expect(k.fake.callsOf('chat.postMessage')).toEqual([]);
    release();
    await k.kohort.idle();
    expect(String(k.fake.callsOf('chat.postMessage')[0]?.args.text)).toContain('Din status');
  });

  it('waits out a 429 for as long as Retry-After says, then delivers once', async () => {
    k.fake.script('chat.postMessage', { status: 429, retryAfter: 7 }, 2);
    await dm('W111', 'D111', 'status');
    const posts = k.fake.callsOf('chat.postMessage');
    expect(posts).toHaveLength(3);
    expect(k.clock.sleeps.filter((ms) => ms >= 1000)).toEqual([7000, 7000]);
    expect(String(posts[2]!.args.text)).toContain('Din status');
  });

  it('records a refused message instead of crashing, and keeps answering', async () => {
    k.fake.script('chat.postMessage', { status: 200, error: 'account_inactive' });
    await dm('W111', 'D111', 'status');
    const failure = await k.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'delivery.failed' } });
    expect(failure.detail).toMatchObject({ platform: 'slack', reason: 'account_inactive', permanent: true });

    await dm('W111', 'D111', 'status');
    expect(k.fake.callsOf('chat.postMessage')).toHaveLength(2);
    expect((await fetch(`${k.url}/readyz`)).status).toBe(200);
  });

  it('falls back to a DM when a mention’s private answer cannot be posted in the channel', async () => {
    k.fake.script('chat.postEphemeral', { status: 200, error: 'not_in_channel' });
    const body = fixture('app_mention.json').replace('"user": "W222"', '"user": "W111"').replace('Hi there!', 'status');
    await deliver(k.url, body, { secret: SIGNING_SECRET });
    await k.kohort.idle();
    expect(sendsOf(k)).toEqual(['chat.postEphemeral', 'chat.postMessage']);
    expect(k.fake.callsOf('chat.postMessage')[0]!.args.channel).toBe('D-W111');
  });
});

describe('reminders in Slack', () => {
  it('arrive as a DM with Klar, Snooza and Detaljer; Klar turns into the chosen answer and stops them', async () => {
    const ada = await k.db.prisma.participant.findFirstOrThrow({ where: { key: 'ada' } });
    const first = await k.db.prisma.outboundMessage.findFirstOrThrow({ where: { participantId: ada.id, kind: 'reminder', status: 'pending' }, orderBy: { dueAt: 'asc' } });
    const prep = await k.db.prisma.preparation.findUniqueOrThrow({ where: { id: String((first.payload as { preparationId: string }).preparationId) } });
    k.clock.set(first.dueAt);
    await k.kohort.scheduler.tick();
    // Everyone with that deadline gets it at once; Cy, listed only by e-mail, is found with
    // users.lookupByEmail. (Depending on the weekday, another item may fall due at the same moment.)
    const posts = k.fake.callsOf('chat.postMessage');
    expect(new Set(posts.map((p) => p.args.channel))).toEqual(new Set(['D-UCY', 'D-W111', 'D-userId']));
    const post = posts.find((p) => p.args.channel === 'D-W111' && String(p.args.text).includes(`Påminnelse: ${prep.title}`))!;
    expect(JSON.stringify(post.args.blocks)).toContain('"text":"Snooza till i morgon"');
    expect(JSON.stringify(post.args.blocks)).toContain('"text":"Detaljer"');
    const sentRow = await k.db.prisma.outboundMessage.findUniqueOrThrow({ where: { id: first.id } });
    expect([sentRow.status, sentRow.platformMessageId]).toEqual(['sent', expect.stringMatching(/^1700000000\./)]);

    await click('W111', 'D-W111', post, sentRow.platformMessageId!, 'Klar');
    const update = k.fake.callsOf('chat.update').at(-1)!;
    expect(JSON.stringify(update.args.blocks)).toContain('✓ Klar');
    expect(JSON.stringify(update.args.blocks)).not.toContain('"text":"Detaljer"');
    expect(String(k.fake.callsOf('chat.postMessage').at(-1)!.args.text)).toContain(`”${prep.title}” är klar`);
    expect(await k.db.prisma.preparationCompletion.count({ where: { participantId: ada.id } })).toBe(1);
    expect(await k.db.prisma.outboundMessage.count({ where: { participantId: ada.id, status: 'pending', idempotencyKey: { contains: first.idempotencyKey.split(':')[2]! } } })).toBe(0);
  });
});

describe('the maturity test in Slack', () => {
  it('asks one question with the scale as buttons; a click shows the choice and brings the next question', async () => {
    await dm('W111', 'D111', 'test');
    const card = k.fake.callsOf('chat.postMessage').at(-1)!;
    expect(String(card.args.text)).toContain('Fråga 1 av 30');
    const blocks = JSON.stringify(card.args.blocks);
    for (const label of ['1 Stämmer inte alls', '3 Stämmer delvis', '5 Stämmer helt', 'Hoppa över', 'Pausa']) expect(blocks).toContain(`"text":"${label}"`);
    await click('W111', 'D111', card, '1700000300.000001', '4 Stämmer ganska bra');
    const answered = JSON.stringify(k.fake.callsOf('chat.update').at(-1)!.args.blocks);
    expect(answered).toContain('✓ 4 Stämmer ganska bra');
    // The whole question is answered: Skip and Pause go with the scale.
    expect(answered).not.toContain('"type":"actions"');
    expect(answered).toContain('Fråga 1 av 30');
    expect(String(k.fake.callsOf('chat.postMessage').at(-1)!.args.text)).toContain('Fråga 2 av 30');
    // Typed in the DM works too.
    await dm('W111', 'D111', 'hoppa över');
    expect(String(k.fake.callsOf('chat.postMessage').at(-1)!.args.text)).toContain('Fråga 3 av 30');
  });
});

describe('maturity results in Slack', () => {
  it('come with the chart as a PNG uploaded into the DM after the text bars', async () => {
    await dm('W111', 'D111', 'test');
    for (let n = 0; n < 29; n += 1) await dm('W111', 'D111', '4');
    await dm('W111', 'D111', 'hoppa över');
    await dm('W111', 'D111', 'skicka in');
    const results = k.fake.callsOf('chat.postMessage').at(-1)!;
    expect(String(results.args.text)).toContain('Ditt resultat – Nu');
    expect(JSON.stringify(results.args.blocks)).toContain('Medelvärde per område (1–5)');
    const ticket = k.fake.callsOf('files.getUploadURLExternal').at(-1)!;
    expect(ticket.args.filename).toBe('kohort-chart.png');
    expect(String(ticket.args.alt_txt)).toContain('Ledarskap 4,0');
    const complete = k.fake.callsOf('files.completeUploadExternal').at(-1)!;
    expect(complete.args.channel_id).toBe('D111');
    const files = (typeof complete.args.files === 'string' ? JSON.parse(complete.args.files) : complete.args.files) as { id: string }[];
    const fileId = files[0]?.id;
    const png = k.fake.uploads.get(fileId!)!;
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.length).toBe(Number(ticket.args.length));
  });
});
