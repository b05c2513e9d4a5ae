// Debian's Chromium for the tests that use real pages, and the way a person reaches the
// console in them: asking kohort for `panel` in the playground and following the link.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless Chromium without the background traffic a fresh profile starts (tests talk only to 127.0.0.1). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * In the playground at `url`, `as` types `panel` and the page opens the sign-in link kohort
 * answers with (its origin replaced by `url`, which PUBLIC_URL may not be). Returns the link.
 */
export async function signInFromPlayground(page: Page, url: string, as = 'demo-host/sara'): Promise<string> {
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]');
  await page.getByTestId('person').selectOption(as);
  await page.getByTestId('composer').fill('panel');
  await page.getByTestId('composer').press('Enter');
  const link = page.locator('.entry.bot').last().getByRole('link', { name: 'Öppna webbpanelen' });
  await expect.poll(() => link.count()).toBe(1);
  const href = (await link.getAttribute('href'))!.replace(/^https?:\/\/[^/]+/, url);
  await page.goto(href);
  return href;
}
