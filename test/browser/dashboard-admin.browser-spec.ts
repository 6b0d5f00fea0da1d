/// <reference lib="dom" />
// Functions handed to page.evaluate run in the browser.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page as Tab } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from '../support/browser.js';
import type { World } from '../security/support/world.js';
import { pageWorld, roleContext } from './support/every-page.js';

const WIDTHS = [360, 768, 1280];
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

async function seriousViolations(tab: Tab): Promise<string[]> {
  if (!(await tab.evaluate('typeof window.axe !== "undefined"'))) await tab.evaluate(AXE);
  const found = (await tab.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) })))`)) as { id: string; impact: string; nodes: string[] }[];
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.slice(0, 3).join(', ')}`);
}

describe('the dashboard and the admin page in a browser', () => {
  let w: World;
  let browser: Browser;

  beforeAll(async () => {
    [w, browser] = await Promise.all([pageWorld(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await w?.close();
  });

  it('draws the dashboard with labels of 12 px or more on screen, no sideways scroll and no serious axe violations, at 360, 768 and 1280 px', { timeout: 120_000 }, async () => {
    const context = await roleContext(browser, w, 'quality');
    const tab = await context.newPage();
    const problems: string[] = [];
    for (const width of WIDTHS) {
      await tab.setViewportSize({ width, height: 900 });
      await tab.goto(`${w.t.baseUrl}/dashboard`);
      // The size a label is drawn at on the screen, after the SVG's scaling.
      const smallest = await tab.evaluate(() => Math.min(...[...document.querySelectorAll('.chart svg text')].map((t) => (t as SVGTextElement).getBoundingClientRect().height)));
      const fontPx = await tab.evaluate(() => Math.min(...[...document.querySelectorAll('.chart svg text')].map((t) => {
        const svg = (t as SVGTextElement).ownerSVGElement!;
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        return parseFloat(getComputedStyle(t).fontSize) * scale;
      })));
      if (fontPx < 12) problems.push(`labels at ${fontPx} px at ${width}`);
      expect(smallest).toBeGreaterThan(10);
      const { scroll, inner } = await tab.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
      if (scroll > inner) problems.push(`dashboard ${scroll} px wide at ${width}`);
      await tab.locator('details.chart-figures summary').first().click();
      problems.push(...(await seriousViolations(tab)).map((v) => `dashboard at ${width}: ${v}`));
      await screenshot(tab, `dashadmin/dashboard-${width}`);
    }
    await context.close();
    expect(problems).toEqual([]);
  });

  it('lays out the admin page without sideways scroll or serious axe violations, and adds and removes intervals with the script', { timeout: 120_000 }, async () => {
    const context = await roleContext(browser, w, 'admin');
    const tab = await context.newPage();
    const problems: string[] = [];
    for (const width of WIDTHS) {
      await tab.setViewportSize({ width, height: 900 });
      await tab.goto(`${w.t.baseUrl}/admin`);
      await tab.locator('details.dealer-calendar summary').first().click();
      const { scroll, inner } = await tab.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
      if (scroll > inner) problems.push(`admin ${scroll} px wide at ${width}`);
      problems.push(...(await seriousViolations(tab)).map((v) => `admin at ${width}: ${v}`));
      await screenshot(tab, `dashadmin/admin-${width}`);
    }
    expect(problems).toEqual([]);

    // With script: add a second Monday interval, remove Tuesday's, save, and read it back.
    await tab.setViewportSize({ width: 768, height: 900 });
    await tab.goto(`${w.t.baseUrl}/admin`);
    const card = tab.locator('article.dealer-card').first();
    const dealerId = (await card.getAttribute('id'))!.replace('dealer-', '');
    await card.locator('details.dealer-calendar summary').click();
    const monday = card.locator('.day[data-list="mon"]');
    await monday.locator('input[name$="-from"]').first().fill('08:00');
    await monday.locator('input[name$="-to"]').first().fill('12:00');
    await monday.locator('[data-add]').click();
    const rows = monday.locator('[data-row]');
    const last = rows.last();
    await last.locator('input[name$="-from"]').fill('13:00');
    await last.locator('input[name$="-to"]').fill('17:00');
    const names = await monday.locator('input[name$="-from"]').evaluateAll((xs) => xs.map((x) => (x as HTMLInputElement).name));
    expect(new Set(names).size).toBe(names.length);
    const tuesday = card.locator('.day[data-list="tue"]');
    while ((await tuesday.locator('[data-row]').count()) > 1) await tuesday.locator('[data-remove]').first().click();
    await tuesday.locator('[data-remove]').first().click();
    await Promise.all([tab.waitForNavigation(), card.locator('details.dealer-calendar button[type="submit"]').click()]);
    const dealer = (await w.admin.get(`/api/dealers/${dealerId}`)).body;
    expect(dealer.calendar.weekly.mon).toEqual([['08:00', '12:00'], ['13:00', '17:00']]);
    expect(dealer.calendar.weekly.tue).toBeUndefined();

    // An overlap comes back with the message under the field, focusable and described.
    await card.locator('details.dealer-calendar summary').click().catch(() => undefined);
    await tab.goto(`${w.t.baseUrl}/admin`);
    const again = tab.locator(`#dealer-${dealerId}`);
    await again.locator('details.dealer-calendar summary').click();
    await again.locator('.day[data-list="mon"] input[name="mon-1-from"]').fill('11:00');
    await Promise.all([tab.waitForNavigation(), again.locator('details.dealer-calendar button[type="submit"]').click()]);
    const field = tab.locator(`#f-calendar-${dealerId}-mon-1-from`);
    await expect(field.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(tab.locator(`#e-calendar-${dealerId}-mon-1-from`).textContent()).resolves.toBe('11:00–17:00 overlaps 08:00–12:00.');
    await expect(field.isVisible()).resolves.toBe(true);
    await screenshot(tab, 'dashadmin/admin-refused-768');
    // Close-ups to look at: the refused grid and the SLA policies.
    await again.screenshot({ path: 'test-output/screenshots/dashadmin/admin-calendar-card-768.png' });
    await tab.locator('#sla').screenshot({ path: 'test-output/screenshots/dashadmin/admin-sla-768.png' });
    await tab.setViewportSize({ width: 360, height: 900 });
    await tab.locator('#sla').screenshot({ path: 'test-output/screenshots/dashadmin/admin-sla-360.png' });
    await again.screenshot({ path: 'test-output/screenshots/dashadmin/admin-calendar-card-360.png' });
    await context.close();
  });
});
