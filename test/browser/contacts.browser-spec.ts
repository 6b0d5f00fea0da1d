import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/common/clock/clock.js';
import { launchBrowser, screenshot, signIn } from '../support/browser.js';
import { Client } from '../support/http-client.js';
import { complaint, demoDealers } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Screenshots land in test-output/screenshots/contacts/. */
const SHOTS = 'contacts';

describe('the Contacts due page in a browser', () => {
  // Tuesday 1 December 2026, 10:00 in Utrecht; the call falls due on Thursday.
  const clock = new FixedClock(new Date('2026-12-01T09:00:00Z'));
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  let customerId: string;
  let firstRef: string;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp({}, { clock }), launchBrowser()]);
    const admin = await Client.login(app.baseUrl, 'admin@demo.test');
    const dealers = await demoDealers(admin);
    const res = await admin.post('/api/tickets', complaint(dealers.nl.id, { department: 'sales', customer: { name: 'Bram Browser', email: 'bram@example.nl', phone: '+31 6 1234 5678', style: { outgoing: false, factsFirst: true } } }));
    firstRef = res.body.ref;
    customerId = res.body.customer.id;
    for (const [stage, body] of [
      ['listen', { contactedVia: 'phone' }], ['apologise', { by: 'Anouk', how: 'phone' }], ['fix', { rootCause: 'workmanship', action: 'Refitted the trim', owner: 'Pieter' }],
      ['compensate', { noCompensation: { reason: 'Not wanted' } }], ['follow-up', { score: 5, via: 'phone' }], ['closed', { outcome: 'retained' }],
    ] as const) expect((await admin.post(`/api/tickets/${firstRef}/stages/${stage}`, body)).status).toBe(200);
    clock.set(new Date('2026-12-03T10:00:00Z'));
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signIn(page, app.baseUrl, 'sales.manager.nl@demo.test');
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows the call with the history at a glance, completes it as a new issue and lands on the new ticket', async () => {
    await page.goto(`${app.baseUrl}/contacts`);
    const call = page.locator('section.contact-call', { hasText: 'Bram Browser' });
    await expect(call.count()).resolves.toBe(1);
    await expect(call.textContent()).resolves.toContain('Check the put-right held');
    await call.locator('details summary').first().click();
    await expect(call.textContent()).resolves.toContain(firstRef);
    await expect(call.textContent()).resolves.toContain('Blauw'); // the manager reads Dutch
    await screenshot(page, `${SHOTS}/contacts-due`);

    await call.locator('input[name="outcome"][value="new-issue"]').check();
    await call.locator('details', { hasText: 'Het nieuwe probleem' }).locator('summary').click();
    await call.locator('select[name="newCategory"]').selectOption('workmanship');
    await call.locator('textarea[name="newAccount"]').fill('The trim rattles again on the motorway.');
    await call.locator('textarea[name="note"]').fill('Books a workshop visit');
    await Promise.all([page.waitForNavigation(), call.locator('button[type="submit"]').click()]);
    const path = new URL(page.url()).pathname;
    expect(path).toMatch(/^\/tickets\/AM-2026-\d{6}$/);
    expect(path).not.toBe(`/tickets/${firstRef}`);
    await expect(page.locator('body').textContent()).resolves.toContain('The trim rattles again on the motorway.');
    await screenshot(page, `${SHOTS}/new-ticket`);
  });

  it('shows the customer whole: both tickets and the journey, the new issue linked', async () => {
    await page.goto(`${app.baseUrl}/customers/${customerId}`);
    const text = (await page.locator('main, body').first().textContent()) ?? '';
    expect(text).toContain('Bram Browser');
    expect(text).toContain(firstRef);
    expect(text).toContain('Loyaliteitstraject');
    expect(text).toContain('Nieuw probleem');
    await screenshot(page, `${SHOTS}/customer`);
  });

  it('tells the receptionist, as a known e-mail is typed at intake, that the customer is returning, with a link to their history', async () => {
    const reception = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signIn(reception, app.baseUrl, 'reception.nl@demo.test');
    await reception.goto(`${app.baseUrl}/intake`);
    const notice = reception.locator('#returning-customer');
    await expect(notice.isVisible()).resolves.toBe(false);
    await reception.locator('input[name="customerEmail"]').fill('BRAM@example.nl');
    await reception.locator('input[name="customerEmail"]').press('Tab'); // leaving the field is the change
    await notice.waitFor({ state: 'visible' });
    // The first ticket is closed; the new issue from the call is open.
    // In the Dutch receptionist's language, filled in by the script from the page's words.
    await expect(notice.textContent()).resolves.toBe('Terugkerende klant: 2 eerdere meldingen, 1 open — bekijk de geschiedenis');
    await expect(notice.locator('a').getAttribute('href')).resolves.toBe(`/customers/${customerId}`);
    await screenshot(reception, `${SHOTS}/intake-returning`);
    // An e-mail nobody has: the notice goes.
    await reception.locator('input[name="customerEmail"]').fill('someone.new@example.nl');
    await reception.locator('input[name="customerEmail"]').press('Tab');
    await notice.waitFor({ state: 'hidden' });
    await reception.context().close();
  });
});
