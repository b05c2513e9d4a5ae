// The CSV files a facilitator downloads, fetched over real HTTP from the link kohort gives,
// as Excel set to the facilitator's language needs them: the UTF-8 byte-order mark as the
// first bytes, ";" and decimal commas for Swedish ("," and points for English), headers in
// their language, and each decision's reason; names and small groups stay hidden as before.
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { formOf } from '../helpers/chat.js';
import { submittedAttempt } from '../helpers/maturity.js';
import { playgroundChat } from '../helpers/playground-chat.js';
import { startTestKohort } from '../helpers/test-kohort.js';

const local = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Stockholm' }).toJSDate();
let k: Awaited<ReturnType<typeof startTestKohort>>;
afterEach(async () => k?.kohort.stop());

const { lastBot, say, click, form } = playgroundChat(() => k);

/** The file behind the link in the facilitator's last answer: its bytes and its lines. */
async function download(who: string): Promise<{ bytes: number[]; lines: string[] }> {
  const links = (await lastBot(who)).message!.blocks.find((b) => b.type === 'links');
  if (links?.type !== 'links') throw new Error('no download link in the answer');
  const res = await fetch(links.links[0]!.url.replace('localhost', '127.0.0.1'));
  expect(res.status).toBe(200);
  const bytes = new Uint8Array(await res.arrayBuffer());
  // `res.text()` would drop the byte-order mark (TextDecoder does), hiding what this checks.
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(3));
  return { bytes: [...bytes.subarray(0, 3)], lines: text.split('\r\n') };
}

const BOM = [0xef, 0xbb, 0xbf];

describe('CSV downloads', () => {
  it('beslutsexport: Swedish Excel’s format for a Swedish facilitator, English for an English one, with reasons and names only where allowed', async () => {
    k = await startTestKohort({ program: 'programs/digitalt-forst.yaml', env: { PLAYGROUND: 'on' }, now: local('2027-01-11T10:00') });
    // Erik decides in his own words, gives a reason, and lets his name be shown.
    await say('erik', 'sluta boka möten utan agenda; "alla" bjuds in');
    await form('erik', formOf((await lastBot('erik')).message!), { reason: 'Mötena tar två timmar, varje vecka' });
    await click('erik', 'Får visas med mitt namn');
    // Lina keeps hers counted only: never named.
    await say('lina', 'sluta kopiera och skanna allt');
    await form('lina', formOf((await lastBot('lina')).message!), { reason: 'Ingen läser kopiorna' });

    await say('sara', 'beslutsexport');
    const sv = await download('sara');
    expect(sv.bytes).toEqual(BOM);
    expect(sv.lines[0]).toBe('Modul;Namn;Gäller;Beslut;Varför;Förslag;Läge;Frigjorda timmar per vecka;Senaste uppföljning');
    expect(sv.lines).toContainEqual(expect.stringMatching(/^\d+;Erik Nyström;personligt;"boka möten utan agenda; ""alla"" bjuds in";"Mötena tar två timmar, varje vecka";;pågår;;$/));
    expect(sv.lines).toContainEqual(expect.stringMatching(/^\d+;;personligt;kopiera och skanna allt;Ingen läser kopiorna;;pågår;;$/));
    expect(sv.lines.join('\n')).not.toContain('Lina');

    await say('sara', 'language en');
    await say('sara', 'beslutsexport');
    const en = await download('sara');
    expect(en.bytes).toEqual(BOM);
    expect(en.lines[0]).toBe('Module,Name,Applies to,Decision,Why,Suggestion,Status,Hours freed per week,Last follow-up');
    expect(en.lines).toContainEqual(expect.stringMatching(/^\d+,Erik Nyström,personal,"boka möten utan agenda; ""alla"" bjuds in","Mötena tar två timmar, varje vecka",,ongoing,,$/));
    expect(en.lines.join('\n')).not.toContain('Lina');
  });

  it('mognadsexport: the byte-order mark, semicolons and decimal commas in Swedish; cells below the group size stay empty', async () => {
    k = await startTestKohort({ program: 'programs/digitalt-forst.yaml', env: { PLAYGROUND: 'on' }, now: local('2027-01-11T10:00') });
    k.clock.set(local('2027-01-20T10:00'));
    for (const [key, value] of [
      ['anna', 2],
      ['erik', 3],
      ['johan', 4],
      ['maja', 5],
    ] as const)
      await submittedAttempt(k.db, key, 'fore-modul-3', value, k.clock.now());

    await say('sara', 'mognadsexport');
    const sv = await download('sara');
    expect(sv.bytes).toEqual(BOM);
    expect(sv.lines[0]).toBe('Kohort eller grupp;Tillfälle;Dimension;Antal svar;Medelvärde;Spridning;Förändring sedan förra tillfället');
    expect(sv.lines).toContain('Hela Demokohorten;Före modul 3;Ledarskap;4;3,5;1,12;');
    // Grupp Omnikanal: Maja alone answered, below the threshold of three.
    expect(sv.lines).toContain('Grupp Omnikanal;Före modul 3;Ledarskap;1;;;');
    expect(sv.lines.join('\n')).not.toMatch(/Anna|Erik|Johan|Maja|Lina/);

    await say('sara', 'language en');
    await say('sara', 'mognadsexport');
    const en = await download('sara');
    expect(en.bytes).toEqual(BOM);
    expect(en.lines[0]).toBe('Cohort or group,Occasion,Dimension,Answers,Mean,Spread,Change since the previous occasion');
    expect(en.lines).toContainEqual(expect.stringMatching(/^All of Demokohorten,Före modul 3,[A-Za-z ]+,4,3\.5,1\.12,$/));
  });
});
