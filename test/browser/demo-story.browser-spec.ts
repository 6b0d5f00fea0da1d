import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, SCREENSHOT_DIR, screenshot, signIn } from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Screenshots land in test-output/screenshots/demo-story/: what someone trying the demo sees on first start. */
const SHOTS = 'demo-story';

describe('the demo story in a browser', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp({}, { seed: 'story' }), launchBrowser()]);
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await signIn(page, app.baseUrl, 'quality@demo.test');
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows a dashboard with every chart filled and a league of three ranked dealers', async () => {
    await page.goto(`${app.baseUrl}/dashboard`);
    const charts = page.locator('figure.chart');
    expect(await charts.count()).toBeGreaterThanOrEqual(3);
    for (const chart of await charts.all()) expect(await chart.locator('table.chart-data tbody tr').count()).toBeGreaterThan(0);
    const league = page.locator('#league table.league tbody tr');
    expect(await league.count()).toBe(3);
    expect(await league.locator('td:first-child').allTextContents()).toEqual(['1', '2', '3']);
    await screenshot(page, `${SHOTS}/dashboard`);
    await page.locator('#league').screenshot({ path: join(SCREENSHOT_DIR, SHOTS, 'league.png') });
  });

  it('shows a queue a page deep, in the dealers’ languages', async () => {
    await page.goto(`${app.baseUrl}/tickets`);
    const rows = page.locator('table.queue tbody tr');
    expect(await rows.count()).toBeGreaterThanOrEqual(20);
    await screenshot(page, `${SHOTS}/queue`);
    await page.goto(`${app.baseUrl}/tickets?slaState=breached`);
    expect(await page.locator('table.queue tbody tr').count()).toBeGreaterThan(0);
    await screenshot(page, `${SHOTS}/queue-breached`);
  });
});
