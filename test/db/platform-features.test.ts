// What the core offers every platform, through the router on a real database: forms,
// first-contact greetings, private answers, home surfaces, refused deliveries, and
// finding a participant on a platform by e-mail.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SlackDirectory } from '../../adapters/slack/directory.js';
import { SlackAdapter } from '../../adapters/slack/slack-adapter.js';
import { SlackApi } from '../../adapters/slack/slack-api.js';
import { DeliveryError } from '../../src/core/errors.js';
import type { InboundEvent } from '../../src/core/events.js';
import { createLogger } from '../../src/core/logger.js';
import { reachParticipant } from '../../src/outbox/delivery.js';
import { freshDatabase, type TestDatabase } from '../helpers/database.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { FakeSlack } from '../helpers/fake-slack.js';
import { messageFrom } from '../helpers/recording-adapter.js';
import { importFixture, servicesFor } from '../helpers/services.js';
import { toPlainText } from '../../src/ui/plain-text.js';

let db: TestDatabase;
let clock: FakeClock;

beforeEach(async () => {
  db = await freshDatabase();
  clock = new FakeClock(new Date('2027-03-01T08:00:00Z'));
  await importFixture(db, 'test/fixtures/programs/valid-minimal.yaml', clock.now());
});
afterEach(async () => db.close());

const event = (userId: string, extra: Partial<InboundEvent>) => messageFrom(userId, '', extra);

describe('core features for every platform', () => {
  it('joins with the code submitted in a form, and refuses forms it does not know', async () => {
    const { adapter, route } = servicesFor(db, clock);
    await route(event('guest-form', { type: 'form', formId: 'join', values: { code: '  mini-1 ' } } as Partial<InboundEvent>));
    // The welcome, with the privacy notice after it (a new member's first message).
    expect(adapter.lastText().split('\n')[0]).toBe('Välkommen till Mini cohort! Skriv ”status” för att se dina närmaste deadlines.');
    // The new member's home is drawn at once.
    expect(adapter.homes.map((h) => h.userId)).toEqual(['guest-form']);
    expect(toPlainText(adapter.homes[0]!.message)).toContain('Mini cohort');
    await route(event('guest-form', { type: 'form', formId: 'nonsense', values: {} } as Partial<InboundEvent>));
    expect(adapter.lastText()).toContain('äldre meddelande');
  });

  it('offers visitors the join form in help', async () => {
    const { adapter, route } = servicesFor(db, clock);
    await route(messageFrom('guest-help', 'hjälp'));
    const form = adapter.sent.at(-1)!.message.blocks.find((b) => b.type === 'input');
    expect(form).toMatchObject({ formId: 'join', inputId: 'code', submitLabel: 'Gå med', cancelLabel: 'Avbryt' });
  });

  it('greets a conversation the first time the bot is opened, never twice', async () => {
    const { adapter, route } = servicesFor(db, clock);
    await route(event('mini-1/ada', { type: 'installed' } as Partial<InboundEvent>));
    await route(event('mini-1/ada', { type: 'installed' } as Partial<InboundEvent>));
    expect(adapter.sent.map((s) => toPlainText(s.message))).toEqual([expect.stringContaining('Välkommen till kohort!')]);
  });

  it('draws the home with the person’s deadlines when it is opened', async () => {
    const { adapter, route } = servicesFor(db, clock);
    await route(event('mini-1/ada', { type: 'home_opened' } as Partial<InboundEvent>));
    const home = toPlainText(adapter.homes[0]!.message);
    expect(home).toContain('Hej Ada!');
    expect(home).toContain('Read the intro');
    expect(adapter.sent).toEqual([]);
  });

  it('answers privately when the platform asked for it', async () => {
    const { adapter, route } = servicesFor(db, clock);
    const inChannel = { platform: 'local' as const, key: 'channel:general', kind: 'channel' as const, reference: {} };
    await route(messageFrom('mini-1/ada', 'status', { conversation: inChannel, answerPrivately: true }));
    expect(adapter.sent).toEqual([]);
    expect(adapter.ephemeral.map((e) => [e.conversation, e.userId])).toEqual([['channel:general', 'mini-1/ada']]);
  });

  it('does not remember a conversation the bot may not post to on its own', async () => {
    const { route } = servicesFor(db, clock);
    const foreignDm = { platform: 'local' as const, key: 'dm:someone-else', kind: 'dm' as const, reference: {}, proactive: false as const };
    await route(messageFrom('mini-1/ada', 'status', { conversation: foreignDm }));
    expect(await db.prisma.conversationReference.count({ where: { key: 'dm:someone-else' } })).toBe(0);
  });

  it('records a refused answer for the facilitators instead of failing', async () => {
    const { adapter, route } = servicesFor(db, clock);
    adapter.failWith = new DeliveryError('not_found', 'channel_not_found', 'gone');
    await expect(route(messageFrom('mini-1/ada', 'status'))).resolves.toBeUndefined();
    const entry = await db.prisma.auditLog.findFirstOrThrow({ where: { action: 'delivery.failed' } });
    expect(entry.detail).toEqual({ platform: 'local', reason: 'channel_not_found', permanent: true });
  });
});

describe('reaching a participant for messages kohort starts', () => {
  let fake: FakeSlack;
  beforeEach(async () => {
    fake = await new FakeSlack().start();
  });
  afterEach(async () => fake.stop());

  function withSlack() {
    const api = new SlackApi({ token: 'xoxb-t', apiUrl: fake.apiUrl, clock, logger: createLogger('silent'), minIntervalMs: 0 });
    const slack = new SlackAdapter(api, new SlackDirectory(api, clock, createLogger('silent')), clock, createLogger('silent'));
    const { wiring } = servicesFor(db, clock);
    wiring.adapters.set('slack', slack);
    return wiring.delivery;
  }

  it('finds a person listed by e-mail on Slack once, then remembers them', async () => {
    const services = withSlack();
    const ada = await db.prisma.participant.update({ where: { cohortId_key: { cohortId: (await db.prisma.cohort.findFirstOrThrow()).id, key: 'ada' } }, data: { email: 'Ada@Example.org' } });
    fake.addUser({ id: 'UADA', email: 'Ada@Example.org' });
    expect(await reachParticipant(services, ada.id)).toEqual({ platform: 'slack', userId: 'UADA' });
    expect(await reachParticipant(services, ada.id)).toMatchObject({ platform: 'slack', userId: 'UADA' });
    expect(fake.callsOf('users.lookupByEmail')).toHaveLength(1);
    expect(await db.prisma.platformIdentity.count({ where: { participantId: ada.id, platform: 'slack' } })).toBe(1);
  });

  it('falls back to the playground identity when Slack does not know the address', async () => {
    const services = withSlack();
    const bo = await db.prisma.participant.findFirstOrThrow({ where: { key: 'bo' } });
    await db.prisma.participant.update({ where: { id: bo.id }, data: { email: 'bo@example.org' } });
    expect(await reachParticipant(services, bo.id)).toMatchObject({ platform: 'local', userId: 'mini-1/bo' });
    expect(await reachParticipant(services, '00000000-0000-0000-0000-000000000000')).toBeUndefined();
  });
});
