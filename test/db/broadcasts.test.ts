// Facilitator broadcasts: preview, audience, one confirmation, one message per recipient
// through the outbox — even when confirmed twice or interrupted and resumed — and a
// delivery report that says who did not get it and why. Participants cannot broadcast.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../src/core/errors.js';
import type { Message } from '../../src/ui/model.js';
import { toPlainText } from '../../src/ui/plain-text.js';
import { buttonOf, formOf, routerChat } from '../helpers/chat.js';
import { freshDatabase, type TestDatabase } from '../helpers/database.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { importFixture, servicesFor } from '../helpers/services.js';
import { IMPORTED, local } from '../helpers/summary-fixture.js';

const SARA = 'demo-host/sara';
const PARTICIPANTS = ['anna', 'erik', 'johan', 'lina', 'maja'].map((k) => `dm:demo-host/${k}`);
let db: TestDatabase;
let clock: FakeClock;
let wiring: ReturnType<typeof servicesFor>;

beforeEach(async () => {
  db = await freshDatabase();
  clock = new FakeClock(IMPORTED);
  await importFixture(db, 'programs/digitalt-forst.yaml', clock.now());
  wiring = servicesFor(db, clock);
  clock.set(local('2027-03-01T10:00'));
});
afterEach(async () => db.close());

const { say, act, press, submit, last } = routerChat(() => wiring);
const worker = (id = 'w', concurrency = 4) => wiring.worker(id, concurrency);
const sentTo = (conversation: string) => wiring.adapter.sent.filter((s) => s.conversation === conversation).map((s) => toPlainText(s.message));
const broadcastsTo = (conversation: string) => sentTo(conversation).filter((t) => /Förberedelser inför modul 4|Preparations before module 4|Meddelande från Sara/.test(t));

/** Sara drafts module 4's preparations and picks an audience; returns the confirmation card. */
async function draftModule4(audience: string): Promise<Message> {
  await say(SARA, 'utskick');
  const menu = last();
  expect(toPlainText(menu)).toContain('Välj en modul vars förberedelser ska skickas ut');
  const select = menu.blocks.flatMap((b) => (b.type === 'actions' ? b.elements : [])).find((e) => e.type === 'select')!;
  expect(select.type === 'select' && select.options.map((o) => o.label)).toEqual(['Modul 4: Strategiska prioriteringar', 'Modul 5: Digital destination och transformationsplanen']);
  await act(SARA, 'broadcast.module', '4');
  const preview = last();
  await press(SARA, buttonOf(preview, audience));
  return last();
}

