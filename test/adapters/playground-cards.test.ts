// The playground keeps each message's latest state in its transcript: a click that was
// acted on redraws the clicked card with the choice made (a drop-down with the option's
// words, not its key) and no live controls, a refused click leaves the card as it was, a
// sent form closes, and a decision's settings change the decision's card in place — as
// the page shows.
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { toPlainText } from '../../src/ui/plain-text.js';
import { buttonOf } from '../helpers/chat.js';
import { playgroundChat, postInbound } from '../helpers/playground-chat.js';
import { startTestKohort } from '../helpers/test-kohort.js';

const local = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Stockholm' }).toJSDate();
let k: Awaited<ReturnType<typeof startTestKohort>>;
afterEach(async () => k?.kohort.stop());

const { bot, say } = playgroundChat(() => k);
/** A click as the page sends it: with the id of the message clicked. */
const clickOn = async (who: string, messageId: string, actionId: string, value: string) => {
  await postInbound(k.url, { as: `demo-host/${who}`, kind: 'action', actionId, value, messageId });
  await k.kohort.idle();
};
const entry = async (who: string, id: string) => (await bot(who)).find((e) => e.id === id)!;
const sendForm = async (who: string, messageId: string, formId: string, values: Record<string, string>) => {
  await postInbound(k.url, { as: `demo-host/${who}`, kind: 'form', formId, values, messageId });
  await k.kohort.idle();
};
const controlsOf = (e: { message?: { blocks: { type: string }[] } }) => e.message!.blocks.filter((b) => b.type === 'actions' || b.type === 'input').length;

describe('cards in the playground', () => {
  it('show the choice made once a click was acted on, and only then', async () => {
    k = await startTestKohort({ program: 'programs/digitalt-forst.yaml', env: { PLAYGROUND: 'on' }, now: local('2027-01-11T10:00') });
    await say('erik', 'sluta');
    const card = (await bot('erik')).at(-1)!;
    const select = card.message!.blocks.flatMap((b) => (b.type === 'actions' ? b.elements : [])).find((e) => e.type === 'select')!;
    const curla = select.type === 'select' ? select.options.find((o) => o.label === 'Sluta curla')! : undefined;
    await clickOn('erik', card.id, select.actionId, curla!.value);
    const shown = await entry('erik', card.id);
    expect(toPlainText(shown.message!)).toContain('✓ Sluta curla');
    expect(shown.message!.blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(shown.updatedAt).toBeDefined();

    // The maturity test: Skip is acted on (its row is stamped); a later, stale click on the
    // same card's scale — from another device — is refused and leaves the card as it was.
    await say('erik', 'test');
    const question = (await bot('erik')).at(-1)!;
    const skip = buttonOf(question.message!, 'Hoppa över');
    await clickOn('erik', question.id, skip.actionId, skip.value);
    const afterSkip = await entry('erik', question.id);
    expect(toPlainText(afterSkip.message!)).toContain('✓ Hoppa över');
    const four = buttonOf(question.message!, '4');
    await clickOn('erik', question.id, four.actionId, four.value);
    expect(toPlainText((await bot('erik')).at(-1)!.message!)).toContain('Den knappen hör till en fråga du redan gått vidare från');
    expect(await entry('erik', question.id)).toEqual(afterSkip);
  });

  it('close a whole answered question, change a decision in place, close a sent form, and close only one deadline on status', async () => {
    k = await startTestKohort({ program: 'programs/digitalt-forst.yaml', env: { PLAYGROUND: 'on' }, now: local('2027-01-11T10:00') });
    await say('erik', 'test');
    const question = (await bot('erik')).at(-1)!;
    const four = buttonOf(question.message!, '4 Stämmer ganska bra');
    await clickOn('erik', question.id, four.actionId, four.value);
    const answered = await entry('erik', question.id);
    expect(toPlainText(answered.message!)).toContain('✓ 4 Stämmer ganska bra');
    // Skip, Back and Pause belonged to the answered question too.
    expect(controlsOf(answered)).toBe(0);

    // A setting changed on a decision redraws that card; no second card is posted.
    await say('erik', 'sluta Färre möten utan dagordning');
    const card = (await bot('erik')).at(-1)!;
    const count = (await bot('erik')).length;
    const named = buttonOf(card.message!, 'Får visas med mitt namn');
    await clickOn('erik', card.id, named.actionId, named.value);
    expect((await bot('erik')).length).toBe(count);
    const redrawn = await entry('erik', card.id);
    expect(toPlainText(redrawn.message!)).toContain('I sammanfattningar: visas med mitt namn');
    expect(toPlainText(redrawn.message!)).toContain('[Räkna bara, utan namn]');
    // The reason is a form on the card: sent, the card shows it, still in place.
    const reasonForm = redrawn.message!.blocks.find((b) => b.type === 'input')!;
    await sendForm('erik', card.id, reasonForm.type === 'input' ? reasonForm.formId : '', { reason: 'Mötena tar för lång tid' });
    expect((await bot('erik')).length).toBe(count);
    expect(toPlainText((await entry('erik', card.id)).message!)).toContain('Varför: Mötena tar för lång tid');

    // A form sent on a card that has nothing more to show closes: the capture card's.
    await say('erik', 'sluta');
    const capture = (await bot('erik')).at(-2)!;
    expect(toPlainText(capture.message!)).toContain('Vad ska du sluta göra?');
    await sendForm('erik', capture.id, 'commitment.new', { text: 'Sluta skriva protokoll för hand' });
    const sent = await entry('erik', capture.id);
    expect(toPlainText(sent.message!)).toContain('✓ ”Sluta skriva protokoll för hand”');
    expect(controlsOf(sent)).toBe(0);

    // status: Klar on one deadline closes that one; the others keep theirs.
    await say('erik', 'status');
    const status = (await bot('erik')).at(-1)!;
    const open = status.message!.blocks.filter((b) => b.type === 'actions').length;
    const klar = buttonOf(status.message!, 'Klar');
    await clickOn('erik', status.id, klar.actionId, klar.value);
    const afterKlar = await entry('erik', status.id);
    expect(toPlainText(afterKlar.message!)).toContain('✓ Klar');
    expect(afterKlar.message!.blocks.filter((b) => b.type === 'actions').length).toBe(open - 1);
  });
});
