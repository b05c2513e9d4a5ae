// The Matrix adapter's reliability, against the fake homeserver over HTTP: a rate refusal is
// waited out for as long as retry_after_ms says, a person without a direct room gets one
// (is_direct, recorded in m.direct) and only one, a person who left or cannot be invited is
// unreachable, and only invitations from the cohort or kohort's own server are accepted.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMatrix } from '../../adapters/matrix/matrix-app.js';
import { SdkHomeserver } from '../../adapters/matrix/sdk-client.js';
import { DeliveryError } from '../../src/core/errors.js';
import { createLogger } from '../../src/core/logger.js';
import { message, text } from '../../src/ui/model.js';
import { RecordingSink } from '../contract/harness/sink.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { FakeHomeserver, REFUSALS, SERVER } from '../helpers/fake-homeserver.js';

const ANNA = `@anna:${SERVER}`;
const REMOTE_MEMBER = '@lina:bibliotek.example.se';
const STRANGER = '@spam:elsewhere.example';

let hs: FakeHomeserver;
let clock: FakeClock;
let running: Awaited<ReturnType<typeof startMatrix>>;
let homeserver: SdkHomeserver;

beforeEach(async () => {
  hs = await new FakeHomeserver().start();
  hs.people.add(ANNA);
  clock = new FakeClock(new Date());
  hs.now = () => clock.now().getTime();
  const logger = createLogger('silent');
  homeserver = new SdkHomeserver({ baseUrl: hs.url, accessToken: hs.token, userId: hs.botId, logger, pollTimeoutMs: 200 });
  const directory = { people: async () => [{ userId: REMOTE_MEMBER, name: 'Lina', roles: ['participant'], cohort: 'c' }], channels: async () => [] };
  running = await startMatrix(homeserver, { homeserverUrl: hs.url, accessToken: hs.token, userId: hs.botId, sendsPerSecond: 1000 }, { sink: new RecordingSink(), clock, logger, directory });
});
afterEach(async () => {
  await running.drain();
  await running.stop();
  await hs.stop();
});

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('Matrix delivery', () => {
  it('waits out M_LIMIT_EXCEEDED for retry_after_ms and then delivers the message once', async () => {
    const room = hs.createRoom(ANNA);
    hs.inviteBot(room, ANNA, true);
    await hs.waitFor(() => hs.membership(room, hs.botId) === 'join', 'joined');
    hs.refuseNext({ ...REFUSALS.rate_limited, retry_after_ms: 1500 }, 2);
    const before = clock.now().getTime();
    const ref = await running.adapter.sendProactive({ platform: 'matrix', key: room, kind: 'dm', reference: { roomId: room, userId: ANNA } }, message(text('Efter väntan')));
    expect(hs.throttled).toBe(2);
    expect(hs.messagesIn(room).map((m) => [m.eventId, m.content.body])).toEqual([[ref.messageId, 'Efter väntan']]);
    // Waited on kohort's clock, at least as long as the homeserver asked, twice.
    expect(clock.now().getTime() - before).toBeGreaterThanOrEqual(3000);
  });

  it('opens one unencrypted direct room for a person who has none, invites them and records it in m.direct', async () => {
    const [first, second] = await Promise.all([
      running.adapter.sendToPerson({ platform: 'matrix', userId: ANNA }, message(text('Ett'))),
      running.adapter.sendToPerson({ platform: 'matrix', userId: ANNA }, message(text('Två'))),
    ]);
    expect(first.conversationKey).toBe(second.conversationKey);
    const room = first.conversationKey;
    expect(hs.membership(room, ANNA)).toBe('invite');
    expect(hs.isEncrypted(room)).toBe(false);
    expect(hs.accountData.get('m.direct')).toEqual({ [ANNA]: [room] });
    expect(hs.requests.filter((r) => r === 'POST /_matrix/client/v3/createRoom')).toHaveLength(1);
    expect(hs.messagesIn(room).map((m) => m.content.body)).toEqual(['Ett', 'Två']);
  });

  it('reports a person who left their direct room, or cannot be invited, as unreachable, and opens no new room', async () => {
    const room = (await running.adapter.sendToPerson({ platform: 'matrix', userId: ANNA }, message(text('Hej')))).conversationKey;
    hs.join(room, ANNA);
    hs.leave(room, ANNA);
    await hs.waitFor(() => homeserver.membership(room, ANNA) === 'leave', 'kohort synced the leave');
    const left = await failure(running.adapter.sendToPerson({ platform: 'matrix', userId: ANNA }, message(text('Påminnelse'))));
    expect(left).toBeInstanceOf(DeliveryError);
    expect(left).toMatchObject({ kind: 'unreachable', permanent: true, platformCode: 'KOHORT_PERSON_LEFT' });
    const proactive = await failure(running.adapter.sendProactive({ platform: 'matrix', key: room, kind: 'dm', reference: { roomId: room, userId: ANNA } }, message(text('Påminnelse'))));
    expect(proactive).toMatchObject({ kind: 'unreachable' });

    hs.people.add('@blocked:example.org');
    hs.uninvitable.add('@blocked:example.org');
    expect(await failure(running.adapter.sendToPerson({ platform: 'matrix', userId: '@blocked:example.org' }, message(text('Hej'))))).toMatchObject({
      kind: 'unreachable',
      platformCode: 'KOHORT_NOT_INVITABLE',
    });
    expect(await failure(running.adapter.sendToPerson({ platform: 'matrix', userId: '@nobody:example.org' }, message(text('Hej'))))).toMatchObject({ kind: 'unreachable' });
    expect(hs.requests.filter((r) => r === 'POST /_matrix/client/v3/createRoom')).toHaveLength(3);
  });

  it('joins rooms a cohort member or someone on its own server invites it to, and declines a stranger’s', async () => {
    const fromMember = hs.createRoom(REMOTE_MEMBER);
    hs.inviteBot(fromMember, REMOTE_MEMBER);
    const fromLocal = hs.createRoom(ANNA);
    hs.inviteBot(fromLocal, ANNA);
    const fromStranger = hs.createRoom(STRANGER);
    hs.inviteBot(fromStranger, STRANGER);
    await hs.waitFor(() => [fromMember, fromLocal, fromStranger].every((r) => hs.membership(r, hs.botId) !== 'invite'), 'every invite answered');
    expect([fromMember, fromLocal, fromStranger].map((r) => hs.membership(r, hs.botId))).toEqual(['join', 'join', 'leave']);
  });
});
