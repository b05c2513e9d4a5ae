// The console in Chromium (issue 17): a facilitator asks for `panel` in the playground, opens
// the link, sees the cohort at a glance — at desktop and phone width, with axe-core's WCAG
// 2.1 AA rules and by keyboard alone — and signs out.
import { rmSync } from 'node:fs';
import { type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations } from '../helpers/axe.js';
import { tempDir } from '../helpers/database.js';
import { startKohortProcess, type KohortProcess } from '../helpers/kohort-process.js';
import { launchChromium, signInFromPlayground } from '../helpers/browser.js';

const dataDir = tempDir('kohort-console-e2e-');
let kohort: KohortProcess;
let browser: Browser;

beforeAll(async () => {
  kohort = await startKohortProcess({ DATA_DIR: dataDir, SCHEDULER_TICK: 'off' });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await kohort?.stop();
  if (!process.env.KEEP_E2E) rmSync(dataDir, { recursive: true, force: true });
});

describe('the console in Chromium', () => {
  it('signs a facilitator in from the playground and shows the cohort at a glance, accessible at desktop and phone width', async () => {
    const page = await browser.newPage({ locale: 'sv-SE' });
    await signInFromPlayground(page, kohort.url);
    expect(new URL(page.url()).pathname).toBe('/console');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Kohorten i överblick');
    expect(await page.getByRole('rowheader', { name: 'Anna Lindqvist' }).count()).toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: `${dataDir}/console-desktop.png`, fullPage: true });

    // Keyboard alone: skip link, the grid's scroll region, sign-out.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Till innehållet');
    await page.setViewportSize({ width: 375, height: 740 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: `${dataDir}/console-phone.png`, fullPage: true });

    await page.getByRole('button', { name: 'Logga ut' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Utloggad');
    await page.goto(`${kohort.url}/console`);
    expect(await page.locator('body').textContent()).not.toContain('Anna');
    await page.close();
  });
});
