import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/common/clock/clock.js';
import { launchBrowser, screenshot, signIn } from '../support/browser.js';
import { Client } from '../support/http-client.js';
import { complaint, demoDealers, type DemoDealer } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Screenshots land in test-output/screenshots/improvements/. */
const SHOTS = 'improvements';
const DAY = 24 * 3600 * 1000;
const WEEK = 7 * DAY;
const NOW = new Date('2026-11-30T10:00:00Z');

describe('the quality manager closes the loop in a browser', () => {
  const clock = new FixedClock(NOW);
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  let admin: Client;
  let dealers: Record<string, DemoDealer>;
  let n = 0;

  /** A Dutch sales ticket whose fix named waiting time, recorded at `at` (the app's clock is taken there and back). */
  async function fixedAt(at: Date): Promise<string> {
    const back = clock.now();
    clock.set(at);
    try {
      const res = await admin.post('/api/tickets', complaint(dealers.nl.id, { department: 'sales', category: 'waiting-time', customer: { name: `Waited ${++n}`, email: `waited${n}@example.nl` } }));
      for (const [stage, body] of [
        ['listen', { contactedVia: 'phone' }],
        ['apologise', { by: 'Anouk', how: 'phone' }],
        ['fix', { rootCause: 'waiting-time', action: 'Call back', owner: 'Pieter' }],
      ] as const) expect((await admin.post(`/api/tickets/${res.body.ref}/stages/${stage}`, body)).status).toBe(200);
      return res.body.ref;
    } finally {
      clock.set(back);
    }
  }

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp({}, { clock }), launchBrowser()]);
    // A key, not a session: the story moves the clock weeks ahead.
    const session = await Client.login(app.baseUrl, 'admin@demo.test');
    const users = (await session.get('/api/users')).body as { id: string; email: string }[];
    const key = await session.post('/api/admin/api-keys', { userId: users.find((u) => u.email === 'admin@demo.test')!.id, name: 'browser story' });
    admin = Client.withKey(app.baseUrl, key.body.key);
    dealers = await demoDealers(admin);
    // Twelve weeks of waiting-time complaints at the Dutch sales desk, 2 to 3 a week.
    for (let w = 12; w >= 1; w--) for (let i = 0; i < 2 + (w % 2); i++) await fixedAt(new Date(NOW.getTime() - w * WEEK + (i + 1) * DAY));
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signIn(page, app.baseUrl, 'quality@demo.test');
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  let improvementUrl = '';

  it('opens an improvement from the dashboard suggestion, links a ticket and marks it done', async () => {
    await page.goto(`${app.baseUrl}/dashboard`);
    const suggestion = page.locator('li.suggestion', { hasText: 'Autohuis Utrecht · Sales · Waiting time' });
    await expect(suggestion.textContent()).resolves.toMatch(/: 30 tickets in 90 days/);
    await screenshot(page, `${SHOTS}/1-dashboard-suggestion`);
    await Promise.all([page.waitForNavigation(), suggestion.locator('button', { hasText: 'Open an improvement' }).click()]);
    improvementUrl = page.url();
    expect(new URL(improvementUrl).pathname).toMatch(/^\/improvements\/[0-9a-f-]{36}$/);
    const linked = await page.locator('section[aria-labelledby="tickets-title"] li').count();
    expect(linked).toBeGreaterThanOrEqual(10);

    // A ticket fixed since, linked by hand.
    const late = await fixedAt(new Date(NOW.getTime() - DAY / 2));
    await page.fill('input[name="refs"]', late);
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Link")')]);
    await expect(page.locator('section[aria-labelledby="tickets-title"] li').count()).resolves.toBe(linked + 1);

    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Start work")')]);
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Mark done")')]);
    await expect(page.locator('.tag').first().textContent()).resolves.toBe('Done');
    await expect(page.locator('button:has-text("Mark verified")').count()).resolves.toBe(0);
    await expect(page.locator('body').textContent()).resolves.toContain('It can be verified from');
    await screenshot(page, `${SHOTS}/2-done`);
  });

  it('seven weeks later sees the effect chart with its numbers, and may verify it', async () => {
    // After the change: one complaint in seven weeks.
    await fixedAt(new Date(NOW.getTime() + 3 * WEEK + DAY));
    clock.set(new Date(NOW.getTime() + 7 * WEEK + DAY));
    await signIn(page, app.baseUrl, 'quality@demo.test');
    await page.goto(improvementUrl);
    const chart = page.locator('figure.chart svg');
    await expect(chart.count()).resolves.toBe(1);
    await expect(page.locator('figure.chart rect.bar').count()).resolves.toBe(12 + 7);
    await expect(page.locator('figure.chart rect.bar-after').count()).resolves.toBe(7);
    const change = await page.locator('.change').textContent();
    expect(change).toMatch(/^-\d+(\.\d)? %$/);
    expect(Number(change!.replace(' %', ''))).toBeLessThan(-80);
    const rows = await page.locator('table.chart-data tbody tr').allTextContents();
    expect(rows).toHaveLength(19);
    await screenshot(page, `${SHOTS}/3-effect-1280`);
    await page.setViewportSize({ width: 360, height: 800 });
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scroll).toBeLessThanOrEqual(360);
    await screenshot(page, `${SHOTS}/4-effect-360`);
    await page.setViewportSize({ width: 1280, height: 900 });
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Mark verified")')]);
    await expect(page.locator('.tag').first().textContent()).resolves.toBe('Verified');
    await page.goto(`${app.baseUrl}/improvements`);
    await screenshot(page, `${SHOTS}/5-list`);
  });
});
