/// <reference lib="dom" />
// Functions handed to page.evaluate run in the browser.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from '../support/browser.js';
import type { World } from '../security/support/world.js';
import { everyPage, pageWorld, roleContext, ROLES, type Page } from './support/every-page.js';

/** Phone, tablet, laptop. Screenshots: test-output/screenshots/<role>-<page>-<width>.png. */
const WIDTHS = [360, 768, 1280];

describe('every page of every role fits the window', () => {
  let w: World;
  let browser: Browser;
  let pages: Page[];

  beforeAll(async () => {
    [w, browser] = await Promise.all([pageWorld(), launchBrowser()]);
    pages = await everyPage(w);
  });
  afterAll(async () => {
    await browser?.close();
    await w?.close();
  });

  it('covers every role, the sign-in page and the tracking page', () => {
    for (const role of ROLES) expect(pages.some((p) => p.role === role), role).toBe(true);
    expect(pages.map((p) => `${p.role} ${p.name}`)).toEqual(expect.arrayContaining(['customer login', 'customer track-token', 'reception intake', 'quality tickets', 'quality tickets-ref', 'quality dashboard', 'admin admin']));
  });

  // One test per role: a role's pages at three widths with a screenshot each take a while on a busy machine.
  for (const role of ROLES) {
    it(`never scrolls the ${role}'s pages sideways at 360, 768 or 1280 px`, { timeout: 180_000 }, async () => {
      const wider: string[] = [];
      const context = await roleContext(browser, w, role);
      const tab = await context.newPage();
      for (const p of pages.filter((x) => x.role === role)) {
        for (const width of WIDTHS) {
          await tab.setViewportSize({ width, height: width < 800 ? 800 : 900 });
          const res = await tab.goto(`${w.t.baseUrl}${p.path}`);
          expect(res?.status(), `${role} ${p.path}`).toBe(200);
          const { scroll, inner } = await tab.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
          if (scroll > inner) wider.push(`${p.path} at ${width}: ${scroll} px`);
          await screenshot(tab, `${role}-${p.name}-${width}`);
        }
      }
      await context.close();
      expect(wider).toEqual([]);
    });
  }
});
