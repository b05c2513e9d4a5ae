import { describe, expect, it } from 'vitest';
import { actions, button, divider, fields, header, message, text } from '../../src/ui/model.js';
import { toPlainText } from '../../src/ui/plain-text.js';

describe('plain-text fallback', () => {
  it('keeps every element in reading order', () => {
    const msg = message(
      header('Din status'),
      text('Närmaste deadlines'),
      fields([{ label: 'Modul', value: '3' }]),
      { type: 'links', links: [{ label: 'Mall', url: 'https://example.org/mall' }] },
      divider(),
      actions(button('Klar', 'done', 'p1'), {
        type: 'select',
        placeholder: 'Snooza',
        actionId: 's',
        options: [
          { label: 'I morgon', value: 't' },
          { label: 'Nästa vecka', value: 'w' },
        ],
      }),
      { type: 'chart', title: 'Mognad', bars: [{ label: 'Ledarskap', value: 3.5, max: 5 }] },
      { type: 'image', url: 'https://example.org/c.png', alt: 'Diagram över mognad' },
    );
    expect(toPlainText(msg)).toBe(
      ['Din status', 'Närmaste deadlines', 'Modul: 3', 'Mall: https://example.org/mall', '[Klar] Snooza: I morgon / Nästa vecka', 'Mognad', 'Ledarskap: 3.5 / 5', 'Diagram över mognad'].join('\n'),
    );
  });
});
