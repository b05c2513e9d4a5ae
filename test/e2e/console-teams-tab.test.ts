// The Teams personal tab's entry page (issue 17.1) in Chromium: framed by a Teams origin it
// shows how to reach the console (type `panel`, the link opens in the browser) in the person's
// Teams language, with nothing of the cohort and no session; Chromium refuses to frame every
// other console page, signed in or not. Accessible at desktop and phone width.
import { mkdirSync, rmSync } from 'node:fs';
import { type Browser, type Frame, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations } from '../helpers/axe.js';
import { tempDir } from '../helpers/database.js';
import { startKohortProcess, type KohortProcess } from '../helpers/kohort-process.js';
import { launchChromium } from '../helpers/browser.js';

const SHOTS = process.env.SHOTS_DIR ?? '/tmp/shots';
const dataDir = tempDir('kohort-teams-tab-e2e-');
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

const TEAMS_HOSTS =
  'frame-ancestors https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft https://*.microsoft365.com https://*.office.com https://outlook.office.com https://outlook.office365.com';
/** kohort as Teams reaches it (https), served by the real process behind Chromium's request interception. */
const KOHORT_HTTPS = 'https://kohort.example.org';

/**
 * A page on Teams' own origin that frames `path` of kohort, as the Teams web client frames a
 * personal tab. Both origins are answered through request interception: Teams' page by the
 * test, kohort's by the running process, its headers passed on as they are.
 */
async function framedByTeams(path: string): Promise<{ page: Page; frame: () => Frame | undefined }> {
  const page = await browser.newPage({ locale: 'sv-SE' });
  await page.route('https://teams.microsoft.com/**', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="sv"><title>Teams</title><iframe title="kohort" src="${KOHORT_HTTPS}${path}" width="800" height="600"></iframe></html>`,
    }),
  );
  await page.route(`${KOHORT_HTTPS}/**`, async (route) => {
    const response = await route.fetch({ url: route.request().url().replace(KOHORT_HTTPS, kohort.url) });
    await route.fulfill({ response });
  });
  await page.goto('https://teams.microsoft.com/_#/apps/kohort');
  return { page, frame: () => page.frames().find((f) => f !== page.mainFrame()) };
}

/** The first-level heading in a frame (undefined before it has one). */
async function headingIn(frame: Frame | undefined): Promise<string | undefined> {
  if (!frame) return undefined;
  try {
    return (await frame.locator('h1').first().textContent({ timeout: 2000 })) ?? undefined;
  } catch {
    return undefined;
  }
}

describe('the Teams tab’s entry page', () => {
  it('is framed by Teams and says how to reach the console; no other console page can be framed', async () => {
    // Headers, as the server sends them.
    const tab = await fetch(`${kohort.url}/console/teams-tab?locale=sv-se`);
    expect(tab.status).toBe(200);
    const csp = tab.headers.get('content-security-policy')!;
    expect(csp).toContain(TEAMS_HOSTS);
    expect(csp).not.toMatch(/frame-ancestors[^;]*'(self|none)'/);
    expect(csp).toContain("script-src 'self'");
    expect(tab.headers.get('x-frame-options')).toBeNull();
    expect(tab.headers.get('set-cookie')).toBeNull();
    const html = await tab.text();
    expect(html).toContain('<html lang="sv">');
    expect(html).toContain('skriv ”panel” till kohort');
    expect(html).toContain('fungerar en gång, i 10 minuter');
    expect(html).toContain('Webbpanelen är till för teamledare, processledare och administratörer.');
    expect(html).not.toContain('Anna Lindqvist');
    expect(html).not.toContain('sign-out');
    for (const path of ['/console', '/console/signed-out', '/console/sign-in/not-a-token']) {
      const other = await fetch(`${kohort.url}${path}`, { redirect: 'manual' });
      expect(other.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
      expect(other.headers.get('x-frame-options'), path).toBe('DENY');
    }
    // The language Teams puts in the address, else the browser's.
    expect(await (await fetch(`${kohort.url}/console/teams-tab?locale=en-us`)).text()).toContain('type ‘dashboard’ to kohort');
    expect(await (await fetch(`${kohort.url}/console/teams-tab`, { headers: { 'accept-language': 'en-GB,en;q=0.9' } })).text()).toContain('<html lang="en">');

    // In Chromium, framed by Teams' origin: the tab page shows; the console's pages do not.
    const inTeams = await framedByTeams('/console/teams-tab?locale=sv-se');
    await expect.poll(() => headingIn(inTeams.frame())).toBe('Webbpanelen');
    expect(inTeams.frame()!.url()).toBe(`${KOHORT_HTTPS}/console/teams-tab?locale=sv-se`);
    const link = inTeams.frame()!.getByRole('link', { name: 'Öppna webbpanelen i webbläsaren' });
    expect(await link.getAttribute('href')).toMatch(/\/console$/);
    expect(await link.getAttribute('target')).toBe('_blank');
    await inTeams.page.close();

    for (const path of ['/console', '/console/signed-out']) {
      const refused = await framedByTeams(path);
      // Chromium shows its own "is blocked" page in the frame instead of kohort's.
      await expect.poll(() => refused.frame()?.url(), { message: path }).toMatch(/^chrome-error:/);
      expect(['Du är inte inloggad', 'Utloggad'], path).not.toContain(await headingIn(refused.frame()));
      await refused.page.close();
    }
  });

  it('reads well and passes axe at desktop and phone width', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const page = await browser.newPage({ locale: 'sv-SE', viewport: { width: 1280, height: 800 } });
    await page.goto(`${kohort.url}/console/teams-tab?locale=sv-se`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Webbpanelen');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/chat-teams-tab-1280.png`, fullPage: true });
    await page.setViewportSize({ width: 375, height: 740 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/chat-teams-tab-375.png`, fullPage: true });
    // Keyboard alone: the skip link, then the link to the console.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Till innehållet');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Öppna webbpanelen i webbläsaren');
    await page.close();
  });
});
