// Broadcasts in the console, in Chromium (issue 17.4): Sara signs in from the playground,
// writes a message by keyboard alone, sees it previewed as Slack, Teams, Matrix and the
// playground will show it (kohort runs all four here, the real ones against local fakes), schedules
// it for the afternoon; nothing arrives before then, and at its time it reaches a
// participant in the playground while the history's live region counts the deliveries
// without a reload; a second one, scheduled, is called off from the history. axe-core's
// WCAG 2.1 AA rules on every page, desktop and phone width.
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations } from '../helpers/axe.js';
import { FakeConnector } from '../helpers/fake-connector.js';
import { FakeHomeserver } from '../helpers/fake-homeserver.js';
import { FakeSlack } from '../helpers/fake-slack.js';
import { SIGNING_SECRET } from '../helpers/slack-kohort.js';
import { startTestKohort } from '../helpers/test-kohort.js';
import { launchChromium, signInFromPlayground } from '../helpers/browser.js';
import { botTextsOf } from '../helpers/playground-chat.js';

const SHOTS = process.env.SHOTS_DIR ?? '/tmp/shots';
// Wednesday 20 January 2027, 10:00 in Stockholm.
const NOW = new Date('2027-01-20T09:00:00Z');
// 14:30 in Stockholm that day.
const SCHEDULED = new Date('2027-01-20T13:30:00Z');
const MESSAGE = 'Välkomna till modul 2! Ta med er stopp-listan.';

let k: Awaited<ReturnType<typeof startTestKohort>>;
let slack: FakeSlack;
let connector: FakeConnector;
let homeserver: FakeHomeserver;
let browser: Browser;

beforeAll(async () => {
  slack = await new FakeSlack().start();
  connector = await new FakeConnector().start();
  homeserver = await new FakeHomeserver().start();
  k = await startTestKohort({
    program: 'programs/digitalt-forst.yaml',
    now: NOW,
    env: {
      PLAYGROUND: 'on',
      SLACK_BOT_TOKEN: 'xoxb-console',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      TEAMS_ALLOW_UNAUTHENTICATED: 'true',
      TEAMS_SERVICE_URL: connector.url,
      MATRIX_HOMESERVER_URL: homeserver.url,
      MATRIX_ACCESS_TOKEN: homeserver.token,
      MATRIX_USER_ID: homeserver.botId,
    },
  });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await k?.kohort.stop();
  await slack?.stop();
  await connector?.stop();
  await homeserver?.stop();
});

/** Everything kohort said to `as` in the playground. */
const playgroundTexts = (as: string) => botTextsOf(k.url, as);

/** Tab (never a click) until the focused element matches: proves the tab order reaches it. */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

