// The walk-through in the playground, over real HTTP: Erik records a team decision
// from the suggestion list, his lead Anna sees it, the follow-up arrives before the next
// module (the scheduler ticked on the fake clock), Erik answers "Delvis" and "2 h", and
// Anna and the facilitator Sara see the new status.
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { toPlainText } from '../../src/ui/plain-text.js';
import { playgroundChat, postInbound } from '../helpers/playground-chat.js';
import { startTestKohort } from '../helpers/test-kohort.js';

const local = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Stockholm' }).toJSDate();
let k: Awaited<ReturnType<typeof startTestKohort>>;
afterEach(async () => k?.kohort.stop());

const { bot, lastText, say, click } = playgroundChat(() => k);

describe('stop-doing commitments in the playground', () => {
  it('a team decision from the list, seen by the lead, followed up before the next module, answered partly with 2 hours', async () => {
    k = await startTestKohort({ program: 'programs/digitalt-forst.yaml', env: { PLAYGROUND: 'on' }, now: local('2027-01-11T10:00') });
    const capture = await say('erik', 'sluta');
    expect(capture).toContain('Vad ska du sluta göra?');
    const card = (await bot('erik')).at(-1)!;
    const select = card.message!.blocks.flatMap((b) => (b.type === 'actions' ? b.elements : [])).find((e) => e.type === 'select')!;
    expect(select.type === 'select' && select.options.map((o) => o.label)).toContain('Färre fysiska möten');
    await postInbound(k.url, { as: 'demo-host/erik', kind: 'action', actionId: select.actionId, value: 'farre-moten' });
    expect(await lastText('erik')).toContain('Följs upp: före modul 1 (mån 25 jan.)');
    expect(await click('erik', 'Gäller mitt team')).toContain('Gäller: hela teamet (Stadsbiblioteket)');

    // The lead sees the team's decision (Erik keeps his name out of it).
    expect(await say('anna', 'mitt team')).toContain('• ”Färre fysiska möten” (teamets beslut) – pågår');

    // Before module 1 (Monday 25 January): the follow-up on Wednesday 20 January at 09:00.
    const followUps = async () => (await bot('erik')).filter((e) => toPlainText(e.message!).startsWith('Har du genomfört ditt beslut?'));
    k.clock.set(local('2027-01-20T08:59'));
    await k.kohort.scheduler.tick();
    expect(await followUps()).toEqual([]);
    // 09:00 also brings the reading reminder; the two may arrive in either order.
    k.clock.set(local('2027-01-20T09:00'));
    await k.kohort.scheduler.tick();
    const [followUp] = await followUps();
    expect(toPlainText(followUp!.message!)).toContain('”Färre fysiska möten”');
    expect(await click('erik', 'Delvis', followUp)).toContain('Tack! Noterat: delvis.');
    expect(await click('erik', '2 h')).toBe('Noterat: 2 timmar i veckan.');

    expect(await say('anna', 'mitt team')).toContain('• ”Färre fysiska möten” (teamets beslut) – delvis, 2 h/vecka, senast avstämt ons 20 jan.');
    const rollup = await say('sara', 'åtaganden');
    expect(rollup).toMatch(/• Modul \d: 1 beslut – 1 delvis/);
    expect(rollup).toContain('Frigjord tid: 2 timmar i veckan sammanlagt.');
  });
});
