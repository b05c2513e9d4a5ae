// The facilitators' CSV of maturity aggregates, fetched over real HTTP from the link kohort
// gives: values only where the threshold allows, nothing for a participant, and the link
// stops working after 24 hours or with any other id.
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import type { TranscriptEntry } from '../../adapters/local/transcript.js';
import { startTestKohort } from '../helpers/test-kohort.js';

const local = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Stockholm' }).toJSDate();
let k: Awaited<ReturnType<typeof startTestKohort>>;
afterEach(async () => k?.kohort.stop());

async function submitted(key: string, value: number) {
  const person = await k.db.prisma.participant.findFirstOrThrow({ where: { key } });
  await k.db.prisma.questionnaireAttempt.create({
    data: {
      participantId: person.id,
      questionnaireKey: 'mognadstest',
      occasionKey: 'fore-modul-3',
      status: 'submitted',
      currentIndex: 30,
      startedAt: k.clock.now(),
      submittedAt: k.clock.now(),
      answers: { create: [{ questionKey: 'le-riktning', scaleValue: value, answeredAt: k.clock.now() }] },
    },
  });
}

async function ask(who: string, text: string): Promise<TranscriptEntry> {
  await fetch(`${k.url}/playground/api/inbound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ as: `demo-host/${who}`, kind: 'message', text }) });
  await k.kohort.idle();
  const res = await fetch(`${k.url}/playground/api/conversations/demo-host%2F${who}/messages`);
  return ((await res.json()) as { messages: TranscriptEntry[] }).messages.filter((m) => m.from === 'bot').at(-1)!;
}

describe('maturity CSV export', () => {
  it('gives facilitators a link to aggregates only, which expires', async () => {
    k = await startTestKohort({ program: 'programs/digitalt-forst.yaml', env: { PLAYGROUND: 'on' }, now: local('2027-01-11T10:00') });
    k.clock.set(local('2027-01-20T10:00'));
    for (const [key, value] of [
      ['anna', 2],
      ['erik', 3],
      ['johan', 4],
      ['maja', 5],
    ] as const)
      await submitted(key, value);

    const answer = await ask('sara', 'mognadsexport');
    const links = answer.message!.blocks.find((b) => b.type === 'links') as { links: { label: string; url: string }[] };
    expect(links.links[0]!.label).toBe('mognadstest-demokohorten.csv');
    const url = links.links[0]!.url;
    expect(url).toMatch(new RegExp(`^${k.url.replace('127.0.0.1', 'localhost')}/exports/[0-9a-f-]{36}$`));

    const res = await fetch(url.replace('localhost', '127.0.0.1'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="mognadstest-demokohorten.csv"');
    const csv = (await res.text()).replace(/^\uFEFF/, '').split('\r\n');
    expect(csv[0]).toBe('Kohort eller grupp;Tillfälle;Dimension;Antal svar;Medelvärde;Spridning;Förändring sedan förra tillfället');
    expect(csv).toContain('Hela Demokohorten;Före modul 3;Ledarskap;4;3,5;1,12;');
    // Grupp Tillgänglighet (Anna, Erik, Johan): three answers, shown. Grupp Omnikanal (Maja, Lina): one, hidden.
    expect(csv).toContain('Grupp Tillgänglighet;Före modul 3;Ledarskap;3;3;0,82;');
    expect(csv).toContain('Grupp Omnikanal;Före modul 3;Ledarskap;1;;;');
    expect(csv.join('\n')).not.toMatch(/Anna|Erik|Johan|Maja|Lina/);

    expect(toText(await ask('anna', 'mognadsexport'))).toContain('Det här kan bara processledare eller administratörer göra');
    expect((await fetch(`${k.url}/exports/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    expect((await fetch(`${k.url}/exports/not-an-id`)).status).toBe(404);
    k.clock.advance(24 * 3600_000 + 1);
    expect((await fetch(url.replace('localhost', '127.0.0.1'))).status).toBe(404);
  });
});

function toText(entry: TranscriptEntry): string {
  return JSON.stringify(entry.message);
}
