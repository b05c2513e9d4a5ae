// The results chart as a PNG: the same chart gives the same bytes (a packaged font, never
// the system's), in Swedish and in English; labels are escaped and long ones cut.
import { describe, expect, it } from 'vitest';
import { loadQuestionnaire } from '../../src/domain/questionnaire/load.js';
import { chartPng, chartSvg, type Chart } from '../../src/ui/chart.js';

const bank = loadQuestionnaire('default');
const chartIn = (locale: 'sv' | 'en'): Chart => ({
  type: 'chart',
  title: locale === 'sv' ? 'Medelvärde per område (1–5)' : 'Mean per area (1–5)',
  bars: bank.dimensions.map((d, i) => ({ label: d.title[locale], value: i === 3 ? 0 : 1 + (i % 5) * 0.9, max: 5, display: locale === 'sv' ? '3,5' : '3.5' })),
});
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('results chart', () => {
  for (const locale of ['sv', 'en'] as const) {
    it(`renders the same bytes for the same chart (${locale})`, () => {
      const first = chartPng(chartIn(locale));
      const second = chartPng(structuredClone(chartIn(locale)));
      expect(first.subarray(0, 8)).toEqual(PNG_SIGNATURE);
      expect(first.equals(second)).toBe(true);
      // Small enough to attach to a chat message.
      expect(first.length).toBeLessThan(60_000);
    });
  }

  it('differs between the languages and between different values', () => {
    expect(chartPng(chartIn('sv')).equals(chartPng(chartIn('en')))).toBe(false);
    const changed = chartIn('sv');
    changed.bars[0]!.value = 4.9;
    expect(chartPng(changed).equals(chartPng(chartIn('sv')))).toBe(false);
  });

  it('escapes labels and cuts long ones', () => {
    const svg = chartSvg({ type: 'chart', title: '<b>&', bars: [{ label: `${'x'.repeat(40)}<script>`, value: 2, max: 5 }] });
    expect(svg).toContain('&lt;b&gt;&amp;');
    expect(svg).not.toContain('<script>');
    expect(svg).toContain(`${'x'.repeat(33)}…`);
  });
});
