/// <reference lib="dom" />
// Functions handed to page.evaluate run in the browser.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, signIn } from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Screenshots: test-output/screenshots/queue/queue-<width>.png. */
describe('the queue on a phone', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await signIn(page, app.baseUrl, 'quality@demo.test');
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** Whether an element is on screen: a box of some size, inside the window's width, not clipped away. */
  const shown = (selector: string) =>
    page.locator(selector).first().evaluate((el) => {
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && r.left >= 0 && r.right <= window.innerWidth && style.visibility !== 'hidden' && style.display !== 'none';
    });

  it('at 390 px shows each row as a card: reference, subject, deadline, dealer and assignee in view, nothing sideways', async () => {
    await page.goto(`${app.baseUrl}/tickets`);
    const row = page.locator('table.queue tbody tr').first();
    await expect(row.locator('td.subject .excerpt').textContent()).resolves.toMatch(/\w{3,}/);
    for (const part of ['td.q-ref a', 'td.subject .category', 'td.subject .excerpt', 'td.q-sla .sla', 'td.q-dealer', 'td.q-assignee', 'td.q-stage']) {
      await expect(shown(`table.queue tbody tr:first-child ${part}`), part).resolves.toBe(true);
    }
    // A card, not a squeezed table row: the subject has the card's whole width, under the reference.
    const [ref, subject, card] = await Promise.all(['td.q-ref', 'td.subject', ''].map((s) => row.locator(s || ':scope').evaluate((el) => el.getBoundingClientRect().toJSON() as DOMRect)));
    expect(subject.top).toBeGreaterThanOrEqual(ref.bottom - 1);
    expect(subject.width).toBeGreaterThan(card.width * 0.7);
    await expect(row.locator('td.q-sla .sla').textContent()).resolves.toMatch(/On track|At risk|Breached|Met/);
    const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
    expect(scroll).toBeLessThanOrEqual(inner);
    await screenshot(page, 'queue/queue-390');
  });

  it('keeps the table from 768 px up', async () => {
    for (const width of [768, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${app.baseUrl}/tickets`);
      await expect(page.locator('table.queue thead').isVisible()).resolves.toBe(true);
      await expect(page.locator('table.queue tbody tr').first().evaluate((el) => getComputedStyle(el).display)).resolves.toBe('table-row');
      await screenshot(page, `queue/queue-${width}`);
    }
  });
});
