// The size of a Teams card as Microsoft counts it (UTF-16, Base64 images left out), and what
// happens when a card is too big: the oversized text or fact list is shortened visibly,
// nothing after it is lost, and each element is measured once.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { teamsSize } from '../../adapters/teams/fit.js';
import { TEAMS_LIMITS } from '../../adapters/teams/limits.js';
import { renderCard } from '../../adapters/teams/render.js';
import { actions, button, fields, header, message, text } from '../../src/ui/model.js';

afterEach(() => vi.restoreAllMocks());

const utf16Bytes = (value: unknown) => JSON.stringify(value).length * 2;
const textsOf = (card: ReturnType<typeof renderCard>) => card.body.filter((e) => e.type === 'TextBlock').map((e) => String(e.text));

describe('the size of a Teams card', () => {
  it('is counted in UTF-16 as Teams counts it: bars of three-byte characters over 24,000 bytes of UTF-8 are shown whole', () => {
    const bars = Array.from({ length: 540 }, (_, i) => `Område ${i + 1}: ${'█'.repeat(6)}${'░'.repeat(4)} 3,2/5`).join('\n');
    expect(Buffer.byteLength(bars)).toBeGreaterThan(24_000);
    const card = renderCard(message(text(bars)));
    expect(textsOf(card)).toEqual([bars.replace(/\n/g, '\n\n')]);
    expect(utf16Bytes(card)).toBeLessThanOrEqual(TEAMS_LIMITS.cardUtf16Bytes);
  });

  it('leaves Base64 images out, as Teams does', () => {
    const picture = { type: 'Image', url: `data:image/png;base64,${'A'.repeat(100_000)}` };
    expect(teamsSize(picture)).toBe(utf16Bytes({ type: 'Image', url: '' }));
  });

  it('shortens an oversized text visibly and keeps everything after it', () => {
    const card = renderCard(message(header('Sammanfattning'), text('ord '.repeat(15_000)), fields([{ label: 'Modul', value: '3' }]), actions(button('Klar', 'reminder.done', 'p1', 'primary'))));
    expect(card.body.map((e) => e.type)).toEqual(['TextBlock', 'TextBlock', 'FactSet', 'ActionSet']);
    expect(textsOf(card)[1]).toMatch(/^(ord )+ord…$/);
    expect(textsOf(card)[1]!.length).toBeGreaterThan(10_000);
    expect(utf16Bytes(card)).toBeLessThanOrEqual(TEAMS_LIMITS.cardUtf16Bytes);
  });

  it('shortens a long fact list with a closing “… (+N)” and keeps the buttons after it', () => {
    const facts = Array.from({ length: 3000 }, (_, i) => ({ label: `Deltagare ${i + 1}`, value: 'Läs kapitel 4, inte klar' }));
    const card = renderCard(message(fields(facts), actions(button('Påminn alla', 'remind', 'all'))));
    expect(card.body.map((e) => e.type)).toEqual(['FactSet', 'ActionSet']);
    const shown = card.body[0]!.facts as { title: string; value: string }[];
    expect(shown[0]).toEqual({ title: 'Deltagare 1', value: 'Läs kapitel 4, inte klar' });
    expect(shown.at(-1)).toEqual({ title: '…', value: `(+${3000 - shown.length + 1})` });
    expect(shown.length).toBeGreaterThan(100);
    expect(utf16Bytes(card)).toBeLessThanOrEqual(TEAMS_LIMITS.cardUtf16Bytes);
  });

  it('never cuts a text inside a Markdown escape', () => {
    const [shown] = textsOf(renderCard(message(text('*'.repeat(30_000)))));
    expect(shown).toMatch(/^(\\\*)+…$/);
  });

  it('shortens the largest texts first and leaves the short ones alone', () => {
    const card = renderCard(message(text('Kort rad.'), text('a '.repeat(12_000)), text('b '.repeat(12_000)), text('Sista raden.')));
    const [first, long1, long2, last] = textsOf(card);
    expect([first, last]).toEqual(['Kort rad.', 'Sista raden.']);
    expect([long1!.endsWith('…'), long2!.endsWith('…')]).toEqual([true, true]);
    expect(Math.abs(long1!.length - long2!.length)).toBeLessThan(10);
  });

  it('measures each element once instead of the whole card again for each element it leaves out', () => {
    const msg = message(...Array.from({ length: 500 }, (_, i) => text(`${i} ${'ord '.repeat(250)}`)));
    const everything = JSON.stringify(msg.blocks).length;
    let serialised = 0;
    const stringify = JSON.stringify;
    vi.spyOn(JSON, 'stringify').mockImplementation((...args: Parameters<typeof JSON.stringify>) => {
      const json = stringify(...args);
      serialised += json.length;
      return json;
    });
    const card = renderCard(msg);
    expect(serialised).toBeLessThan(3 * everything);
    expect(textsOf(card).at(-1)).toMatch(/^… \(\+\d+\)$/);
  });
});

describe('a card with more parts than fit', () => {
  it('keeps its buttons and forms whole, and says where texts were left out', () => {
    const card = renderCard(
      message(
        ...Array.from({ length: 60 }, (_, i) => text(`Deltagare ${i + 1}: ${'inte klar med förberedelsen '.repeat(40)}`)),
        actions(button('Påminn alla', 'remind', 'all'), button('Exportera', 'export', 'csv')),
        { type: 'input', formId: 'note', inputId: 'note', label: 'Anteckning', submitLabel: 'Spara', cancelLabel: 'Avbryt' },
      ),
    );
    const types = card.body.map((e) => e.type);
    expect(types.slice(-4)).toEqual(['TextBlock', 'ActionSet', 'Input.Text', 'ActionSet']);
    expect(textsOf(card).at(-1)).toMatch(/^… \(\+\d+\)$/);
    expect(textsOf(card)[0]).toMatch(/^Deltagare 1: /);
    expect(utf16Bytes(card)).toBeLessThanOrEqual(TEAMS_LIMITS.cardUtf16Bytes);
  });
});
