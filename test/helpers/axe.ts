// axe-core's WCAG 2.0/2.1 A and AA rules on a page in Chromium, as it is now: each violation
// with its impact and the elements it found (empty when the page passes).
import axe from 'axe-core';
import type { Page } from 'playwright-core';

export async function accessibilityViolations(on: Page): Promise<string[]> {
  await on.evaluate(axe.source);
  const results = await on.evaluate(() => (window as unknown as { axe: typeof axe }).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  return results.violations.map((v) => `${v.id} (${v.impact}: ${v.help}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
