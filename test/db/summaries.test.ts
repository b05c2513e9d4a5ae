// Group summaries: planned two days before each module (moved off weekends), posted to each
// group's and the cohort's channel with the long part in a thread, built from the state of
// the moment — and never showing what an owner kept private or a group too small to show.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type createOutboxWorker } from '../../src/outbox/worker.js';
import { summaryPlanner } from '../../src/features/summaries/summarize.js';
import { toPlainText } from '../../src/ui/plain-text.js';
import { freshDatabase, type TestDatabase } from '../helpers/database.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { submittedAttempt } from '../helpers/maturity.js';
import { messageFrom } from '../helpers/recording-adapter.js';
import { importFixture, noticeAlreadyGiven, servicesFor } from '../helpers/services.js';
import { COUNTED_TEXT, IMPORTED, local, MODULE_4_SUMMARY, PRIVATE_ANSWERS, QUOTABLE, seedModule4 } from '../helpers/summary-fixture.js';

let db: TestDatabase;
let clock: FakeClock;
let wiring: ReturnType<typeof servicesFor>;
let worker: ReturnType<typeof createOutboxWorker>;

beforeEach(async () => {
  db = await freshDatabase();
  clock = new FakeClock(IMPORTED);
  await importFixture(db, 'programs/digitalt-forst.yaml', clock.now());
  await noticeAlreadyGiven(db, clock.now());
  wiring = servicesFor(db, clock);
  worker = wiring.worker('w');
  await seedModule4(db, wiring.services, clock.now());
});
afterEach(async () => db.close());

/** The channel's top-level posts and, for each, its thread replies, as plain text. */
function channel(name: string) {
  const posts = wiring.adapter.sent.map((s, index) => ({ ...s, id: String(index + 1) })).filter((s) => s.conversation === `channel:${name}`);
  return posts.filter((p) => !p.threadOf).map((p) => ({ main: toPlainText(p.message), thread: posts.filter((r) => r.threadOf === p.id).map((r) => toPlainText(r.message)) }));
}

function expectNothingPrivate(all: string) {
  expect(all).not.toContain(COUNTED_TEXT);
  for (const secret of PRIVATE_ANSWERS) expect(all).not.toContain(secret);
  expect(all).not.toMatch(/Erik|Johan/);
  expect(all).not.toContain('chef');
}

