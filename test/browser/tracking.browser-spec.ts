import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, signIn } from '../support/browser.js';
import { Client } from '../support/http-client.js';
import { complaint, demoDealers } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Screenshots of the customer's page land in test-output/screenshots/tracking/. */
const SHOTS = 'tracking';

describe("the Dutch customer's tracking page in a browser", () => {
  let app: TestApp;
  let browser: Browser;
  let staff: Client;

  const logDutchCase = async (name: string) => {
    const dealers = await demoDealers(staff);
    const res = await staff.post('/api/tickets', complaint(dealers.nl.id, { customer: { name, email: `${name.toLowerCase()}@example.nl`, language: 'nl' }, onTheSpot: { listened: true, apology: { by: 'Pieter', how: 'in-person' } } }));
    expect(res.status, res.text).toBe(201);
    return { ref: res.body.ref as string, path: new URL(res.body.trackingUrl).pathname };
  };
  const resolve = async (ref: string) => {
    await staff.post(`/api/tickets/${ref}/stages/fix`, { rootCause: 'waiting-time', action: 'A call from the sales manager', owner: 'Pieter' });
    expect((await staff.post(`/api/tickets/${ref}/stages/compensate`, { noCompensation: { reason: 'Not wanted' } })).body.status).toBe('resolved');
  };

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    staff = await Client.login(app.baseUrl, 'sales.manager.nl@demo.test');
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows Dutch, takes a message that reaches the staff page, and a 5 after resolution', async () => {
    const { ref, path } = await logDutchCase('Sanne');
    const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await page.goto(`${app.baseUrl}${path}`);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('nl');
    await expect(page.locator('.steps').textContent()).resolves.toContain('We hebben naar u geluisterd');
    await expect(page.locator('h1').textContent()).resolves.toContain(`Uw melding ${ref}`);
    await screenshot(page, `${SHOTS}/nl-phone-390x844`);
    await page.setViewportSize({ width: 1280, height: 900 });
    await screenshot(page, `${SHOTS}/nl-desktop-1280x900`);

    await page.locator('textarea[name="body"]').fill('Kunt u mij na 17:00 bellen?');
    await Promise.all([page.waitForNavigation(), page.locator('form[action*="/messages"] button').click()]);
    await expect(page.locator('.messages').textContent()).resolves.toContain('Kunt u mij na 17:00 bellen?');

    const manager = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await signIn(manager, app.baseUrl, 'sales.manager.nl@demo.test');
    await manager.goto(`${app.baseUrl}/tickets/${ref}`);
    await expect(manager.locator('#messages').textContent()).resolves.toContain('Kunt u mij na 17:00 bellen?');

    await resolve(ref);
    await page.reload();
    await page.locator('input[name="score"][value="5"]').check();
    await Promise.all([page.waitForNavigation(), page.locator('form[action*="/rating"] button').click()]);
    await expect(page.locator('.timeline').textContent()).resolves.toContain('U gaf ons een 5 van de 5');
    await screenshot(page, `${SHOTS}/nl-rated-desktop`);
    expect((await staff.get(`/api/tickets/${ref}`)).body).toMatchObject({ stage: 'closed', status: 'resolved' });
  });

  it('a rating of 1 reopens the second case into fix', async () => {
    const { ref, path } = await logDutchCase('Joost');
    await resolve(ref);
    const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await page.goto(`${app.baseUrl}${path}`);
    await page.locator('input[name="score"][value="1"]').check();
    await page.locator('textarea[name="comment"]').fill('Niemand heeft gebeld');
    await Promise.all([page.waitForNavigation(), page.locator('form[action*="/rating"] button').click()]);
    await expect(page.locator('.timeline').textContent()).resolves.toContain('Uw melding is heropend');
    await expect(page.locator('.steps li.current').textContent()).resolves.toContain('We werken aan een oplossing');
    await screenshot(page, `${SHOTS}/nl-reopened-phone`);
    expect((await staff.get(`/api/tickets/${ref}`)).body).toMatchObject({ stage: 'fix', status: 'open' });
  });

  it('switches language on the page', async () => {
    const { path } = await logDutchCase('Anna');
    const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await page.goto(`${app.baseUrl}${path}`);
    await Promise.all([page.waitForNavigation(), page.locator('.langs a[lang="nb"]').click()]);
    await expect(page.locator('.steps').textContent()).resolves.toContain('Vi har lyttet');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('nb');
  });

  it('fits the language switch on one line and the page in the width of a 360 px phone', async () => {
    const { path } = await logDutchCase('Femke');
    const page = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
    await page.goto(`${app.baseUrl}${path}`);
    const tops = await page.locator('.langs a').evaluateAll((links) => links.map((a) => Math.round(a.getBoundingClientRect().top)));
    expect(tops).toHaveLength(4);
    expect(new Set(tops).size, `link tops ${tops.join(', ')}`).toBe(1);
    const langs = await page.locator('.langs').evaluate((nav) => ({ scroll: nav.scrollWidth, client: nav.clientWidth }));
    expect(langs.scroll).toBeLessThanOrEqual(langs.client);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await screenshot(page, `${SHOTS}/nl-phone-360x740`);
  });
});
