// The chart block as a picture: an SVG bar chart rendered to PNG by resvg (Rust, prebuilt,
// no native build) with a font shipped as a package (DejaVu Sans, covering å, ä and ö), never
// the system's fonts, so the same chart gives the same bytes on every machine.
import { createRequire } from 'node:module';
import type { Resvg as ResvgClass } from '@resvg/resvg-js';
import type { Block } from './model.js';

export type Chart = Extract<Block, { type: 'chart' }>;

const require = createRequire(import.meta.url);
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

/**
 * resvg is a native library: loaded with the first chart (the maturity results), not at
 * start-up, since most processes never draw one. Synchronously, as rendering is.
 */
let loaded: typeof ResvgClass | undefined;
const resvg = (): typeof ResvgClass => (loaded ??= (require('@resvg/resvg-js') as { Resvg: typeof ResvgClass }).Resvg);

const WIDTH = 760;
const LABEL_WIDTH = 300;
const BAR_AREA = 380;
const ROW = 30;
const TOP = 56;

function escapeXml(value: string): string {
  return value.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** Labels longer than the column are cut with an ellipsis rather than overflowing. */
function fit(label: string, max = 34): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

export function chartSvg(chart: Chart): string {
  const max = Math.max(1, ...chart.bars.map((b) => b.max));
  const height = TOP + chart.bars.length * ROW + 28;
  const x0 = LABEL_WIDTH + 16;
  const grid = Array.from({ length: max + 1 }, (_, i) => {
    const x = x0 + (BAR_AREA * i) / max;
    return `<line x1="${x}" y1="${TOP - 6}" x2="${x}" y2="${height - 24}" stroke="#d9dde3" stroke-width="1"/><text x="${x}" y="${height - 8}" font-size="12" fill="#5b6470" text-anchor="middle">${i}</text>`;
  }).join('');
  const rows = chart.bars
    .map((bar, i) => {
      const y = TOP + i * ROW;
      const w = Math.max(0, Math.min(bar.value, bar.max)) * (BAR_AREA / max);
      const value = bar.value > 0 ? (bar.display ?? bar.value.toFixed(1)) : '–';
      return [
        `<text x="${LABEL_WIDTH}" y="${y + 19}" font-size="14" fill="#1d2430" text-anchor="end">${escapeXml(fit(bar.label))}</text>`,
        w > 0 ? `<rect x="${x0}" y="${y + 5}" width="${w.toFixed(1)}" height="${ROW - 10}" rx="3" fill="#2f6f8f"/>` : '',
        `<text x="${(x0 + w + 6).toFixed(1)}" y="${y + 19}" font-size="13" fill="#1d2430">${escapeXml(value)}</text>`,
      ].join('');
    })
    .join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="DejaVu Sans">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="16" y="30" font-size="17" font-weight="bold" fill="#1d2430">${escapeXml(chart.title)}</text>`,
    grid,
    rows,
    '</svg>',
  ].join('');
}

export function chartPng(chart: Chart): Buffer {
  const svg = chartSvg(chart);
  const Resvg = resvg();
  const rendered = new Resvg(svg, {
    font: { loadSystemFonts: false, fontFiles: [FONT, FONT_BOLD], defaultFontFamily: 'DejaVu Sans' },
    background: '#ffffff',
  }).render();
  return rendered.asPng();
}
