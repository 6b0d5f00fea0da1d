import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, signIn } from '../support/browser.js';
import { Client } from '../support/http-client.js';
import { complaint, demoDealers } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Screenshots land in test-output/screenshots/quality-desk/. */
const SHOTS = 'quality-desk';

describe("the quality manager's desk in a browser", () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  const breached: string[] = [];

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    const reception = await Client.login(app.baseUrl, 'reception.no@demo.test');
    const dealers = await demoDealers(reception);
    for (let i = 0; i < 3; i++) {
      const res = await reception.post('/api/tickets', complaint(dealers.no.id, { department: 'sales', severity: 'high', receivedAt: new Date(Date.now() - 10 * 86_400_000).toISOString(), customer: { name: `Waiting customer ${i}`, email: `w${i}@example.no` } }));
      breached.push(res.body.ref);
    }
    // One of them has its fix agreed, so the Pareto chart has a root cause to show.
    const ref = breached[2];
    await reception.post(`/api/tickets/${ref}/stages/listen`, { contactedVia: 'phone' });
    await reception.post(`/api/tickets/${ref}/stages/apologise`, { by: 'Ingrid', how: 'phone' });
    expect((await reception.post(`/api/tickets/${ref}/stages/fix`, { rootCause: 'waiting-time', action: 'Call back', owner: 'Lars' })).status).toBe(200);
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true })).newPage();
    await signIn(page, app.baseUrl, 'quality@demo.test');
    expect(new URL(page.url()).pathname).toBe('/tickets');
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('filters the queue to breached sales tickets and assigns two at once', async () => {
    const filters = page.locator('form.queue-filters');
    // One dealer's tickets: the bulk list then holds that dealer's staff (it offers only who may take every listed ticket).
    await filters.locator('select[name="dealerId"]').selectOption({ label: 'Fjord Bil Oslo' });
    await filters.locator('select[name="department"]').selectOption('sales');
    await filters.locator('select[name="slaState"]').selectOption('breached');
    await Promise.all([page.waitForNavigation(), filters.locator('button[type="submit"]').click()]);
    const url = new URL(page.url());
    expect(url.searchParams.get('department')).toBe('sales');
    expect(url.searchParams.get('slaState')).toBe('breached');
    const refs = await page.locator('table.queue tbody tr td:nth-child(2) a').allTextContents();
    expect(refs).toEqual(expect.arrayContaining(breached));
    for (const row of await page.locator('table.queue tbody tr').all()) await expect(row.locator('.sla').textContent()).resolves.toBe('Breached');
    await screenshot(page, `${SHOTS}/queue-breached-sales`);

    await page.locator(`input[name="refs"][value="${breached[0]}"]`).check();
    await page.locator(`input[name="refs"][value="${breached[1]}"]`).check();
    await page.locator('#bulk select[name="assigneeId"]').selectOption({ label: 'Lars Berg' });
    await Promise.all([page.waitForNavigation(), page.locator('#bulk button.assign-selected').click()]);
    expect(new URL(page.url()).searchParams.get('slaState')).toBe('breached');
    const assigned = await page.locator('table.queue tbody tr').filter({ hasText: 'Lars Berg' }).count();
    expect(assigned).toBe(2);
    await screenshot(page, `${SHOTS}/queue-assigned`);
  });

  it('downloads a CSV whose rows are the filtered queue', async () => {
    const onPage = await page.locator('table.queue tbody tr td:nth-child(2) a').allTextContents();
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('a[href^="/api/exports/tickets.csv"]').click()]);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const refs = text.slice(1).trim().split('\r\n').slice(1).map((line) => line.split(',')[0]);
    expect(refs).toEqual(onPage);
  });

  it('shows the dashboard with the Pareto chart and the league table', async () => {
    await page.goto(`${app.baseUrl}/dashboard`);
    await expect(page.locator('figcaption', { hasText: 'Root causes (Pareto)' }).count()).resolves.toBe(1);
    // Four charts and the 12-week trend line.
    expect(await page.locator('svg').count()).toBe(5);
    await expect(page.locator('figure', { hasText: 'Root causes (Pareto)' }).locator('polyline').count()).resolves.toBe(1);
    const league = await page.locator('#league tbody tr').count();
    expect(league).toBe(3);
    await screenshot(page, `${SHOTS}/dashboard`);
  });
});
