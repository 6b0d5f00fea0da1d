import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, signIn as signInPage } from '../support/browser.js';
import { Client } from '../support/http-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Screenshots of this walk land in test-output/screenshots/sales-desk-walk/. */
const SHOTS = 'sales-desk-walk';

/** The Dutch sales-desk case through the pages, in Chromium: from the counter to closed, retained. */
describe('the sales-desk case through the pages', () => {
  let app: TestApp;
  let browser: Browser;
  let api: Client;
  let ref: string;
  let trackingPath: string;

  const signIn = async (email: string, viewport = { width: 1440, height: 900 }): Promise<Page> => {
    return signInPage(await (await browser.newContext({ viewport })).newPage(), app.baseUrl, email);
  };
  /** Submits a form on the ticket page and fails with the page's own message if it was refused. */
  const submit = async (page: Page, formSelector: string) => {
    await Promise.all([page.waitForNavigation(), page.locator(`${formSelector} button[type="submit"]`).click()]);
    const alert = page.locator('[role="alert"]');
    if (await alert.count()) throw new Error(`refused: ${(await alert.innerText()).replace(/\s+/g, ' ')}`);
  };
  const ticket = async () => (await api.get(`/api/tickets/${ref}`)).body;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    api = await Client.login(app.baseUrl, 'quality@demo.test');
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('the receptionist logs it in one screen with what was done on the spot', async () => {
    const page = await signIn('reception.nl@demo.test', { width: 1024, height: 768 });
    expect(new URL(page.url()).pathname).toBe('/intake');
    const form = page.locator('form.intake');
    await form.locator('select[name="department"]').selectOption('sales');
    await form.locator('select[name="category"]').selectOption('waiting-time');
    await form.locator('input[name="channel"][value="walk-in"]').check();
    await form.locator('input[name="severity"][value="high"]').check();
    await form.locator('select[name="minutesAgo"]').selectOption('30');
    await form.locator('textarea[name="account"]').fill('I was to see a salesperson at 9:00. The team was in its morning meeting, nobody came, I left after 25 minutes. I will buy elsewhere.');
    // The optional parts are folded under "More details".
    await form.locator('#more-details > summary').click();
    await form.locator('input[name="desiredOutcome"]').fill('An apology from sales and an appointment that starts on time');
    await form.locator('input[name="customerName"]').fill('Sanne de Vries');
    await form.locator('input[name="customerEmail"]').fill('sanne.devries@example.nl');
    await form.locator('input[name="styleEnergy"][value="reflective"]').check();
    await form.locator('input[name="styleFocus"][value="facts"]').check();
    await form.locator('input[name="saleAtRisk"]').check();
    await form.locator('input[name="saleModel"]').fill('ID.7 Tourer');
    await form.locator('input[name="saleValue"]').fill('52000');
    await form.locator('input[name="listened"]').check();
    await form.locator('input[name="apologised"]').check();
    await form.locator('select[name="compensationKind"]').selectOption('fuel');
    await form.locator('input[name="compensationAmount"]').fill('45');
    await form.locator('input[name="compensationNote"]').fill('No need to refuel the loan car');
    await screenshot(page, `${SHOTS}/01-intake-filled-tablet`);
    await Promise.all([page.waitForNavigation(), form.locator('button[type="submit"]').click()]);
    ref = (await page.locator('h1.ref').textContent())!.trim();
    expect(ref).toMatch(/^AM-\d{4}-\d{6}$/);
    trackingPath = new URL((await page.locator('#tracking-url').getAttribute('href'))!).pathname;
    await screenshot(page, `${SHOTS}/02-intake-done-tablet`);
    expect(await ticket()).toMatchObject({ stage: 'fix', saleAtRisk: { model: 'ID.7 Tourer' } });
  });

  it('the sales manager agrees the fix and settles the compensation from the ticket page', async () => {
    const page = await signIn('sales.manager.nl@demo.test');
    await page.goto(`${app.baseUrl}/tickets/${ref}`);
    await expect(page.locator('.style h2').textContent()).resolves.toContain('Blauw'); // the manager reads Dutch
    await expect(page.locator('.progress li[aria-current="step"]').textContent()).resolves.toContain('Oplossen');
    await screenshot(page, `${SHOTS}/03-ticket-fix-laptop`);
    const fix = 'form[action$="/stages/fix"]';
    await page.locator(`${fix} select[name="rootCause"]`).selectOption('process');
    await page.locator(`${fix} input[name="rootCauseNote"]`).fill('Nobody covers the desk during the morning meeting');
    await page.locator(`${fix} textarea[name="action"]`).fill('Personal apology and a trade-in appointment at 9:00 sharp');
    await submit(page, fix);
    expect((await ticket()).stage).toBe('compensate');
    await submit(page, 'form[action$="/stages/compensate"]');
    expect(await ticket()).toMatchObject({ stage: 'follow-up', status: 'resolved' });
    await page.close();
  });

  it('the customer rates it 5 from the tracking link on a phone', async () => {
    const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await page.goto(`${app.baseUrl}${trackingPath}`);
    await expect(page.locator('h1').textContent()).resolves.toContain(ref);
    await screenshot(page, `${SHOTS}/04-tracking-phone`);
    await page.locator('input[name="score"][value="5"]').check();
    await page.locator('textarea[name="comment"]').fill('Thank you, I am staying');
    await Promise.all([page.waitForNavigation(), page.locator('form[action*="/rating"] button').click()]);
    // Sanne reads Dutch.
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('nl');
    await expect(page.locator('.timeline').textContent()).resolves.toContain('U gaf ons een 5 van de 5');
    expect(await ticket()).toMatchObject({ stage: 'closed', status: 'resolved' });
  });

  it('the sales manager closes it with the customer retained', async () => {
    const page = await signIn('sales.manager.nl@demo.test');
    await page.goto(`${app.baseUrl}/tickets/${ref}`);
    await page.locator('form[action$="/stages/closed"] select[name="outcome"]').selectOption('retained');
    await submit(page, 'form[action$="/stages/closed"]');
    await expect(page.locator('.facts').textContent()).resolves.toContain('Gesloten');
    await screenshot(page, `${SHOTS}/05-ticket-closed-laptop`);
    const final = await ticket();
    expect(final).toMatchObject({ stage: 'closed', status: 'closed', outcome: 'retained' });
    expect(final.timeline.map((e: any) => e.type)).toEqual([
      'created', 'stage-completed', 'stage-completed', 'compensation-delivered', 'stage-completed', 'stage-completed', 'rated', 'closed',
    ]);
  });
});