describe('scheduled group summaries', () => {
  it('go to every channel on the working day before the weekend before module 4 (Good Friday skipped) with completion, commitments, maturity and reflections', async () => {
    expect((await summaryPlanner.plan(wiring.services, {}, clock.now())).planned).toBe(15);
    clock.set(new Date(MODULE_4_SUMMARY.getTime() - 60_000));
    await worker.tick();
    expect(wiring.adapter.sent.filter((s) => toPlainText(s.message).includes('modul 4'))).toEqual([]);

    // Maja answers alone in her group of two, and lets it be quoted: still nobody may quote it there.
    const maja = (await db.prisma.participant.findFirstOrThrow({ where: { key: 'maja' } })).id;
    const wave = (await db.prisma.preparation.findFirstOrThrow({ where: { key: 'ny-forandringsvag' } })).id;
    const alone = await wiring.services.reflections.save({ participantId: maja, preparationId: wave, questionKey: 'q1', answer: 'Omnikanal är svårast för oss.', at: clock.now() });
    await wiring.services.reflections.setQuoteAllowed(alone, true);

    clock.set(MODULE_4_SUMMARY);
    await worker.tick();
    const [group] = channel('grupp-tillganglighet').filter((p) => p.main.includes('modul 4'));
    expect(group!.main).toContain('Inför modul 4: Strategiska prioriteringar');
    expect(group!.main).toContain('Grupp Tillgänglighet · mån 29 mars kl. 09:30, Lycksele, Ansia');
    expect(group!.main).toContain('• Läs Att leda digital transformation, s. 102–123: 2 av 3 klara');
    expect(group!.main).toContain('• Utforska en ny förändringsvåg och hur den påverkar de nio digitala motorerna: 1 av 3 klara');
    expect(group!.main).toContain('2 beslut om att sluta göra · 3 reflektionssvar');
    expect(group!.thread).toHaveLength(1);
    const thread = group!.thread[0]!;
    expect(thread).toContain('• Anna Lindqvist: ”Sluta curla” – pågår');
    // One counted decision is only counted: by status it would give its owner away (issue 15.5).
    expect(thread).toContain('• 1 beslut utan namn');
    expect(thread).not.toContain('1 beslut utan namn:');
    expect(thread).toContain('Grupp Tillgänglighet – Före modul 3 (medel, spridning, antal):');
    expect(thread).toContain('• Ledarskap: 3,0 ± 0,8 (n = 3)');
    expect(thread).toContain('Förändringen visas efter nästa test.');
    expect(thread).toContain('Vilken motor påverkas mest av vågen ni valde, och varför? – 3 av 3 har svarat.');
    expect(thread).toContain(`”${QUOTABLE}”`);
    expect(thread).toContain('Återkommande ord: kompetensen, personalen');
    expect(thread).toContain('Skulle du ändra något svar i ditt mognadstest nu? – 0 av 3 har svarat.');
    expectNothingPrivate(group!.main + thread);

    const [small] = channel('grupp-omnikanal').filter((p) => p.main.includes('modul 4'));
    expect(small!.main).toContain('• Läs Att leda digital transformation, s. 102–123: 1 av 2 klara');
    expect(small!.thread[0]).toContain('Grupp Omnikanal – Före modul 3: för få svar för att visa (n = 1)');
    expect(small!.thread[0]).not.toContain('Ledarskap');
    expect(small!.thread[0]).toContain('• Lina Sandberg: ”Färre fysiska möten” – pågår');
    expect(small!.thread[0]).not.toContain('Anna');
    // The only answer in the group is not quoted, though its writer allowed it (issue 15.5).
    expect(small!.thread[0]).toContain('1 av 2 har svarat.\n(för få svar för att citera – minst 3 behövs)');
    expect(small!.thread[0]).not.toContain('Omnikanal är svårast');

    const [cohort] = channel('kohorten').filter((p) => p.main.includes('modul 4'));
    expect(cohort!.main).toContain('Hela Demokohorten · mån 29 mars');
    expect(cohort!.main).toContain('• Läs Att leda digital transformation, s. 102–123: 3 av 5 klara');
    expect(cohort!.thread[0]).toContain('• Ledarskap: 3,3 ± 0,8 (n = 4)');
    expectNothingPrivate(cohort!.main + cohort!.thread.join('\n'));

    // Once each: another tick and another planning send and add nothing.
    const count = wiring.adapter.sent.length;
    await worker.tick();
    expect((await summaryPlanner.plan(wiring.services, {}, clock.now())).planned).toBe(0);
    await worker.tick();
    expect(wiring.adapter.sent.length).toBe(count);
  });

  it('show the change since the previous maturity test before module 5', async () => {
    for (const [key, value] of [
      ['anna', 3],
      ['erik', 5],
      ['johan', 4],
    ] as const)
      await submittedAttempt(db, key, 'fore-modul-5', value, local('2027-04-10T10:00'));
    clock.set(local('2027-05-07T09:00'));
    await wiring.route(messageFrom('demo-host/sara', 'sammanfatta'));
    await worker.tick();
    const [group] = channel('grupp-tillganglighet');
    expect(group!.main).toContain('Inför modul 5: Digital destination och transformationsplanen');
    expect(group!.thread[0]).toContain('Grupp Tillgänglighet – Före modul 5 (medel, spridning, antal):');
    expect(group!.thread[0]).toContain('• Ledarskap: 4,0 ± 0,8 (n = 3) förändring +1,0');
    expect(group!.thread[0]).not.toContain('Förändringen visas efter nästa test.');
  });
});

describe('summaries on demand', () => {
  it('are posted at once by a facilitator, for the next module or the one named; a participant cannot', async () => {
    clock.set(local('2027-03-01T10:00'));
    await wiring.route(messageFrom('demo-host/sara', 'sammanfatta'));
    expect(wiring.adapter.lastText()).toBe('Sammanfattningen inför modul 4 skickas nu till 3 kanaler: #kohorten (lekplatsen), #grupp-omnikanal (lekplatsen), #grupp-tillganglighet (lekplatsen).');
    expect(await worker.tick()).toMatchObject({ sent: 6 });
    expect(channel('kohorten')[0]!.main).toContain('Inför modul 4');

    await wiring.route(messageFrom('demo-host/sara', 'summarize 3'));
    expect(wiring.adapter.lastText()).toContain('modul 3');
    await wiring.route(messageFrom('demo-host/sara', 'sammanfatta 9'));
    expect(wiring.adapter.lastText()).toBe('Det finns ingen modul 9 i programmet.');
    await wiring.route(messageFrom('demo-host/sara', 'sammanfatta nästa'));
    expect(wiring.adapter.lastText()).toBe('Vilken modul ska sammanfattas? Skriv till exempel ”sammanfatta 4”.');

    const before = await db.prisma.outboundMessage.count();
    await wiring.route(messageFrom('demo-host/anna', 'sammanfatta'));
    expect(wiring.adapter.lastText()).toContain('processledare');
    expect(await db.prisma.outboundMessage.count()).toBe(before);
  });
});
