// The playground keeps each message's latest state in its transcript: a click that was
// acted on redraws the clicked card with the choice made (a drop-down with the option's
// words, not its key), and a refused click leaves the card as it was — as the page shows.
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
});
