import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { recordFigures } from './support/figures.js';
import { payloads } from './support/payloads.js';
import { buildWorld, type World } from './support/world.js';

/**
 * The payloads go in through every way text enters (intake, staff messages and stage notes,
 * the customer's page, the CSV import), then every page that shows them is opened in Chromium:
 * no dialog, no `window.__xss`, no element `#xss-probe`, no javascript: link. Console errors and
 * CSP reports are counted as figures (the CSP would block an injected inline script: a CSP
 * report means one got into the page).
 */
const CHUNK = 10;

describe('XSS payloads opened in Chromium', () => {
  let w: World;
  let browser: Browser;
  let staff: BrowserContext;
  let admin: BrowserContext;
  let customer: BrowserContext;
  const figures = { payloads: 0, pagesOpened: 0, payloadPageViews: 0, dialogs: 0, markers: 0, consoleErrors: 0, cspViolations: 0 };
  const problems: string[] = [];

  beforeAll(async () => {
    [w, browser] = await Promise.all([buildWorld({ TRACKING_RATE_LIMIT: '1000' }), launchBrowser()]);
    const context = async (cookie?: string) => {
      const c = await browser.newContext();
      if (cookie) await c.addCookies([{ name: 'amends_session', value: cookie.split('=')[1], url: w.t.baseUrl }]);
      return c;
    };
    [staff, admin, customer] = await Promise.all([context(w.sessions.manager.cookie), context(w.sessions.admin.cookie), context()]);
  }, 120_000);
  afterAll(async () => {
    recordFigures('xss-browser', figures);
    await browser?.close();
    await w?.close();
  });

  /** Opens a page and reports any sign that a payload ran. */
  async function open(context: BrowserContext, path: string, shown: number): Promise<void> {
    const page = await context.newPage();
    page.on('dialog', (d) => {
      figures.dialogs++;
      problems.push(`dialog "${d.message()}" on ${path}`);
      void d.dismiss();
    });
    page.on('console', (m) => {
      if (m.type() === 'error') figures.consoleErrors++;
      if (/Content Security Policy/i.test(m.text())) figures.cspViolations++;
    });
    const res = await page.goto(`${w.t.baseUrl}${path}`, { waitUntil: 'load' });
    expect(res?.status(), path).toBeLessThan(400);
    // Handlers like onfocus/ontoggle fire a moment after load.
    await page.waitForTimeout(30);
    const signs = (await page.evaluate(`({
      ran: window.__xss !== undefined,
      probe: document.querySelectorAll('#xss-probe').length,
      jsLinks: document.querySelectorAll('[href^="javascript:" i], [src^="javascript:" i], [data^="javascript:" i], [srcdoc]').length,
    })`)) as { ran: boolean; probe: number; jsLinks: number };
    if (signs.ran || signs.probe || signs.jsLinks) {
      figures.markers++;
      problems.push(`${path}: ${JSON.stringify(signs)}`);
    }
    figures.pagesOpened++;
    figures.payloadPageViews += shown;
    await page.close();
  }

  it('runs none of 210 payloads on the staff, queue, customer, import and admin pages', async () => {
    const list = payloads();
    figures.payloads = list.length;
    const importLines = ['externalId,dealerId,respondedAt,customerName,customerEmail,model,score:q,comment:q'];
    const csvCell = (s: string) => `"${s.replace(/"/g, '""')}"`;
    for (let i = 0; i < list.length; i += CHUNK) {
      const p = list.slice(i, i + CHUNK);
      const at = (k: number, max: number) => p[k % p.length].slice(0, max);
      const onTheSpot = (i / CHUNK) % 2 === 1;
      const k = await w.ticket('own', {
        account: p.join(' | '),
        desiredOutcome: at(0, 2000),
        customer: { name: at(1, 200), email: `xss${i}@example.nl` },
        vehicle: { registration: at(2, 20), model: at(3, 100) },
        saleAtRisk: { model: at(4, 100) },
        // Every other case is handled on the spot (the apology's name, a gift's note); the rest go through listen and apologise.
        ...(onTheSpot ? { onTheSpot: { listened: true, apology: { by: at(5, 200), how: 'in-person' }, compensation: { kind: 'gift', value: { amount: 5, currency: 'EUR' }, note: at(6, 500) } } } : {}),
      });
      const post = async (path: string, body: unknown) => {
        const res = await w.send('manager', 'POST', `/api/tickets/${k.ref}${path}`, body);
        expect(res.status, `${path}: ${res.text.slice(0, 200)}`).toBeLessThan(300);
        return JSON.parse(res.text);
      };
      await post('/messages', { body: at(7, 5000), visibility: 'customer' });
      await post('/messages', { body: at(8, 5000), visibility: 'internal' });
      await post('/wait', { reason: at(9, 1000) });
      await post('/resume', {});
      if (!onTheSpot) {
        await post('/stages/listen', { contactedVia: 'phone', note: at(0, 2000) });
        await post('/stages/apologise', { by: at(1, 200), how: 'phone', message: at(2, 5000) });
      }
      await post('/escalate', { reason: at(3, 1000) });
      await post('/compensations', { kind: 'fuel', value: { amount: 100, currency: 'EUR' }, note: at(4, 500) });
      await post('/stages/fix', { rootCause: 'waiting-time', rootCauseNote: at(5, 2000), action: at(6, 2000), owner: at(7, 200) });
      // The customer writes back on their page (message, then after resolution a rating and a reopen).
      // Every compensation is settled before the compensate stage: rejected, with a reason that is a payload.
      const comps = (await w.admin.get(`/api/tickets/${k.ref}`)).body.compensations as { id: string; state: string }[];
      for (const c of comps.filter((x) => x.state !== 'delivered')) await post(`/compensations/${c.id}/reject`, { reason: at(1, 1000) });
      const customerPost = async (path: string, body: unknown) => expect((await w.send('anonymous', 'POST', `/api/track/${k.token}${path}`, body)).status).toBeLessThan(300);
      await customerPost('/messages', { body: at(8, 5000) });
      await post('/stages/compensate', comps.some((x) => x.state === 'delivered') ? {} : { noCompensation: { reason: at(9, 1000) } });
      await customerPost('/rating', { score: 1, comment: at(0, 2000) });
      p.forEach((x, j) => importLines.push([`xss-${i + j}`, w.dealers.nl.id, '2026-11-20T10:00:00+01:00', csvCell(x.slice(0, 200)), `xss${i + j}@example.com`, csvCell(x.slice(0, 100)), '1', csvCell(x.slice(0, 2000))].join(',')));

      await open(staff, `/tickets/${k.ref}`, p.length);
      await open(customer, `/track/${k.token}`, p.length);
    }
    // The queue, filtered on the free text, shows them all at once; so does the survey import and its tickets.
    await open(staff, '/tickets?status=all', list.length);
    const form = new FormData();
    form.append('file', new Blob([`${importLines.join('\n')}\n`], { type: 'text/csv' }), 'xss.csv');
    const upload = await w.send('admin', 'POST', `/surveys/${w.matrixSurveyId}/import`, undefined, { page: true, raw: form });
    expect(upload.status).toBe(303);
    const job = upload.headers.get('location')!;
    for (let tries = 0; tries < 100 && /refresh/i.test((await w.send('admin', 'GET', job, undefined, { page: true })).text); tries++) await new Promise((r) => setTimeout(r, 200));
    await open(admin, job, list.length);
    const imported = await w.t.dataSource.query(`SELECT t.ref FROM tickets t JOIN survey_responses r ON r.id = t."sourceSurveyResponseId" WHERE r."externalId" LIKE 'xss-%'`);
    expect(imported.length).toBe(list.length);
    for (const { ref } of imported.slice(0, 20)) await open(staff, `/tickets/${ref}`, 1);
    await open(staff, '/tickets?status=all&channel=survey', list.length);
    await open(admin, '/dashboard', 0);

    expect(problems).toEqual([]);
    expect(figures.dialogs).toBe(0);
    expect(figures.cspViolations).toBe(0);
  }, 300_000);
});
