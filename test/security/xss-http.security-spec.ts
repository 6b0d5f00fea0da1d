import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '../support/http-client.js';
import { complaint, demoDealers } from '../support/fixtures.js';
import { PageSession } from '../support/page-session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { markupOf, payloads } from './support/payloads.js';

describe('script in every free-text field stays text on every page', () => {
  let t: TestApp;
  let staff: Client;
  let page: PageSession;
  let dealerId: string;

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_RATE_LIMIT: '1000' });
    staff = await Client.login(t.baseUrl, 'sales.manager.nl@demo.test');
    page = await PageSession.signIn(t.baseUrl, 'sales.manager.nl@demo.test');
    dealerId = (await demoDealers(staff)).nl.id;
  });
  afterAll(() => t?.close());

  it(`renders ${payloads().length} payloads escaped on the ticket, queue and tracking pages`, async () => {
    const list = payloads();
    expect(list.length).toBeGreaterThanOrEqual(200);
    for (let i = 0; i < list.length; i += 10) {
      const chunk = list.slice(i, i + 10);
      const text = chunk.join(' | ');
      const created = await staff.post('/api/tickets', complaint(dealerId, {
        account: text.slice(0, 9000),
        desiredOutcome: chunk[0],
        customer: { name: chunk[1].slice(0, 200), email: `x${i}@example.nl` },
        saleAtRisk: { model: chunk[2].slice(0, 100) },
        onTheSpot: { listened: true, apology: { by: chunk[3].slice(0, 200), how: 'in-person' }, compensation: { kind: 'gift', value: { amount: 5, currency: 'EUR' }, note: chunk[4] } },
      }));
      expect(created.status, created.text).toBe(201);
      const ref = created.body.ref;
      const token = created.body.trackingUrl.split('/').pop();
      await staff.post(`/api/tickets/${ref}/messages`, { body: chunk[5], visibility: 'customer' });
      await staff.post(`/api/tickets/${ref}/messages`, { body: chunk[6], visibility: 'internal' });
      await Client.anonymous(t.baseUrl).post(`/api/track/${token}/messages`, { body: chunk[7] });
      const pages = [await page.get(`/tickets/${ref}`), await page.get(`/tickets?q=${encodeURIComponent(ref)}`), await Client.anonymous(t.baseUrl).get(`/track/${token}`, { accept: 'text/html' })];
      for (const p of pages) {
        const html = 'html' in p ? p.html : p.text;
        for (const payload of chunk) {
          // The raw markup never appears; what the user typed is there, escaped.
          for (const m of markupOf(payload)) expect(html.includes(m), `${m} on ${ref}`).toBe(false);
        }
        expect(html).not.toMatch(/<script>window/i);
        expect(html).not.toMatch(/\son(error|load|toggle|focus)=.?window/i);
      }
    }
  }, 300_000);
});
