/// <reference lib="dom" />
// Functions handed to page.evaluate run in the browser.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaint, demoDealers } from '../support/fixtures.js';
import { Client } from '../support/http-client.js';
import { launchBrowser, screenshot, signIn } from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The Dutch sales manager's queue and ticket page, in Dutch, at a phone's and a laptop's width:
 * the longer Dutch words must not push a page sideways. Screenshots: test-output/screenshots/dutch/.
 */
describe('the queue and the ticket page in Dutch', () => {
  let app: TestApp;
  let browser: Browser;
  let ref: string;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    const api = await Client.login(app.baseUrl, 'quality@demo.test');
    const dealers = await demoDealers(api);
    const created = await api.post('/api/tickets', complaint(dealers.nl.id, {
      department: 'sales', severity: 'high', account: 'De proefrit werd twee keer verzet en niemand belde terug.',
      customer: { name: 'Bram Dekker', email: 'bram.dekker.browser@example.nl', style: { outgoing: true, factsFirst: false } },
      saleAtRisk: { model: 'ID.4', value: { amount: 41000, currency: 'EUR' } },
    }));
    ref = created.body.ref;
    await api.post(`/api/tickets/${ref}/stages/listen`, { contactedVia: 'phone' });
    await api.post(`/api/tickets/${ref}/escalate`, { reason: 'Klant belt opnieuw' });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  for (const width of [390, 1280]) {
    it(`reads Dutch and fits the window at ${width} px`, async () => {
      const page = await signIn(await (await browser.newContext({ viewport: { width, height: 900 } })).newPage(), app.baseUrl, 'sales.manager.nl@demo.test');
      const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
      await page.goto(`${app.baseUrl}/tickets`);
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('nl');
      await expect(page.locator('h1').textContent()).resolves.toBe('Meldingen');
      await expect(page.locator('.queue-views a.view-unassigned').textContent()).resolves.toBe('Niet toegewezen');
      await expect(fits()).resolves.toBe(true);
      await screenshot(page, `dutch/queue-${width}`);
      await page.goto(`${app.baseUrl}/tickets/${ref}`);
      await expect(page.locator('.progress li[aria-current="step"]').textContent()).resolves.toContain('Excuses');
      await expect(page.locator('.style h2').textContent()).resolves.toContain('Geel');
      await expect(page.locator('.escalations button').textContent()).resolves.toBe('Bevestigen');
      await expect(fits()).resolves.toBe(true);
      await screenshot(page, `dutch/ticket-${width}`);
      await page.close();
    });
  }
});