async function fitsPhone(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 375, height: 740 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/broadcasts-${name}-phone.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('broadcasts in the console, in Chromium', () => {
  it('composes by keyboard, previews per platform, schedules, and delivers at the time with a live report', async () => {
    const page = await browser.newPage({ locale: 'sv-SE', viewport: { width: 1280, height: 900 } });
    await signInFromPlayground(page, k.url, 'demo-host/sara');
    await page.getByRole('navigation').getByRole('link', { name: 'Utskick' }).click();
    expect(new URL(page.url()).pathname).toBe('/console/broadcasts');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Utskick');
    expect(await page.getByText('Inga utskick ännu.').count()).toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/broadcasts-compose-desktop.png`, fullPage: true });
    await fitsPhone(page, 'compose');

    // Keyboard alone: the text, "later" by arrow key in its radio group, date and time typed, preview.
    await tabTo(page, '#text');
    await page.keyboard.type(MESSAGE);
    await tabTo(page, 'input[name="when"]');
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('#when-later').isChecked()).toBe(true);
    await tabTo(page, '#date');
    await page.keyboard.type('2027-01-20');
    await tabTo(page, '#time');
    await page.keyboard.type('14:30');
    expect(await page.locator('#date').inputValue()).toBe('2027-01-20');
    expect(await page.locator('#time').inputValue()).toBe('14:30');
    await tabTo(page, 'form.compose button[type="submit"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#previews-title');

    // One preview per platform kohort sends on, each drawn from that platform's own payload.
    for (const [platform, name] of [
      ['slack', 'Slack'],
      ['teams', 'Teams'],
      ['matrix', 'Matrix'],
      ['local', 'Lekplatsen'],
    ] as const) {
      const preview = page.locator(`[data-platform="${platform}"]`);
      expect(await preview.getByRole('heading', { level: 3 }).textContent()).toBe(name);
      expect(await preview.locator('.frame').textContent()).toContain('Meddelande från Sara Ek');
      expect(await preview.locator('.frame').textContent()).toContain(MESSAGE);
    }
    // Teams' card as Microsoft's own renderer draws it.
    await page.locator('[data-platform="teams"] .frame .ac-adaptiveCard').waitFor();
    expect(await page.locator('[data-platform="teams"] .ac-adaptiveCard').textContent()).toContain(MESSAGE);
    expect(await page.locator('[data-platform="slack"] pre').textContent()).toContain('"type": "header"');
    expect(await page.locator('[data-platform="teams"] pre').textContent()).toContain('"type": "AdaptiveCard"');
    expect(await page.locator('[data-platform="matrix"] pre').textContent()).toContain('"formatted_body": "<h3>');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/broadcasts-preview-desktop.png`, fullPage: true });
    await fitsPhone(page, 'preview');

    await tabTo(page, 'form.send button[type="submit"]');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Schemalägg till ons 20 jan. kl. 14:30 för Alla deltagare (5, direktmeddelande)');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.notice');
    expect(await page.locator('.notice').textContent()).toBe('Utskicket är schemalagt till ons 20 jan. kl. 14:30 för 5 mottagare.');
    const report = page.locator('#history [aria-live="polite"]').first();
    expect(await report.textContent()).toBe('Levererat 0 av 5 · nås inte 0 · väntar 5');
    expect(await page.locator('#history [data-status]').first().textContent()).toBe('Schemalagt till ons 20 jan. kl. 14:30');
    expect(await accessibilityViolations(page)).toEqual([]);

    // A minute before its time the outbox holds it back.
    k.clock.set(new Date(SCHEDULED.getTime() - 60_000));
    await k.kohort.scheduler.tick();
    expect(await playgroundTexts('demo-host/erik')).not.toContain(MESSAGE);

    // At its time it goes out, and the open page counts it without a reload.
    k.clock.set(SCHEDULED);
    await k.kohort.scheduler.tick();
    expect(await playgroundTexts('demo-host/erik')).toContain(MESSAGE);
    expect(await playgroundTexts('demo-host/erik')).toContain('Meddelande från Sara Ek');
    await expect.poll(() => report.textContent(), { timeout: 15_000, interval: 500 }).toBe('Levererat 5 av 5 · nås inte 0 · väntar 0');
    expect(await page.locator('#history [data-status]').first().textContent()).toBe('Skickat ons 20 jan. kl. 14:30, enligt schemat (bestämt ons 20 jan. kl. 10:00)');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/broadcasts-history-desktop.png`, fullPage: true });
    await fitsPhone(page, 'history');

    // A module's preparations preview with their deadlines and links, on each platform (nothing is sent).
    await page.locator('#content-module').check();
    await page.locator('#module').selectOption('3');
    await page.locator('#when-now').check();
    await page.getByRole('button', { name: 'Förhandsgranska' }).click();
    await page.locator('[data-platform="teams"] .ac-adaptiveCard').waitFor();
    for (const platform of ['slack', 'teams', 'local']) expect(await page.locator(`[data-platform="${platform}"] .frame`).textContent()).toMatch(/Förberedelser inför modul 3: .*senast/s);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/broadcasts-module-preview-desktop.png`, fullPage: true });
    await fitsPhone(page, 'module-preview');

    // Without JavaScript a reload shows the same.
    const plain = await browser.newContext({ javaScriptEnabled: false, locale: 'sv-SE', storageState: await page.context().storageState() });
    const reloaded = await plain.newPage();
    await reloaded.goto(`${new URL(page.url()).origin}/console/broadcasts`);
    expect(await reloaded.locator('#history [aria-live="polite"]').first().textContent()).toBe('Levererat 5 av 5 · nås inte 0 · väntar 0');
    await plain.close();

    // The module's preparations scheduled for 16:00, then called off from the history by keyboard.
    await page.locator('#when-later').check();
    await page.locator('#date').fill('2027-01-20');
    await page.locator('#time').fill('16:00');
    await page.getByRole('button', { name: 'Förhandsgranska' }).click();
    await page.locator('form.send button[type="submit"]').click();
    await page.waitForURL(/done=scheduled/);
    await tabTo(page, 'form.cancel button');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Avbryt utskicket');
    await page.keyboard.press('Enter');
    await page.waitForURL(/done=cancelled/);
    expect(await page.locator('.notice').textContent()).toBe('Utskicket är avbrutet. Inget skickades till de 5 mottagarna.');
    expect(await page.locator('#history [data-status]').first().textContent()).toBe('Avbrutet, skulle ha skickats ons 20 jan. kl. 16:00');
    expect(await page.locator('form.cancel').count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await fitsPhone(page, 'cancelled');
    await page.close();
  });
});
