// The program page in Chromium (issue 17.5): Sara signs in with `panel` from the playground,
// opens Program, downloads the file, uploads it with an error (the line is shown and nothing
// changes), then with a changed join code (refused: people and cohorts are the People
// page's), then corrected with a preparation two days later (the preview shows the move and
// how many reminders move), applies it by keyboard — and a participant's pending reminder for
// that preparation has its new time. axe-core is clean on every state, at desktop and phone width.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations } from '../helpers/axe.js';
import { tempDir } from '../helpers/database.js';
import { startTestKohort } from '../helpers/test-kohort.js';
import { launchChromium, signInFromPlayground } from '../helpers/browser.js';

const SHOTS = process.env.SHOTS_DIR ?? '/tmp/shots';
const files = tempDir('kohort-program-e2e-');
let k: Awaited<ReturnType<typeof startTestKohort>>;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [k, browser] = await Promise.all([startTestKohort({ program: 'programs/digitalt-forst.yaml', env: {}, now: new Date('2027-01-20T09:00:00Z') }), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await k?.kohort.stop();
  rmSync(files, { recursive: true, force: true });
});

/** axe-core clean and no sideways page scroll, at 1280 and at 375 px, with a screenshot of each. */
async function checkBothWidths(page: Page, name: string): Promise<void> {
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: width === 375 ? 740 : 900 });
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await page.screenshot({ path: path.join(SHOTS, `program-${name}-${width === 375 ? 'phone' : 'desktop'}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** Erik's pending reminders for a preparation, by step. */
async function eriksReminders(preparationId: string): Promise<Map<string, number>> {
  const erik = await k.db.prisma.participant.findFirstOrThrow({ where: { key: 'erik' } });
  const rows = await k.db.prisma.outboundMessage.findMany({ where: { participantId: erik.id, kind: 'reminder', status: 'pending' } });
  return new Map(rows.filter((r) => (r.payload as { preparationId?: string }).preparationId === preparationId).map((r) => [r.idempotencyKey, r.dueAt.getTime()]));
}

describe('the program page in Chromium', () => {
  it('shows the program, refuses a broken file with its line, previews and applies a moved date by keyboard, and offers the file', async () => {
    const page = await browser.newPage({ locale: 'sv-SE', acceptDownloads: true });
    await signInFromPlayground(page, k.url, 'demo-host/sara');

    await page.getByRole('navigation').getByRole('link', { name: 'Programmet' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Programmet – Digitalt först');
    const prep = await k.db.prisma.preparation.findFirstOrThrow({ where: { key: 'las-sidor-1-45' } });
    const item = page.locator('.preparations li', { hasText: 'Läs Att leda digital transformation, s. 1–45' });
    const dueBefore = await item.locator('.due').textContent();
    expect(dueBefore).toBe('senast lör 30 jan. kl. 12:00');
    await checkBothWidths(page, 'view');

    // The current file, as the CLI's export gives it.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Ladda ner den aktuella filen' }).click()]);
    expect(download.suggestedFilename()).toBe('digitalt-forst.yaml');
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text).toContain('slug: digitalt-forst');

    // A broken date: 422, the line and path on the page, nothing changed.
    const broken = path.join(files, 'broken.yaml');
    writeFileSync(broken, text.replace('due: +10d 12:00', 'due: +12x 12:00'));
    const line = text.split('\n').findIndex((l) => l.includes('due: +10d 12:00')) + 1;
    await page.getByLabel('Programfil (.yaml)').setInputFiles(broken);
    const refused = page.waitForResponse((r) => r.url().endsWith('/console/program/preview'));
    await page.getByRole('button', { name: 'Förhandsgranska ändringarna' }).click();
    expect((await refused).status()).toBe(422);
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('Filen har 1 fel – inget har ändrats');
    expect(await alert.textContent()).toContain(`Rad ${line}: modules[0].preparations[1].due: "+12x 12:00" is not a date`);
    expect(await item.locator('.due').textContent()).toBe(dueBefore);
    expect((await k.db.prisma.preparation.findUniqueOrThrow({ where: { id: prep.id } })).dueAt).toEqual(prep.dueAt);
    await checkBothWidths(page, 'errors');

    // The cohort's join code changed: not this page's to change, and it says where instead.
    expect(text).toContain('joinCode: DIGI-2026');
    const people = path.join(files, 'people.yaml');
    writeFileSync(people, text.replace('joinCode: DIGI-2026', 'joinCode: EASY-1'));
    await page.getByLabel('Programfil (.yaml)').setInputFiles(people);
    await page.getByLabel('… eller klistra in filens text').fill('');
    const elsewhere = page.waitForResponse((r) => r.url().endsWith('/console/program/preview'));
    await page.getByRole('button', { name: 'Förhandsgranska ändringarna' }).click();
    expect((await elsewhere).status()).toBe(422);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('deltagare och kohorter ändras på sidan Deltagare');
    expect(await page.getByRole('alert').getByRole('link', { name: 'Gå till sidan Deltagare' }).getAttribute('href')).toBe('/console/people');
    expect((await k.db.prisma.cohort.findUniqueOrThrow({ where: { slug: 'demo-host' } })).joinCode).toBe('DIGI-2026');
    await checkBothWidths(page, 'people');

    // Corrected, two days later: the preview, by keyboard alone from the button on.
    const before = await eriksReminders(prep.id);
    expect(before.size).toBeGreaterThan(0);
    const corrected = path.join(files, 'corrected.yaml');
    writeFileSync(corrected, text.replace('due: +10d 12:00', 'due: +12d 12:00'));
    await page.getByLabel('Programfil (.yaml)').setInputFiles(corrected);
    await page.getByLabel('… eller klistra in filens text').fill('');
    await page.getByRole('button', { name: 'Förhandsgranska ändringarna' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Förhandsgranskning – så här ändras programmet');
    const moved = page.locator('li', { hasText: 'Läs Att leda digital transformation, s. 1–45' });
    expect(await moved.textContent()).toContain('lör 30 jan. kl. 12:00 → mån 1 feb. kl. 12:00');
    const count = Number(/(\d+) väntande påminnelser flyttas/.exec((await page.locator('main').textContent())!)![1]);
    expect(count).toBeGreaterThan(0);
    expect((await k.db.prisma.preparation.findUniqueOrThrow({ where: { id: prep.id } })).dueAt).toEqual(prep.dueAt);
    await checkBothWidths(page, 'preview');

    await page.getByRole('button', { name: 'Verkställ' }).focus();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Verkställ');
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Programmet är uppdaterat');
    await checkBothWidths(page, 'applied');

    // Erik's pending reminders for it moved at once: the week-before one from Fri 22 to Mon 25 Jan, and one on the new day itself (08:00).
    const after = await eriksReminders(prep.id);
    expect([...before.values()].map((at) => new Date(at).toISOString()).sort()).toEqual(['2027-01-22T08:00:00.000Z', '2027-01-29T08:00:00.000Z']);
    expect([...after.values()].map((at) => new Date(at).toISOString()).sort()).toEqual(['2027-01-25T08:00:00.000Z', '2027-01-29T08:00:00.000Z', '2027-02-01T07:00:00.000Z']);
    expect([...before.keys()].some((key) => after.has(key) && after.get(key) !== before.get(key))).toBe(true);
    await page.getByRole('link', { name: 'Tillbaka till programmet' }).click();
    await expect.poll(() => item.locator('.due').textContent()).toBe('senast mån 1 feb. kl. 12:00');

    // The same preview once more (a second tab, a resent form): refused, in words, and accessible too.
    await page.evaluate(() => {
      const form = Object.assign(document.createElement('form'), { method: 'post', action: '/console/program/apply' });
      const csrf = document.querySelector<HTMLInputElement>('input[name="_csrf"]')!.value;
      form.append(
        Object.assign(document.createElement('input'), { type: 'hidden', name: '_csrf', value: csrf }),
        Object.assign(document.createElement('input'), { type: 'hidden', name: 'draft', value: 'used' }),
      );
      document.body.append(form);
      form.submit();
    });
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Inget att verkställa');
    await checkBothWidths(page, 'refused');
    await page.close();
  });
});
