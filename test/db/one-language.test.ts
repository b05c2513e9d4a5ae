// One language per person: a member's own choice, else the language their chat app is set
// to, else their program's — for answers, reminders and reports alike; a visitor's choice
// holds for their next answers and comes with them when they join.
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InboundEvent } from '../../src/core/events.js';
import { replanReminders } from '../../src/features/reminders/planner.js';
import { toPlainText } from '../../src/ui/plain-text.js';
import { buttonOf } from '../helpers/chat.js';
import { freshDatabase, type TestDatabase } from '../helpers/database.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { messageFrom } from '../helpers/recording-adapter.js';
import { importFixture, servicesFor } from '../helpers/services.js';

const local = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Stockholm' }).toJSDate();
let db: TestDatabase;
let clock: FakeClock;
let wiring: ReturnType<typeof servicesFor>;

beforeEach(async () => {
  db = await freshDatabase();
  clock = new FakeClock(local('2027-01-11T10:00'));
  await importFixture(db, 'programs/digitalt-forst.yaml', clock.now());
  wiring = servicesFor(db, clock);
});
afterEach(async () => db.close());

/** An event from someone whose chat app is set to `appLocale` (as Teams and Slack report it). */
const from = (userId: string, appLocale: string | undefined, event: Partial<InboundEvent>): InboundEvent => {
  const base = messageFrom(userId, '');
  return { ...base, ...event, actor: { ...base.actor, ...(appLocale ? { locale: appLocale } : {}) } } as InboundEvent;
};
const say = async (userId: string, text: string, appLocale?: string) => {
  await wiring.route(from(userId, appLocale, { type: 'message', text }));
  return wiring.adapter.lastText();
};
const sentTo = (userId: string) => wiring.adapter.sent.filter((s) => s.conversation === `dm:${userId}`).map((s) => toPlainText(s.message));

describe('one language per person', () => {
  it('follows a member’s chat app in answers and in the reminders kohort sends on its own', async () => {
    // Erik chose no language; his Teams is in English; the program is Swedish.
    expect(await say('demo-host/erik', 'status', 'en-US')).toContain('Your status');
    const erik = await db.prisma.participant.findFirstOrThrow({ where: { key: 'erik' } });
    expect(erik.platformLocale).toBe('en');
    await replanReminders(wiring.services, { everything: true }, clock.now());
    const first = await db.prisma.outboundMessage.findFirstOrThrow({ where: { participantId: erik.id, kind: 'reminder' }, orderBy: { dueAt: 'asc' } });
    clock.set(first.dueAt);
    await wiring.worker('w').tick();
    expect(sentTo('demo-host/erik').at(-1)).toMatch(/^Reminder: /);
  });

  it('gives a facilitator the program’s titles in their language in reports', async () => {
    // Sara's chat app is in English: `progress` names modules and preparations as the program does in English.
    const progress = await say('demo-host/sara', 'progress', 'en-US');
    expect(progress).toContain('Module 1: Our digital inner world, day 1');
    expect(progress).not.toContain('Vår digitala invärld, dag 1');
  });

  it('keeps a member’s own choice over their chat app’s language', async () => {
    // Maja chose English in the program file; her app says Swedish.
    expect(await say('demo-host/maja', 'status', 'sv-SE')).toContain('Your status');
    await say('demo-host/maja', 'språk svenska', 'en-GB');
    expect(await say('demo-host/maja', 'status', 'en-GB')).toContain('Din status');
  });

  it('answers a visitor in the language they chose until they join, and keeps it for them after', async () => {
    const visitor = 'visitor-1';
    await say(visitor, 'hjälp');
    await wiring.route(from(visitor, undefined, { type: 'action', ...pick(wiring.adapter.sent.at(-1)!.message, 'In English') }));
    // Not a command in either language: answered in the language chosen, not the default.
    expect(await say(visitor, 'hmm?')).toMatch(/I did not understand|not in a cohort/i);
    expect(await say(visitor, 'gå med DIGI-2026')).toContain('Welcome');
    const joined = await db.prisma.participant.findFirstOrThrow({ where: { identities: { some: { externalId: visitor } } } });
    expect(joined.locale).toBe('en');
    // Listed by a name a facilitator can tell apart, never a role word.
    expect(joined.displayName).toBe(visitor);
  });

  it('answers a visitor in their chat app’s language, as it will once they joined: joining changes nothing', async () => {
    const visitor = 'visitor-2';
    // Swedish words from an English Teams client: English, before and after joining alike.
    expect(await say(visitor, 'hjälp', 'en-US')).toContain('join');
    expect(await say(visitor, 'gå med DIGI-2026', 'en-US')).toContain('Welcome');
    expect(await say(visitor, 'status', 'en-US')).toContain('Your status');
  });
});

function pick(msg: Parameters<typeof buttonOf>[0], label: string) {
  const b = buttonOf(msg, label);
  return { actionId: b.actionId, value: b.value };
}
