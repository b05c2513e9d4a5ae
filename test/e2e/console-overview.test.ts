// The cohort at a glance in Chromium (issue 17.2): Sara signs in from the playground, sees the
// next deadlines and who has never connected, filters the grid by group and state with the
// form (no script), reminds everyone not done with the next preparation by keyboard — a
// participant receives it in the playground once, a second click queues nothing — and Anna,
// a team lead, lands on her team's page. axe-core clean and no sideways scroll at 375 px.
import { mkdirSync, rmSync } from 'node:fs';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations } from '../helpers/axe.js';
import { tempDir } from '../helpers/database.js';
import { startKohortProcess, type KohortProcess } from '../helpers/kohort-process.js';
import { launchChromium, signInFromPlayground } from '../helpers/browser.js';

const SHOTS = process.env.SHOTS_DIR ?? '/tmp/shots';
const FIRST = 'Titta på sommarhälsningen från processledaren';
const dataDir = tempDir('kohort-console-overview-e2e-');
let kohort: KohortProcess;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  // The outbox timer never fires on its own (1 January only): messages go when kohort is woken, as after a click.
  kohort = await startKohortProcess({ DATA_DIR: dataDir, SCHEDULER_TICK: '0 0 0 1 1 *' });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await kohort?.stop();
  if (!process.env.KEEP_E2E) rmSync(dataDir, { recursive: true, force: true });
});

async function say(as: string, text: string): Promise<void> {
  const res = await fetch(`${kohort.url}/playground/api/inbound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ as, kind: 'message', text }) });
  expect(res.status).toBe(200);
}

/** The bot's messages to a person in the playground, as text. */
async function received(as: string): Promise<string[]> {
  const res = await fetch(`${kohort.url}/playground/api/conversations/${encodeURIComponent(as)}/messages`);
  const { messages } = (await res.json()) as { messages: { from: string; message?: { blocks: { text?: string }[] } }[] };
  return messages.filter((m) => m.from === 'bot').map((m) => (m.message?.blocks ?? []).map((b) => b.text ?? '').join('\n'));
}

/** Asks for `panel` as this person in the playground and opens the link. */
async function signIn(page: Page, as: string): Promise<void> {
  await signInFromPlayground(page, kohort.url, as);
}

const rowNames = (page: Page) => page.locator('tbody th[scope="row"]').allTextContents();

async function accessibleAtBothWidths(page: Page, name: string, widths: 'both' | 'desktop' = 'both'): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 900 });
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/overview-${name}-desktop.png`, fullPage: true });
  if (widths === 'desktop') return;
  await page.setViewportSize({ width: 375, height: 740 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/overview-${name}-phone.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('the cohort at a glance in Chromium', () => {
  it('filters, lists who never connected, reminds everyone not done once a day, and gives a team lead their team', async () => {
    await say('demo-host/erik', 'status');
    const page = await browser.newPage({ locale: 'sv-SE', viewport: { width: 1280, height: 900 } });
    await signIn(page, 'demo-host/sara');
    expect(new URL(page.url()).pathname).toBe('/console');

    // Who has never written to kohort: everyone but Erik, who just did (Sara is no participant).
    const never = page.locator('section', { has: page.getByRole('heading', { name: 'Har aldrig anslutit' }) });
    for (const name of ['Anna Lindqvist', 'Maja Holm', 'Johan Berg', 'Lina Sandberg']) expect(await never.getByText(name).count()).toBe(1);
    expect(await never.getByText('Erik Nyström').count()).toBe(0);
    // The next deadlines, the first with all five not done.
    const first = page.getByRole('listitem').filter({ hasText: FIRST });
    expect(await first.textContent()).toContain('5 av 5 inte klara');
    await accessibleAtBothWidths(page, 'cohort');

    // Filters: a plain GET form; a group, then "something late" (nothing is late yet).
    await page.getByLabel('Grupp', { exact: true }).selectOption({ label: 'Grupp Omnikanal' });
    await page.getByRole('button', { name: 'Visa', exact: true }).click();
    await page.waitForURL(/group=/);
    expect(await rowNames(page)).toEqual(['Lina Sandberg', 'Maja Holm']);
    expect(await page.getByText('Visar 2 av 5 deltagare.').count()).toBe(1);
    await page.getByLabel('Läge').selectOption('late');
    await page.getByRole('button', { name: 'Visa', exact: true }).click();
    await page.waitForURL(/state=late/);
    expect(await page.getByText('Ingen deltagare passar filtret.').count()).toBe(1);
    await page.getByRole('link', { name: 'Visa alla' }).click();
    await page.waitForURL((url) => url.search === '');
    expect(await rowNames(page)).toHaveLength(5);

    // Remind everyone not done with the first deadline, by keyboard.
    const remind = page.getByRole('button', { name: `Påminn de 5 som inte är klara – ${FIRST}` });
    await remind.focus();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('BUTTON');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').textContent()).toContain(`En påminnelse om ”${FIRST}” är på väg till 5 personer.`);
    const remindersOf = async (as: string, title: string) => (await received(as)).filter((m) => m.includes(title));
    await expect.poll(() => remindersOf('demo-host/erik', `Påminnelse: ${FIRST}`)).toHaveLength(1);
    // Maja reads English: her reminder comes in her language.
    await expect.poll(() => remindersOf('demo-host/maja', "Reminder: Watch the facilitator's summer greeting")).toHaveLength(1);
    await accessibleAtBothWidths(page, 'reminded', 'desktop');

    // Again, the same day: nothing more is queued, and the page says so.
    await page.getByRole('button', { name: `Påminn de 5 som inte är klara – ${FIRST}` }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('har redan fått en påminnelse om den i dag');
    // Reminding of the next preparation wakes the outbox: anything still queued for the first would go with it.
    const second = 'Läs Att leda digital transformation, s. 1–45';
    await page.getByRole('button', { name: `Påminn de 5 som inte är klara – ${second}` }).click();
    await expect.poll(() => remindersOf('demo-host/erik', `Påminnelse: ${second}`)).toHaveLength(1);
    expect(await remindersOf('demo-host/erik', `Påminnelse: ${FIRST}`)).toHaveLength(1);
    await page.close();

    // A team lead lands on their team's page: their team only.
    const anna = await browser.newPage({ locale: 'sv-SE', viewport: { width: 1280, height: 900 } });
    await signIn(anna, 'demo-host/anna');
    expect(new URL(anna.url()).pathname).toBe('/console/team');
    expect(await anna.getByRole('heading', { level: 1 }).textContent()).toBe('Mitt team – Stadsbiblioteket');
    expect(await rowNames(anna)).toEqual(['Anna Lindqvist', 'Erik Nyström', 'Lina Sandberg']);
    expect(await anna.getByRole('navigation').count()).toBe(0);
    await accessibleAtBothWidths(anna, 'team');
    const cohort = await anna.goto(new URL('/console', anna.url()).href);
    expect(cohort?.status()).toBe(403);
    expect(await anna.locator('body').textContent()).not.toContain('Maja Holm');
    await anna.close();
  });
});
