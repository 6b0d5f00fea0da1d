import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, signIn } from '../support/browser.js';
import { Client } from '../support/http-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Screenshots land in test-output/screenshots/intake-dutch-case/. */
const SHOTS = 'intake-dutch-case';
const SIZES = { phone: { width: 360, height: 780 }, tablet: { width: 768, height: 1024 }, laptop: { width: 1280, height: 900 } } as const;

/**
 * Issue 17: the receptionist at the counter, on a tablet, the customer waiting. The Dutch
 * sales-desk case takes no more than 8 filled fields and 4 taps, submit included, and a
 * reload of the receipt logs no second ticket.
 */
describe('the Dutch sales-desk case at the counter', () => {
  let app: TestApp;
  let browser: Browser;
  let api: Client;
  let ref: string;
  let receiptUrl: string;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    api = await Client.login(app.baseUrl, 'quality@demo.test');
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const allTickets = async () => {
    const refs: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { ref: string }[]; nextCursor: string | null } } = await api.get(`/api/tickets?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      refs.push(...res.body.items.map((i) => i.ref));
      cursor = res.body.nextCursor;
    } while (cursor);
    return refs;
  };

  it('is logged at tablet size in at most 8 fields and 4 taps, and the receipt reloads without a second ticket', async () => {
    const before = await allTickets();
    const page = await signIn(await (await browser.newContext({ viewport: SIZES.tablet, hasTouch: true })).newPage(), app.baseUrl, 'reception.nl@demo.test');
    expect(new URL(page.url()).pathname).toBe('/intake');
    const form = page.locator('form.intake');
    // The account has the focus as the page opens: typing starts at once.
    await expect(page.evaluate(() => document.activeElement?.getAttribute('name'))).resolves.toBe('account');
    await expect(page.locator('#intake-dealer').textContent()).resolves.toContain('Autohuis Utrecht');

    let fills = 0;
    let taps = 0;
    const fill = async (field: Locator, value: string) => {
      fills++;
      await ((await field.evaluate((el) => el.tagName)) === 'SELECT' ? field.selectOption(value) : field.fill(value));
    };
    const tap = async (control: Locator) => {
      taps++;
      await control.tap();
    };

    await fill(form.locator('textarea[name="account"]'), 'Ik had om 9:00 een afspraak bij verkoop. Het team zat in het ochtendoverleg, niemand kwam naar me toe. Na 25 minuten ben ik weggegaan. Ik koop mijn auto elders.');
    await fill(form.locator('select[name="department"]'), 'sales');
    await fill(form.locator('select[name="category"]'), 'waiting-time');
    await tap(form.locator('input[name="listened"]'));
    await tap(form.locator('input[name="apologised"]'));
    await fill(form.locator('select[name="compensationKind"]'), 'fuel');
    await fill(form.locator('input[name="compensationNote"]'), 'Ze hoeft de leenauto niet te tanken');
    await fill(form.locator('input[name="customerName"]'), 'Sanne de Vries');
    await fill(form.locator('input[name="customerEmail"]'), 'sanne.devries.counter@example.nl');
    // Walk-in and medium are already chosen; the optional parts stay folded.
    await expect(form.locator('input[name="channel"][value="walk-in"]').isChecked()).resolves.toBe(true);
    await expect(form.locator('#more-details').getAttribute('open')).resolves.toBeNull();
    await screenshot(page, `${SHOTS}/intake-filled-tablet`);
    await Promise.all([page.waitForURL(/\/receipt$/), tap(form.locator('button[type="submit"]'))]);

    expect(fills).toBeLessThanOrEqual(8);
    expect(taps).toBeLessThanOrEqual(4);
    receiptUrl = page.url();
    ref = (await page.locator('h1.ref').textContent())!.trim();
    expect(ref).toMatch(/^AM-\d{4}-\d{6}$/);
    await expect(page.locator('.qr svg').count()).resolves.toBe(1);
    await expect(page.locator('#receipt-mail').textContent()).resolves.toContain('sanne.devries.counter@example.nl');
    await screenshot(page, `${SHOTS}/receipt-tablet`);
    // Printed: the dealer, the reference, what happens next and the code; no navigation.
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.topbar').isVisible()).resolves.toBe(false);
    for (const shown of ['.receipt-dealer', 'h1.ref', '.next', '.qr svg']) await expect(page.locator(shown).isVisible(), shown).resolves.toBe(true);
    await screenshot(page, `${SHOTS}/receipt-print`);
    await page.emulateMedia({ media: 'screen' });
    // The receipt, and the menu of the page shell, are in the receptionist's Dutch.
    await expect(page.locator('#next-heading').textContent()).resolves.toBe('Wat er nu gebeurt');
    const menu = page.locator('details.nav-menu');
    await menu.locator('summary').click();
    await expect(menu.locator('nav a').allTextContents()).resolves.toEqual(['Melding registreren', 'Meldingen']);
    await expect(menu.locator('.who button').textContent()).resolves.toBe('Afmelden');
    await screenshot(page, `${SHOTS}/receipt-nl-menu-tablet`);

    await page.reload();
    await expect(page.locator('h1.ref').textContent()).resolves.toBe(ref);
    const after = await allTickets();
    expect(after.filter((r) => !before.includes(r))).toEqual([ref]);
    const ticket = (await api.get(`/api/tickets/${ref}`)).body;
    expect(ticket).toMatchObject({ department: 'sales', category: 'waiting-time', channel: 'walk-in', severity: 'medium', stage: 'fix', customer: { name: 'Sanne de Vries' } });
    expect(ticket.compensations[0]).toMatchObject({ kind: 'fuel', note: 'Ze hoeft de leenauto niet te tanken' });
    await page.context().close();
  });

  it('screenshots intake, receipt, queue and ticket at phone, tablet and laptop size, none wider than the window', async () => {
    for (const [size, viewport] of Object.entries(SIZES)) {
      const context = await browser.newContext({ viewport });
      const page: Page = await signIn(await context.newPage(), app.baseUrl, 'quality@demo.test');
      const pages: [string, string][] = [['intake', '/intake'], ['receipt', new URL(receiptUrl).pathname], ['queue', '/tickets'], ['ticket', `/tickets/${ref}`]];
      for (const [name, path] of pages) {
        await page.goto(`${app.baseUrl}${path}`);
        await screenshot(page, `${SHOTS}/${name}-${size}`);
        const wide = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(wide, `${name} at ${size}`).toBeLessThanOrEqual(viewport.width);
      }
      await context.close();
    }
  });
});