describe('broadcasts', () => {
  it('previews, sends each participant one message in their language, and reports who could not be reached', async () => {
    const preview = await (async () => {
      await say(SARA, 'utskick 4');
      return last();
    })();
    const text = toPlainText(preview);
    expect(text).toContain('Förhandsvisning – så här ser mottagarna det:');
    expect(text).toContain('Förberedelser inför modul 4: Strategiska prioriteringar');
    expect(text).toContain('• Läs Att leda digital transformation, s. 102–123 – senast');
    expect(text).toContain('Lycksele, Ansia');
    expect(preview.blocks.flatMap((b) => (b.type === 'actions' ? b.elements.map((e) => (e.type === 'button' ? e.label : '')) : []))).toEqual([
      'Alla deltagare (5, direktmeddelande)',
      'Kohortens kanaler (3)',
      'Grupp Omnikanal (2, direktmeddelande)',
      'Grupp Tillgänglighet (3, direktmeddelande)',
      'Avbryt',
    ]);
    // Nothing is planned before the confirmation.
    expect(await db.prisma.outboundMessage.count()).toBe(0);

    await press(SARA, buttonOf(preview, 'Alla deltagare'));
    const confirm = last();
    expect(toPlainText(confirm)).toContain('Skicka till alla 5 deltagare som direktmeddelande?');
    expect(await press(SARA, buttonOf(confirm, 'Skicka'))).toContain('Skickar till 5 mottagare.');
    // A double click, or the audience button again: nothing more.
    expect(await press(SARA, buttonOf(confirm, 'Skicka'))).toContain('redan skickat');
    expect(await press(SARA, buttonOf(preview, 'Kohortens kanaler'))).toContain('redan skickat');
    expect(await db.prisma.outboundMessage.count({ where: { kind: 'broadcast' } })).toBe(5);

    // Johan's Slack account is gone: the platform refuses for good.
    const original = wiring.adapter.sendProactive.bind(wiring.adapter);
    const refuse = async (key: string, msg: Message) => {
      if (key === 'dm:demo-host/johan') throw new DeliveryError('not_found', 'user_not_found', 'gone');
      return original({ platform: 'local', key, kind: 'dm', reference: {} }, msg);
    };
    wiring.adapter.sendProactive = (conversation, msg) => refuse(conversation.key, msg);
    wiring.adapter.sendToPerson = (target, msg) => refuse(`dm:${target.userId}`, msg);

    expect(await worker().tick()).toMatchObject({ sent: 4, failed: 1 });
    for (const dm of PARTICIPANTS.filter((d) => !d.includes('johan'))) expect(broadcastsTo(dm)).toHaveLength(1);
    expect(broadcastsTo('dm:demo-host/maja')[0]).toContain('Preparations before module 4: Strategiska prioriteringar');
    const reports = sentTo(`dm:${SARA}`).filter((t) => t.startsWith('Leveransrapport'));
    expect(reports).toEqual(['Leveransrapport: förberedelser inför modul 4\nLevererat: 4 av 5.\nNås inte (1):\n• Johan Berg – användaren finns inte']);
    await worker().tick();
    expect(sentTo(`dm:${SARA}`).filter((t) => t.startsWith('Leveransrapport'))).toHaveLength(1);
    expect(await say(SARA, 'utskick rapport')).toBe(reports[0]);
  });

  it('interrupted and resumed, delivers exactly one message per recipient and an accurate report', async () => {
    const confirm = await draftModule4('Alla deltagare');
    await press(SARA, buttonOf(confirm, 'Skicka'));
    const first = worker('first', 1);
    // The first worker is stopped while it sends its second message.
    const original = wiring.adapter.sendToPerson.bind(wiring.adapter);
    let sends = 0;
    wiring.adapter.sendToPerson = async (target, msg) => {
      sends += 1;
      if (sends === 2) void first.stop();
      return original(target, msg);
    };
    await first.tick();
    await first.stop();
    const rows = await db.prisma.outboundMessage.findMany({ where: { kind: 'broadcast' } });
    expect(rows.filter((r) => r.status === 'sent')).toHaveLength(2);
    expect(rows.filter((r) => r.status === 'pending')).toHaveLength(3);
    expect(rows.filter((r) => r.status === 'claimed')).toHaveLength(0);
    expect(await say(SARA, 'utskick rapport')).toBe('Leveransrapport: förberedelser inför modul 4\nLevererat: 2 av 5.\nPågår: 3 kvar att skicka.');

    expect(await worker('second').tick()).toMatchObject({ sent: 3 });
    for (const dm of PARTICIPANTS) expect(broadcastsTo(dm)).toHaveLength(1);
    expect(
      sentTo(`dm:${SARA}`)
        .filter((t) => t.startsWith('Leveransrapport'))
        .at(-1),
    ).toBe('Leveransrapport: förberedelser inför modul 4\nLevererat: 5 av 5.');
  });

  it('sends a written message to the cohort channels or to one group', async () => {
    await say(SARA, 'utskick');
    await press(SARA, buttonOf(last(), 'Skriv eget meddelande'));
    const form = formOf(last());
    expect(await submit(SARA, form, { text: '   ' })).toBe('Meddelandet är tomt. Skriv något att skicka.');
    expect(await submit(SARA, form, { text: 'x'.repeat(2501) })).toBe('Meddelandet är 2501 tecken. Håll det under 2500 tecken.');
    await submit(SARA, form, { text: 'Hej alla! *Viktigt*: vi börjar 09:30 <@here>' });
    await press(SARA, buttonOf(last(), 'Kohortens kanaler'));
    expect(toPlainText(last())).toBe('Skicka till kohortens 3 kanaler: #kohorten (lekplatsen), #grupp-omnikanal (lekplatsen), #grupp-tillganglighet (lekplatsen)?\n[Skicka] [Avbryt]');
    await press(SARA, buttonOf(last(), 'Skicka'));
    await worker().tick();
    for (const channel of ['kohorten', 'grupp-omnikanal', 'grupp-tillganglighet']) {
      expect(sentTo(`channel:${channel}`)).toEqual(['Meddelande från Sara Ek\nHej alla! *Viktigt*: vi börjar 09:30 <@here>']);
    }
    expect(sentTo(`dm:${SARA}`).at(-1)).toBe('Leveransrapport: ditt meddelande\nLevererat: 3 av 3.');

    await say(SARA, 'utskick Glöm inte boken');
    await press(SARA, buttonOf(last(), 'Grupp Omnikanal'));
    expect(toPlainText(last())).toBe('Skicka till de 2 deltagarna i Grupp Omnikanal som direktmeddelande?\n[Skicka] [Avbryt]');
    await press(SARA, buttonOf(last(), 'Skicka'));
    await worker().tick();
    const got = PARTICIPANTS.filter((dm) => sentTo(dm).some((t) => t.includes('Glöm inte boken')));
    expect(got).toEqual(['dm:demo-host/lina', 'dm:demo-host/maja']);
  });

  it('is for facilitators only, and a cancelled draft sends nothing', async () => {
    expect(await say('demo-host/anna', 'utskick 4')).toContain('Det här kan bara en processledare göra.');
    const confirm = await draftModule4('Grupp Tillgänglighet');
    // Anna presses Sara's confirm button (forged or forwarded): refused on the server.
    expect(await press('demo-host/anna', buttonOf(confirm, 'Skicka'))).toContain('Det här kan bara en processledare göra.');
    expect(await act(SARA, 'broadcast.confirm', '00000000-0000-4000-8000-000000000000')).toBe('Den knappen hör till ett äldre meddelande och gör inget längre.');
    expect(await act(SARA, 'broadcast.audience', "x|group:' OR 1=1")).toBe('Den knappen hör till ett äldre meddelande och gör inget längre.');
    expect(await press(SARA, buttonOf(confirm, 'Avbryt'))).toBe('Utskicket är avbrutet. Inget skickades.');
    expect(await press(SARA, buttonOf(confirm, 'Skicka'))).toContain('avbrutet');
    expect(await db.prisma.outboundMessage.count()).toBe(0);
  });
});
