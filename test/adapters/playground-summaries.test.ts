// The walk-through in the playground, over real HTTP: the facilitator broadcasts
// module 4's preparations (menu, preview, audience, confirm) and gets the delivery report;
// participants mark things done, answer the reflection questions asked at their set time
// and record a commitment; on the Thursday before module 4 (Good Friday moves it) each
// group's channel gets its summary, with the long part in a thread.
import { afterEach, describe, expect, it } from 'vitest';
import type { TranscriptEntry } from '../../adapters/local/transcript.js';
import { toPlainText } from '../../src/ui/plain-text.js';
import { buttonOf, formOf } from '../helpers/chat.js';
import { submittedAttempt } from '../helpers/maturity.js';
import { playgroundChat, postInbound } from '../helpers/playground-chat.js';
import { IMPORTED, local, MODULE_4_SUMMARY } from '../helpers/summary-fixture.js';
import { startTestKohort } from '../helpers/test-kohort.js';

let k: Awaited<ReturnType<typeof startTestKohort>>;
afterEach(async () => k?.kohort.stop());

const { bot, say, press, form } = playgroundChat(() => k);

async function channel(name: string): Promise<TranscriptEntry[]> {
  await k.kohort.idle();
  const res = await fetch(`${k.url}/playground/api/channels/${name}/messages`);
  return ((await res.json()) as { messages: TranscriptEntry[] }).messages;
}

/** The latest message to the person whose text contains `needle`. */
async function find(who: string, needle: string): Promise<TranscriptEntry> {
  const found = (await bot(who)).filter((e) => toPlainText(e.message!).includes(needle)).at(-1);
  if (!found) throw new Error(`${who} got nothing with "${needle}"`);
  return found;
}

describe('broadcasts and group summaries in the playground', () => {
  it('the facilitator broadcasts module 4 and gets the report; the groups get their summary before the module', async () => {
    k = await startTestKohort({ program: 'programs/digitalt-forst.yaml', env: { PLAYGROUND: 'on' }, now: IMPORTED });
    // Maturity tests taken before module 3 and again after it (the test itself is covered elsewhere).
    for (const [key, before, after] of [
      ['anna', 2, 3],
      ['erik', 4, 5],
      ['johan', 3, 4],
    ] as const) {
      await submittedAttempt(k.db, key, 'fore-modul-3', before, local('2027-02-01T10:00'));
      await submittedAttempt(k.db, key, 'fore-modul-5', after, local('2027-03-02T10:00'));
    }

    k.clock.set(local('2027-03-15T10:00'));
    expect(await say('sara', 'utskick')).toContain('Välj en modul vars förberedelser ska skickas ut');
    await postInbound(k.url, { as: 'demo-host/sara', kind: 'action', actionId: 'broadcast.module', value: '4' });
    const preview = (await bot('sara')).at(-1)!;
    expect(toPlainText(preview.message!)).toContain('Förhandsvisning – så här ser mottagarna det:\nFörberedelser inför modul 4: Strategiska prioriteringar\nmån 29 mars kl. 09:30, Lycksele, Ansia');
    const question = await press('sara', buttonOf(preview.message!, 'Alla deltagare'));
    expect(question).toContain('Skicka till alla 5 deltagare som direktmeddelande?');
    expect(await press('sara', buttonOf((await bot('sara')).at(-1)!.message!, 'Skicka'))).toContain('Skickar till 5 mottagare.');
    await k.kohort.scheduler.tick();
    for (const who of ['anna', 'erik', 'johan', 'lina']) expect(toPlainText((await find(who, 'modul 4')).message!)).toContain('Förberedelser inför modul 4: Strategiska prioriteringar');
    expect(toPlainText((await find('maja', 'module 4')).message!)).toContain('Preparations before module 4: Strategiska prioriteringar');
    expect(toPlainText((await find('sara', 'Leveransrapport')).message!)).toBe('Leveransrapport: förberedelser inför modul 4\nLevererat: 5 av 5.');

    // Monday a week before: the reading's reminder and the wave task's reflection questions.
    k.clock.set(local('2027-03-22T09:00'));
    await k.kohort.scheduler.tick();
    const reminder = await find('anna', 'Läs Att leda digital transformation, s. 102–123');
    await press('anna', buttonOf(reminder.message!, 'Klar'));
    const answers = [
      ['anna', 'Kompetensen påverkas mest: personalen behöver nya verktyg.', true],
      ['erik', 'Kompetensen och ledarskapet, personalen måste med.', false],
      ['johan', 'Infrastrukturen, och kompetensen.', false],
    ] as const;
    for (const [who, answer, quotable] of answers) {
      const asked = await find(who, 'Fråga 1 av 2');
      await form(who, formOf(asked.message!), { answer });
      const saved = await find(who, 'Får svaret citeras');
      await press(who, buttonOf(saved.message!, quotable ? 'Ja, anonymt' : 'Nej, bara för mig'));
    }
    await say('anna', 'sluta Sluta curla');
    await press('anna', buttonOf((await find('anna', 'Sluta curla')).message!, 'Får visas med mitt namn'));

    k.clock.set(new Date(MODULE_4_SUMMARY.getTime() - 60_000));
    await k.kohort.scheduler.tick();
    expect(await channel('grupp-tillganglighet')).toEqual([]);
    k.clock.set(MODULE_4_SUMMARY);
    await k.kohort.scheduler.tick();

    const posts = await channel('grupp-tillganglighet');
    const main = posts.find((p) => !p.threadOf)!;
    const thread = posts
      .filter((p) => p.threadOf === main.id)
      .map((p) => toPlainText(p.message!))
      .join('\n');
    expect(posts).toHaveLength(2);
    const summary = toPlainText(main.message!);
    expect(summary).toContain('Inför modul 4: Strategiska prioriteringar');
    expect(summary).toContain('• Läs Att leda digital transformation, s. 102–123: 1 av 3 klara');
    expect(summary).toContain('Beslut, mognadstestet och reflektionerna finns i tråden.');
    expect(thread).toContain('• Anna Lindqvist: ”Sluta curla” – pågår');
    expect(thread).toContain('• Ledarskap: 4,0 ± 0,8 (n = 3) förändring +1,0');
    expect(thread).toContain('Vilken motor påverkas mest av vågen ni valde, och varför? – 3 av 3 har svarat.');
    expect(thread).toContain('”Kompetensen påverkas mest: personalen behöver nya verktyg.”');
    expect(thread).toContain('Återkommande ord: kompetensen');
    expect(thread).not.toContain('Infrastrukturen');
    // The whole cohort's channel and the other group's got theirs too.
    expect((await channel('kohorten')).map((p) => toPlainText(p.message!).split('\n')[0])).toEqual(['Inför modul 4: Strategiska prioriteringar', 'Sluta göra']);
    expect(toPlainText((await channel('grupp-omnikanal'))[0]!.message!)).toContain('Grupp Omnikanal');
  });
});
