// The console's maturity and commitments pages in Chromium (issue 17.3): Sara asks for
// `panel` in the playground, opens the link, reaches both pages from the navigation by
// keyboard, sees the charts as pictures next to tables of the same figures — at desktop and
// phone width, with axe-core's WCAG 2.1 AA rules.
import { mkdirSync } from 'node:fs';
import { DateTime } from 'luxon';
import { type Browser, type Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations } from '../helpers/axe.js';
import { startTestKohort } from '../helpers/test-kohort.js';
import { launchChromium, signInFromPlayground } from '../helpers/browser.js';

const SHOTS = process.env.SHOTS_DIR ?? '/tmp/shots';
const local = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Stockholm' }).toJSDate();
let k: Awaited<ReturnType<typeof startTestKohort>>;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  k = await startTestKohort({ program: 'programs/digitalt-forst.yaml', env: {}, now: local('2027-01-11T10:00') });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await k?.kohort.stop();
});

/** One statement of each area answered, so every area has a figure: ledarskap `value`, the rest spread out. */
const FIRST_OF_EACH = ['ap-kartlagda', 'de-medarbetare', 'in-verktyg', 'js-personuppgifter', 'ko-varfor', 'km-grund', 'mb-gemensam', 'ny-nytta', 'oc-prova', 'st-agare'];
async function submittedAttempt(db: typeof k.db, key: string, occasionKey: string, value: number, at: Date) {
  const person = await db.prisma.participant.findFirstOrThrow({ where: { key } });
  const answers = [{ questionKey: 'le-riktning', scaleValue: value, answeredAt: at }, ...FIRST_OF_EACH.map((questionKey, i) => ({ questionKey, scaleValue: ((value + i) % 5) + 1, answeredAt: at }))];
  await db.prisma.questionnaireAttempt.create({
    data: { participantId: person.id, questionnaireKey: 'mognadstest', occasionKey, status: 'submitted', currentIndex: 30, startedAt: at, submittedAt: at, answers: { create: answers } },
  });
}

/** Two occasions taken by Anna, Erik and Johan (Grupp Tillgänglighet), the first by Maja too. */
async function seed() {
  k.clock.set(local('2027-01-20T10:00'));
  for (const [key, value] of [
    ['anna', 2],
    ['erik', 3],
    ['johan', 4],
    ['maja', 5],
  ] as const)
    await submittedAttempt(k.db, key, 'fore-modul-3', value, k.clock.now());
  k.clock.set(local('2027-04-01T10:00'));
  for (const [key, value] of [
    ['anna', 3],
    ['erik', 4],
    ['johan', 5],
  ] as const)
    await submittedAttempt(k.db, key, 'fore-modul-5', value, k.clock.now());
  for (const [as, text] of [
    ['demo-host/lina', 'sluta kopiera och skanna allt'],
    ['demo-host/maja', 'sluta svara på mejl på kvällen'],
  ]) {
    const res = await fetch(`${k.url}/playground/api/inbound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ as, kind: 'message', text }) });
    expect(res.status).toBe(200);
  }
  const lina = await k.db.prisma.commitment.findFirstOrThrow({ where: { participant: { key: 'lina' } } });
  await k.db.prisma.commitment.update({ where: { id: lina.id }, data: { status: 'done', hoursFreedPerWeek: 3 } });
}

describe('the maturity and commitments pages in Chromium', () => {
  it('reach both pages by keyboard from the navigation, with charts and tables, accessible at desktop and phone width', async () => {
    await seed();
    const page = await browser.newPage({ locale: 'sv-SE', viewport: { width: 1280, height: 900 } });
    const charts: Response[] = [];
    page.on('response', (res) => {
      if (res.url().endsWith('/chart.png')) charts.push(res);
    });
    await signInFromPlayground(page, k.url, 'demo-host/sara');
    expect(new URL(page.url()).pathname).toBe('/console');

    // Keyboard alone: Tab through the header to the navigation, Enter opens the page.
    const tabTo = async (name: string) => {
      for (let i = 0; i < 12; i++) {
        await page.keyboard.press('Tab');
        if ((await page.evaluate(() => document.activeElement?.textContent)) === name) return;
      }
      throw new Error(`${name} was not reached by Tab`);
    };
    await tabTo('Mognadstest');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Mognadstest – Demokohorten');
    expect(new URL(page.url()).pathname).toBe('/console/maturity');

    // Per occasion: the cohort and Grupp Tillgänglighet as pictures that loaded; Grupp Omnikanal
    // (Maja alone at the first occasion, nobody at the second) without figures.
    const images = page.getByRole('img');
    await expect.poll(() => images.count()).toBe(4);
    // Drawing a chart takes a moment on a busy machine: wait for every picture, not a fixed time.
    await expect.poll(() => page.evaluate(() => Array.from(document.images).map((img) => img.complete && img.naturalWidth)), { timeout: 15_000 }).toEqual([760, 760, 760, 760]);
    await expect.poll(() => charts.length, { timeout: 15_000 }).toBe(4);
    for (const res of charts) {
      expect(res.status()).toBe(200);
      expect(res.headers()['content-type']).toBe('image/png');
    }
    expect(await page.getByRole('img', { name: /Grupp Tillgänglighet, Före modul 5/ }).count()).toBe(1);
    expect(await page.getByRole('img', { name: /Grupp Omnikanal/ }).count()).toBe(0);
    expect(await page.getByText('Före modul 5: 3 av 5 har skickat in').count()).toBe(1);
    const table = page.getByRole('table', { name: 'Grupp Tillgänglighet, Före modul 5: medelvärde, spridning och antal svar per område' });
    const leadership = table.getByRole('row', { name: /^Ledarskap/ });
    expect(await leadership.getByRole('cell').allTextContents()).toEqual(['4,0', '± 0,8', '3', '+1,0']);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/insights-maturity-desktop.png`, fullPage: true });
    await page.setViewportSize({ width: 375, height: 740 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/insights-maturity-phone.png`, fullPage: true });

    await page.setViewportSize({ width: 1280, height: 900 });
    await tabTo('Sluta göra');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Beslut om att sluta göra – Demokohorten');
    expect(await page.getByText('2 beslut sammanlagt. Frigjord tid: 3 timmar i veckan sammanlagt.').count()).toBe(1);
    const all = page.getByRole('row', { name: /^Alla moduler/ });
    expect(await all.getByRole('cell').allTextContents()).toEqual(['2', '1', '1']);
    expect(await page.getByRole('rowheader', { name: 'Egna formuleringar' }).count()).toBe(1);
    expect(await page.locator('main').textContent()).not.toMatch(/Lina|Maja|kopiera|mejl/);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/insights-commitments-desktop.png`, fullPage: true });
    await page.setViewportSize({ width: 375, height: 740 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/insights-commitments-phone.png`, fullPage: true });
    await page.close();
  });
});
