// The console's people pages in Chromium (issue 17.6): Sara (facilitator and admin) signs in
// with `panel` in the playground, adds a participant with the keyboard alone (a mistake first,
// shown next to its field), and the new participant gets her reminder in the playground when
// it is due (the fake clock moves, the outbox ticks); Sara edits her, looks at the erasure
// page without erasing, and renews the join code: a visitor is refused the old code and
// joins with the new one. axe-core finds nothing on any page, at desktop and phone width.
import { DateTime } from 'luxon';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations } from '../helpers/axe.js';
import { startTestKohort } from '../helpers/test-kohort.js';
import { launchChromium } from '../helpers/browser.js';

const SHOTS = process.env.SHOTS_DIR;
const local = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Stockholm' }).toJSDate();
let k: Awaited<ReturnType<typeof startTestKohort>>;
let browser: Browser;

beforeAll(async () => {
  // Monday 11 January 2027, 10:00: the program's first preparation is due on Thursday at 12:00.
  k = await startTestKohort({ program: 'test/fixtures/programs/console-people.yaml', env: { PLAYGROUND: 'on' }, now: local('2027-01-11T10:00') });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await k?.kohort.stop();
});

/** Presses Tab until the focus is on `selector` (as someone without a mouse does). */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** axe-core clean, and at phone width no sideways scrolling of the page; screenshots when asked for. */
async function checkPage(page: Page, name: string): Promise<void> {
  expect(await accessibilityViolations(page)).toEqual([]);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/people-${name}-desktop.png`, fullPage: true });
  await page.setViewportSize({ width: 375, height: 740 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  expect(await accessibilityViolations(page)).toEqual([]);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/people-${name}-phone.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
}

async function say(page: Page, text: string): Promise<void> {
  await page.getByTestId('composer').fill(text);
  await page.getByTestId('composer').press('Enter');
}
const lastBot = (page: Page) => page.locator('.entry.bot').last();

describe('the people pages in Chromium', () => {
  it('add a participant by keyboard who then gets her reminder, edit her, and renew the join code', async () => {
    const chat = await browser.newPage({ locale: 'sv-SE' });
    await chat.goto(k.url);
    await chat.waitForSelector('body[data-ready="true"]');
    await chat.getByTestId('person').selectOption('demo-host/sara');
    await say(chat, 'panel');
    const link = lastBot(chat).getByRole('link', { name: 'Öppna webbpanelen' });
    await expect.poll(() => link.count()).toBe(1);

    const page = await browser.newPage({ locale: 'sv-SE', viewport: { width: 1280, height: 800 } });
    await page.goto((await link.getAttribute('href'))!);
    await page.getByRole('navigation').getByRole('link', { name: 'Personer' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Personer – Demokohorten');
    expect(await page.getByRole('rowheader', { name: 'Anna Lindqvist' }).count()).toBe(1);
    const oldCode = (await page.getByTestId('join-code').textContent())!;
    expect(oldCode).toBe('DIGI-2026');
    await checkPage(page, 'list');

    // Keyboard alone, from the list to the form and through every field.
    await tabTo(page, 'a[href="/console/people/new"]');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Lägg till deltagare');
    await checkPage(page, 'add');
    await tabTo(page, '#field-name');
    await page.keyboard.type('Karin Åberg');
    await page.keyboard.press('Tab');
    await page.keyboard.type('karin.example.se');
    await page.keyboard.press('Tab');
    await page.keyboard.type('s'); // svenska
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space'); // the first group: Grupp Omnikanal
    await tabTo(page, '#team-stadsbiblioteket');
    await page.keyboard.press('Space');
    await tabTo(page, '.person-form button[type="submit"]');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Skriv en e-postadress som namn@exempel.se');
    expect(await page.locator('#field-email').getAttribute('aria-invalid')).toBe('true');
    // The keyboard starts at the list of what to fix, which links to each field.
    expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    expect(await page.locator('#field-name').inputValue()).toBe('Karin Åberg');
    await checkPage(page, 'add-error');
    await page.locator('#field-email').focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('karin@example.se');
    await tabTo(page, '.person-form button[type="submit"]');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Karin Åberg är tillagd och får sina påminnelser från och med nu.');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Ändra Karin Åberg');
    expect(await page.locator('#team-stadsbiblioteket').isChecked()).toBe(true);
    expect(await page.locator('#team-filialen').isChecked()).toBe(false);
    expect(await page.locator('#group-omnikanal').isChecked()).toBe(true);
    await checkPage(page, 'person');

    // Edit her: another name, another group.
    await page.locator('#field-name').fill('Karin Åberg-Lind');
    await page.locator('#group-omnikanal').uncheck();
    await page.locator('#group-tillganglighet').check();
    await page.getByRole('button', { name: 'Spara' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Sparat: Karin Åberg-Lind.');

    // The erasure page names the person; cancelling erases no one.
    await page.getByRole('link', { name: 'Radera personen …' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Radera Karin Åberg-Lind?');
    await checkPage(page, 'erase');
    await page.getByRole('link', { name: 'Avbryt' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Ändra Karin Åberg-Lind');

    // A new join code: the old one is refused from now on, the new one lets a visitor in.
    await page.getByRole('link', { name: 'Tillbaka till personerna' }).click();
    await page.getByRole('button', { name: 'Ny kod' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Ny anslutningskod');
    const newCode = (await page.getByTestId('join-code').textContent())!;
    expect(newCode).not.toBe(oldCode);
    expect(await page.getByRole('rowheader', { name: 'Karin Åberg-Lind' }).count()).toBe(1);
    await checkPage(page, 'renewed');
    // Wednesday 09:00 (the console session has long expired by then), the day before the first preparation is due: her reminder arrives in the playground.
    k.clock.set(local('2027-01-13T09:00'));
    await k.kohort.scheduler.tick();
    await chat.reload();
    await chat.waitForSelector('body[data-ready="true"]');
    await chat.getByTestId('person').selectOption('demo-host/karin-aberg');
    await expect.poll(() => lastBot(chat).textContent()).toContain('Påminnelse: Titta på sommarhälsningen från processledaren');

    await chat.getByTestId('person').selectOption({ index: (await chat.getByTestId('person').locator('option').count()) - 1 });
    await say(chat, `gå med ${oldCode}`);
    await expect.poll(() => lastBot(chat).textContent()).toContain('Jag hittar ingen kohort med koden');
    await say(chat, `gå med ${newCode}`);
    await expect.poll(() => lastBot(chat).textContent()).toContain('Välkommen till Demokohorten!');
    await page.close();
    await chat.close();
  });
});
