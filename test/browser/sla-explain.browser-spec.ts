import { createRequire } from 'node:module';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, signIn } from '../support/browser.js';
import { Client } from '../support/http-client.js';
import { complaint, demoDealers } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Screenshots land in test-output/screenshots/sla-explain/. */
const SHOTS = 'sla-explain';
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

describe('"How is this counted?" in a browser', () => {
  let app: TestApp;
  let browser: Browser;
  let ref: string;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    const admin = await Client.login(app.baseUrl, 'admin@demo.test');
    const dealers = await demoDealers(admin);
    const nl = (await admin.get(`/api/dealers/${dealers.nl.id}`)).body;
    await admin.patch(`/api/dealers/${dealers.nl.id}`, { calendar: { weekly: nl.calendar.weekly, holidays: [...nl.calendar.holidays, { date: '2026-10-24', intervals: [], name: 'Test holiday' }] } });
    // The real clock (a browser drops a session cookie whose expiry a fixed clock put in the past): the explanation depends only on the timer.
    const res = await admin.post('/api/tickets', complaint(dealers.nl.id, { department: 'sales', severity: 'high', receivedAt: '2026-10-23T16:30:00+02:00' }));
    expect(res.status, res.text).toBe(201);
    ref = res.body.ref;
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it.each([360, 768, 1280])('opens without script at %i px, stays inside the screen, and passes axe', async (width) => {
    // No JavaScript of ours runs: the disclosure is the browser's own. (CSP is bypassed only to inject axe.)
    const context = await browser.newContext({ viewport: { width, height: 900 }, bypassCSP: true });
    const page = await context.newPage();
    await signIn(page, app.baseUrl, 'quality@demo.test');
    await page.goto(`${app.baseUrl}/tickets/${ref}`);
    const listen = page.locator('details.sla-explain').first();
    await expect(listen.locator('li').first().isVisible()).resolves.toBe(false);
    await listen.locator('summary').click();
    await expect(listen.locator('li').allTextContents()).resolves.toEqual([
      'Fri 23 Oct 16:30–17:00 · 30 min',
      'Sat 24 Oct closed: holiday (Test holiday)',
      'Sun 25 Oct 11:00–12:30 · 90 min',
    ]);
    // The disclosure and the deadlines panel stay inside the screen (at 360 px the staff nav bar already overflows, a separate matter).
    const overflow = await page.evaluate(`[...document.querySelectorAll('.sla-panel, .sla-panel *')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5).map((e) => e.tagName)`);
    expect(overflow).toEqual([]);
    await listen.scrollIntoViewIfNeeded();
    await screenshot(page, `${SHOTS}/ticket-${width}`);
    await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(`axe.run('details.sla-explain').then((r) => r.violations.map((v) => v.id + ': ' + v.nodes.length))`);
    expect(violations).toEqual([]);
    await context.close();
  });
});
