/// <reference lib="dom" />
// Functions handed to page.evaluate run in the browser.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page as Tab } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translate } from '../../src/common/i18n/translator.js';
import { launchBrowser, screenshot } from '../support/browser.js';
import type { World } from '../security/support/world.js';
import { everyPage, pageWorld, roleContext, ROLES, type Page } from './support/every-page.js';

/** Laptop and phone. */
const WIDTHS = [1280, 360];
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

async function axe(tab: Tab): Promise<Violation[]> {
  // Evaluated over the DevTools protocol, so the page's CSP (script-src 'self') does not stand in the way.
  if (!(await tab.evaluate('typeof window.axe !== "undefined"'))) await tab.evaluate(AXE);
  return (await tab.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))`)) as Violation[];
}

/** Relative luminance contrast of two CSS rgb() colours. */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = (c.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => Number(v) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

describe('every page of every role is accessible', () => {
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

  // One test per role: axe takes a second or so a page on a busy machine.
  for (const role of ROLES) {
    it(`has no serious or critical axe violations on the ${role}'s pages at laptop and phone width`, { timeout: 180_000 }, async () => {
      const found: string[] = [];
      const context = await roleContext(browser, w, role);
      const tab = await context.newPage();
      for (const p of pages.filter((x) => x.role === role)) {
        for (const width of WIDTHS) {
          await tab.setViewportSize({ width, height: 900 });
          await tab.goto(`${w.t.baseUrl}${p.path}`);
          for (const v of await axe(tab)) {
            if (v.impact === 'serious' || v.impact === 'critical') found.push(`${p.name} at ${width}: ${v.impact} ${v.id} (${v.help}) at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
          }
        }
      }
      await context.close();
      expect(found).toEqual([]);
    });
  }

  it('starts every page with a skip link to the content, and marks the current page in the navigation', async () => {
    for (const role of ['reception', 'admin', 'customer'] as const) {
      const context = await roleContext(browser, w, role);
      const tab = await context.newPage();
      for (const p of pages.filter((x) => x.role === role)) {
        await tab.goto(`${w.t.baseUrl}${p.path}`);
        // The first thing the keyboard reaches in document order (a page may focus its first field for the user).
        const first = await tab.evaluate(() => {
          const el = [...document.querySelectorAll<HTMLElement>('a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]')].find((e) => e.tabIndex >= 0);
          return { text: el?.textContent?.trim(), href: el?.getAttribute('href'), lang: el?.closest('[lang]')?.getAttribute('lang') ?? 'en' };
        });
        // In the reader's language: the Dutch receptionist's, the admin's, the customer's.
        expect(first, `${role} ${p.name}`).toEqual({ text: translate(first.lang, 'shell.skip'), href: '#main', lang: first.lang });
        if (role !== 'customer') expect(first.lang, `${role} ${p.name}`).toBe(role === 'reception' ? 'nl' : 'en');
        await tab.focus('a.skip-link');
        expect(await tab.locator('a.skip-link').evaluate((e) => e.getBoundingClientRect().top >= 0), 'the skip link shows when focused').toBe(true);
        await tab.keyboard.press('Enter');
        expect(await tab.evaluate(() => document.activeElement?.id), `${role} ${p.name}`).toBe('main');
      }
      await context.close();
    }
    const context = await roleContext(browser, w, 'quality');
    const tab = await context.newPage();
    for (const [path, label] of [['/tickets', 'Tickets'], ['/dashboard', 'Dashboard'], ['/intake', 'Log incident']]) {
      await tab.goto(`${w.t.baseUrl}${path}`);
      await expect(tab.locator('.nav-wide a[aria-current="page"]').allTextContents()).resolves.toEqual([label]);
    }
    const ticket = pages.find((p) => p.role === 'quality' && p.name === 'tickets-ref')!;
    await tab.goto(`${w.t.baseUrl}${ticket.path}`);
    await expect(tab.locator('.nav-wide a[aria-current="page"]').allTextContents()).resolves.toEqual(['Tickets']);
    await context.close();
  });

  it('shows a receptionist only the pages the counter uses, and folds the navigation into a menu on a phone', async () => {
    const context = await roleContext(browser, w, 'reception');
    const tab = await context.newPage();
    await tab.setViewportSize({ width: 360, height: 800 });
    await tab.goto(`${w.t.baseUrl}/intake`);
    await expect(tab.locator('.nav-wide').first().isVisible()).resolves.toBe(false);
    const menu = tab.locator('details.nav-menu');
    await expect(menu.locator('nav a').first().isVisible()).resolves.toBe(false);
    await menu.locator('summary').click();
    await expect(menu.locator('nav a').allTextContents()).resolves.toEqual(['Melding registreren', 'Meldingen']); // in Dutch, the receptionist's language
    await expect(menu.locator('nav a').first().isVisible()).resolves.toBe(true);
    await screenshot(tab, 'reception-menu-open-360');
    // The open menu does not widen the page either.
    expect(await tab.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await expect(tab.locator('link[rel="icon"]').getAttribute('href')).resolves.toBe('/static/favicon.svg');
    const icon = await tab.request.get(`${w.t.baseUrl}/static/favicon.svg`);
    expect(icon.status()).toBe(200);
    expect(await icon.text()).toContain('<svg');
    await context.close();
  });

  it('draws a focus ring of at least 3:1 against what is around it on every focusable element', async () => {
    const weak: string[] = [];
    for (const role of ['admin', 'customer'] as const) {
      const context = await roleContext(browser, w, role);
      const tab = await context.newPage();
      for (const p of pages.filter((x) => x.role === role)) {
        await tab.goto(`${w.t.baseUrl}${p.path}`);
        // Tabs through the page, reading each focused element's outline and the background it stands on.
        for (let i = 0; i < 60; i++) {
          await tab.keyboard.press('Tab');
          const f = await tab.evaluate(() => {
            const el = document.activeElement as HTMLElement | null;
            if (!el || el === document.body) return null;
            const style = getComputedStyle(el);
            let bg = 'rgb(255, 255, 255)';
            for (let n: HTMLElement | null = el.parentElement; n; n = n.parentElement) {
              const c = getComputedStyle(n).backgroundColor;
              if (c && c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') { bg = c; break; }
            }
            return { what: `${el.tagName.toLowerCase()}${el.getAttribute('name') ? `[name=${el.getAttribute('name')}]` : ''} ${el.textContent?.trim().slice(0, 20) ?? ''}`, width: parseFloat(style.outlineWidth), outlineStyle: style.outlineStyle, colour: style.outlineColor, bg };
          });
          if (!f) break;
          const ratio = contrast(f.colour, f.bg);
          if (f.outlineStyle === 'none' || f.width < 2 || ratio < 3) weak.push(`${role} ${p.name}: ${f.what} (${f.outlineStyle} ${f.width}px ${f.colour} on ${f.bg}: ${ratio.toFixed(2)}:1)`);
        }
      }
      await context.close();
    }
    expect(weak).toEqual([]);
  });
});
