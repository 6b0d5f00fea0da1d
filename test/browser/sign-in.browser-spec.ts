import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** A receptionist signs in through the form and logs an incident from the intake page. */
describe('sign-in and intake in a browser', () => {
  let app: TestApp;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.close();
  });

  it('signs in, lands on the intake page, logs an incident and shows its reference and tracking link', async () => {
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/login`);
    await page.fill('input[name="email"]', 'reception.nl@demo.test');
    await page.fill('input[name="password"]', 'demo-password');
    await Promise.all([page.waitForURL('**/intake'), page.click('button[type="submit"]')]);
    expect(new URL(page.url()).pathname).toBe('/intake');
    await expect(page.locator('h1').first().textContent()).resolves.toContain('Melding registreren'); // the Dutch receptionist's own language

    // How the intake page looks on a tablet at the counter and on a laptop.
    await page.setViewportSize({ width: 1024, height: 768 });
    await screenshot(page, 'intake-tablet-1024x768');
    await page.setViewportSize({ width: 1440, height: 900 });
    await screenshot(page, 'intake-laptop-1440x900');

    const form = page.locator('form.intake');
    await form.locator('select[name="department"]').selectOption('sales');
    await form.locator('select[name="category"]').selectOption('waiting-time');
    await form.locator('textarea[name="account"]').fill('Nobody at the sales desk spoke to me for 25 minutes during the morning meeting.');
    await form.locator('input[name="customerName"]').fill('Browser Customer');
    await form.locator('input[name="customerEmail"]').fill('browser.customer@example.com');
    await form.locator('input[name="listened"]').check();
    await form.locator('input[name="apologised"]').check();
    await form.locator('button[type="submit"]').click();
    // Either the result page or the form again with what was wrong: say which.
    await page.locator('#tracking-url, [role="alert"]').first().waitFor();
    const alert = page.locator('[role="alert"]');
    if (await alert.count()) throw new Error(`intake refused: ${(await alert.innerText()).replace(/\s+/g, ' ')}`);

    const ref = (await page.locator('h1.ref').textContent())?.trim();
    expect(ref).toMatch(/^AM-\d{4}-\d{6}$/);
    const tracking = page.locator('a#tracking-url');
    const href = (await tracking.getAttribute('href')) ?? '';
    expect(href).toMatch(/^https?:\/\/[^/]+\/track\/[A-Za-z0-9_-]{43}$/);
    expect((await tracking.textContent())?.trim()).toBe(href);
    await screenshot(page, 'intake-done-1440x900');

    // The link is built on PUBLIC_URL; follow its path on this server: the customer's page names the case.
    const customer = await browser.newPage();
    await customer.goto(`${app.baseUrl}${new URL(href).pathname}`);
    await expect(customer.locator('h1').first().textContent()).resolves.toContain(ref!);
    await customer.close();
  });
});
