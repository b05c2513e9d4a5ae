// A person in a real browser: headless Chromium (Debian's) driven by playwright-core,
// clicking through help and status in the playground, in Swedish and in English; the page
// at phone width, its icon, axe-core's WCAG 2.1 AA rules, and the playground behind its token.
import { rmSync } from 'node:fs';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations } from '../helpers/axe.js';
import { tempDir } from '../helpers/database.js';
import { startKohortProcess, type KohortProcess } from '../helpers/kohort-process.js';
import { launchChromium } from '../helpers/browser.js';

const dataDir = tempDir('kohort-e2e-');
let kohort: KohortProcess;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  kohort = await startKohortProcess({ DATA_DIR: dataDir });
  browser = await launchChromium();
  page = await browser.newPage({ locale: 'sv-SE' });
  await page.goto(kohort.url);
  await page.waitForSelector('body[data-ready="true"]');
});

afterAll(async () => {
  await browser?.close();
  await kohort?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function type(text: string) {
  await page.getByTestId('composer').fill(text);
  await page.getByTestId('composer').press('Enter');
}

const lastBot = () => page.locator('.entry.bot').last();

describe('playground in Chromium', () => {
  it('a participant asks for help and clicks through to their status', async () => {
    await page.getByTestId('person').selectOption('demo-host/anna');
    await type('hjälp');
    await expect.poll(() => lastBot().textContent()).toContain('Hej Anna Lindqvist!');
    await lastBot().getByRole('button', { name: 'Min status' }).click();
    await expect.poll(() => lastBot().textContent()).toContain('Närmaste deadlines');
    expect(await lastBot().textContent()).toContain('Titta på sommarhälsningen från processledaren');
  });

  it('switches to English with a button, and the choice survives a reload', async () => {
    await page.getByTestId('person').selectOption('demo-host/anna');
    await type('help');
    await lastBot().getByRole('button', { name: 'In English' }).click();
    await expect.poll(() => lastBot().textContent()).toContain('I will speak English with you');
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await type('status');
    await expect.poll(() => lastBot().textContent()).toContain('Your status');
    await page.screenshot({ path: `${dataDir}/playground.png` });
  });

  it('a visitor is told how to join, joins with the code, and sees deadlines', async () => {
    await page.getByTestId('person').selectOption({ index: (await page.getByTestId('person').locator('option').count()) - 1 });
    await type('hjälp');
    await expect.poll(() => lastBot().textContent()).toContain('Skriv ”gå med” följt av koden');
    await type('gå med digi-2026');
    await expect.poll(() => lastBot().textContent()).toContain('Välkommen till Demokohorten!');
    await type('status');
    await expect.poll(() => lastBot().textContent()).toContain('Närmaste deadlines');
  });

  it('shows messages that arrive through another client without a reload', async () => {
    await page.getByTestId('person').selectOption('demo-host/erik');
    const before = await page.locator('.entry').count();
    // Another client (another tab, a phone) talks as Erik: the page must update live.
    await fetch(`${kohort.url}/playground/api/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ as: 'demo-host/erik', kind: 'message', text: 'status' }),
    });
    // Erik's first answer comes with the privacy notice before it: at least the message and its answer arrive.
    await expect.poll(() => lastBot().textContent()).toContain('Din status');
    expect(await page.locator('.entry').count()).toBeGreaterThanOrEqual(before + 2);
  });

  it('a facilitator asks for a summary and the channel shows it, the long part folded in its thread', async () => {
    await page.getByTestId('person').selectOption('demo-host/sara');
    await type('sammanfatta');
    await expect.poll(() => lastBot().textContent()).toContain('Sammanfattningen inför modul 1 skickas nu till 3 kanaler');
    await page.getByTestId('person').selectOption('#kohorten');
    expect(await page.getByTestId('composer').isDisabled()).toBe(true);
    const summary = page.locator('#log > .entry.bot').filter({ hasText: 'Inför modul 1' }).last();
    await expect.poll(() => summary.textContent(), { timeout: 20_000 }).toContain('Hela Demokohorten');
    const thread = summary.locator('details.thread');
    await expect.poll(() => thread.locator('summary').textContent(), { timeout: 20_000 }).toBe('Visa mer i tråden (1)');
    expect(await thread.locator('.entry').isVisible()).toBe(false);
    await thread.locator('summary').click();
    expect(await thread.locator('.entry').textContent()).toContain('Sluta göra');
    await page.screenshot({ path: `${dataDir}/channel.png` });
  });

  it('passes axe-core (WCAG 2.1 AA) in a channel with a thread and in a conversation with buttons', async () => {
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByTestId('person').selectOption('demo-host/anna');
    await type('hjälp');
    await expect.poll(() => lastBot().getByRole('button').count()).toBeGreaterThan(0);
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('has an icon: /favicon.ico and every icon the page declares', async () => {
    const declared = await page.locator('link[rel="icon"]').evaluateAll((links) => links.map((link) => (link as HTMLLinkElement).href));
    expect(declared.length).toBeGreaterThan(0);
    for (const href of [`${kohort.url}/favicon.ico`, ...declared]) {
      const response = await fetch(href);
      expect(response.status, href).toBe(200);
      expect(response.headers.get('content-type'), href).toMatch(/^image\//);
    }
  });

  it('at phone width keeps the language and the person pickers on the screen, and they work', async () => {
    const phone = await browser.newPage({ locale: 'sv-SE', viewport: { width: 375, height: 740 } });
    try {
      await phone.goto(kohort.url);
      await phone.waitForSelector('body[data-ready="true"]');
      for (const picker of ['#ui-locale', '#person']) {
        const box = await phone.locator(picker).boundingBox();
        expect(box, picker).not.toBeNull();
        expect(box!.x, picker).toBeGreaterThanOrEqual(0);
        expect(box!.x + box!.width, picker).toBeLessThanOrEqual(375);
      }
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      // Cards fit the screen too: the `klar` drop-down with its long titles, a decision's values, a word without spaces.
      await phone.getByTestId('person').selectOption('demo-host/lina');
      await phone.getByTestId('composer').fill('klar');
      await phone.getByTestId('composer').press('Enter');
      await expect.poll(() => phone.locator('.entry.bot select').count()).toBeGreaterThan(0);
      await phone.getByTestId('composer').fill(`sluta ${'x'.repeat(200)}`);
      await phone.getByTestId('composer').press('Enter');
      await expect.poll(() => phone.locator('.entry.bot').last().textContent()).toContain('xxxxx');
      const overflowing = await phone.locator('.entry').evaluateAll((entries) => entries.filter((e) => e.getBoundingClientRect().right > 375 || e.scrollWidth > e.clientWidth).length);
      expect(overflowing).toBe(0);
      await phone.screenshot({ path: `${dataDir}/phone.png`, fullPage: true });
      expect(await accessibilityViolations(phone)).toEqual([]);
      await phone.locator('#ui-locale').selectOption('en');
      await expect.poll(() => phone.locator('#send').textContent()).toBe('Send');
    } finally {
      await phone.close();
    }
  });
});

describe('playground behind PLAYGROUND_TOKEN in Chromium', () => {
  const TOKEN = 'e2e-playground-token.0123456789';
  const guardedDir = tempDir('kohort-e2e-token-');
  let guarded: KohortProcess;

  beforeAll(async () => {
    guarded = await startKohortProcess({ DATA_DIR: guardedDir, HOST: '0.0.0.0', PLAYGROUND_TOKEN: TOKEN });
  });

  afterAll(async () => {
    await guarded?.stop();
    rmSync(guardedDir, { recursive: true, force: true });
  });

  it('opens from the printed address, drops the token from it, and chats live with the cookie alone', async () => {
    const visitor = await browser.newPage({ locale: 'sv-SE' });
    try {
      const refused = await visitor.goto(`${guarded.url}/`);
      expect(refused?.status()).toBe(401);
      expect(await visitor.textContent('body')).toContain('?token=<PLAYGROUND_TOKEN>');

      await visitor.goto(`${guarded.url}/?token=${TOKEN}`);
      await visitor.waitForSelector('body[data-ready="true"]');
      expect(visitor.url()).toBe(`${guarded.url}/`);
      expect(await visitor.context().cookies()).toContainEqual(expect.objectContaining({ name: 'kohort_playground', httpOnly: true, sameSite: 'Lax' }));
      // HttpOnly: no script on the page can read it.
      expect(await visitor.evaluate(() => document.cookie)).toBe('');

      // The API (people, history, the message) and the event stream (the answer) all pass.
      await visitor.getByTestId('person').selectOption('demo-host/anna');
      await visitor.getByTestId('composer').fill('hjälp');
      await visitor.getByTestId('composer').press('Enter');
      await expect.poll(() => visitor.locator('.entry.bot').last().textContent()).toContain('Hej Anna Lindqvist!');
    } finally {
      await visitor.close();
    }
  });
});
