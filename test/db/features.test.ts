import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../helpers/database.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { messageFrom } from '../helpers/recording-adapter.js';
import { importFixture, servicesFor } from '../helpers/services.js';

const MINI = 'test/fixtures/programs/valid-minimal.yaml';
let db: TestDatabase;
let clock: FakeClock;

beforeEach(async () => {
  db = await freshDatabase();
  clock = new FakeClock(new Date('2027-03-01T08:00:00Z'));
  await importFixture(db, MINI, clock.now());
});
afterEach(async () => db.close());

async function say(userId: string, text: string) {
  const { adapter, route } = servicesFor(db, clock);
  await route(messageFrom(userId, text));
  return adapter.lastText();
}

describe('help, status, language and join through the router', () => {
  it('answers a visitor in the language they wrote in, with how to join', async () => {
    expect(await say('guest-1', 'hjälp')).toContain('Du är inte med i någon kohort ännu');
    expect(await say('guest-1', 'help')).toContain('You are not in a cohort yet');
    // The way to join, with no program's code written into it.
    expect(await say('guest-1', 'help')).toContain('Type ‘join’ followed by the code, or fill it in below.');
    expect(await say('guest-1', 'help')).not.toContain('DIGI-2026');
  });

  it('lets a visitor join with the cohort code, case-insensitively, once', async () => {
    expect(await say('guest-2', 'gå med NOPE-1')).toBe('Jag hittar ingen kohort med koden NOPE-1. Kontrollera koden med din processledare.');
    expect(await say('guest-2', 'gå med')).toBe('Skriv ”gå med” och sedan koden du fått av din processledare.');
    // The welcome is the first message to a new member: the privacy notice comes with it, after the welcome.
    const [welcome, ...notice] = (await say('guest-2', 'gå med mini-1')).split('\n');
    expect(welcome).toBe('Välkommen till Mini cohort! Skriv ”status” för att se dina närmaste deadlines.');
    expect(notice[0]).toBe('Om dina uppgifter i kohort');
    expect(await say('guest-2', 'gå med MINI-1')).toBe('Du är redan med i Mini cohort.');
    const person = await db.prisma.platformIdentity.findUniqueOrThrow({
      where: { platform_externalId: { platform: 'local', externalId: 'guest-2' } },
      include: { participant: { include: { roles: true } } },
    });
    expect(person.participant.roles.map((r) => r.role)).toEqual(['participant']);
    expect(await db.prisma.auditLog.count({ where: { action: 'cohort.joined' } })).toBe(1);
  });

  it('shows a member their next deadlines in the program time zone, and nothing once they pass', async () => {
    const text = await say('mini-1/ada', 'status');
    expect(text).toContain('Read the intro – senast fre 5 mars kl. 12:00');
    expect(text).toContain('Modul 1: Start');
    clock.set(new Date('2027-03-05T11:00:01Z'));
    expect(await say('mini-1/ada', 'status')).toContain('Du har inga förberedelser kvar att göra just nu');
  });

  it('keeps a chosen language and uses it from then on', async () => {
    // Ada's first message: the privacy notice comes with it, in the language she just chose.
    const [done, ...notice] = (await say('mini-1/ada', 'språk en')).split('\n');
    expect(done).toBe('Done! I will speak English with you from now on.');
    expect(notice[0]).toBe('About your data in kohort');
    expect(await say('mini-1/ada', 'status')).toContain('Read the intro – due Fri 5 Mar, 12:00');
    expect(await say('mini-1/ada', 'language klingon')).toBe('I speak Swedish and English. Type ‘language en’ or ‘language sv’.');
    expect(await say('mini-1/ada', 'språk sv')).toBe('Klart! Jag pratar svenska med dig från och med nu.');
  });

  it('answers what it does not understand with the commands that fit the role', async () => {
    expect((await say('mini-1/ada', 'vad händer?')).split('\n')[0]).toBe(
      'Det där förstod jag inte. Du kan skriva: hjälp, status, klar, språk, paus, mognadstest, sluta göra, integritet, mina data, glöm mig.',
    );
    const help = await say('mini-1/bo', 'hjälp');
    expect(help).toContain('Hej Bo!');
    expect(help).toContain('Du är med i Mini cohort som teamledare');
    expect(help).toContain('status – dina närmaste deadlines');
    expect(help).not.toContain('gå med');
  });

  it('refuses member-only commands to visitors on the server, not just by hiding buttons', async () => {
    expect(await say('guest-3', 'status')).toBe('Det där kan du göra när du är med i en kohort. Har du fått en kod av din processledare? Skriv ”gå med” följt av koden.');
    // A member without the role is told which role it takes.
    expect(await say('mini-1/ada', 'uppföljning')).toBe('Det här kan bara processledare eller administratörer göra. Skriv ”hjälp” för att se vad du kan göra.');
  });

  it('refuses an over-long message without touching stored data', async () => {
    await say('mini-1/ada', 'språk en');
    expect(await say('mini-1/ada', 'x'.repeat(4001))).toBe('That message is too long (4001 characters). Please keep it under 4000 characters.');
    const ada = await db.prisma.participant.findFirstOrThrow({ where: { key: 'ada' } });
    expect(ada.locale).toBe('en');
  });

  it('handles buttons: a command button works, an unknown one is explained', async () => {
    const { adapter, route } = servicesFor(db, clock);
    const base = messageFrom('mini-1/ada', '');
    await route({ ...base, type: 'action', actionId: 'command', value: 'status' });
    expect(adapter.lastText()).toContain('Din status');
    await route({ ...base, eventId: 'other', type: 'action', actionId: 'reminder.done.v0', value: 'x' });
    expect(adapter.lastText()).toBe('Den knappen hör till ett äldre meddelande och gör inget längre.');
  });

  it('stores the conversation reference of every event for later proactive sends', async () => {
    await say('mini-1/ada', 'hjälp');
    const ref = await db.prisma.conversationReference.findUniqueOrThrow({ where: { platform_key: { platform: 'local', key: 'dm:mini-1/ada' } } });
    expect(ref.participantId).not.toBeNull();
    expect(ref.reference).toEqual({ conversation: 'dm:mini-1/ada' });
  });
});
