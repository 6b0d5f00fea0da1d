import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/common/clock/clock.js';
import { Client } from '../support/http-client.js';
import { complaint, demoDealers, type DemoDealer } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const DAY = 86_400_000;
const START = new Date('2026-11-20T10:00:00Z');

/** Every stage in turn, then closed (at the clock's now). */
async function close(staff: Client, ref: string): Promise<void> {
  for (const [stage, body] of [
    ['listen', { contactedVia: 'phone' }],
    ['apologise', { by: 'Staff', how: 'phone' }],
    ['fix', { rootCause: 'waiting-time', action: 'Call back', owner: 'Staff' }],
    ['compensate', { noCompensation: { reason: 'Not wanted' } }],
    ['follow-up', { score: 4, via: 'phone' }],
    ['closed', { outcome: 'retained' }],
  ] as const) {
    const r = await staff.post(`/api/tickets/${ref}/stages/${stage}`, body);
    expect(r.status, `${stage}: ${r.text}`).toBe(200);
  }
}

/** Tracking links lapse TRACKING_LINK_DAYS_AFTER_CLOSE (default 90) days after the ticket closes. */
describe('tracking links expire after the ticket closes', () => {
  const clock = new FixedClock(START);
  let t: TestApp;
  let admin: Client;
  let anon: Client;
  let dealers: Record<string, DemoDealer>;

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    admin = await Client.login(t.baseUrl, 'admin@demo.test');
    anon = Client.anonymous(t.baseUrl);
    dealers = await demoDealers(admin);
  });
  afterAll(() => t?.close());

  /** A ticket taken through every stage and closed now; its customer's token. */
  async function closedTicket(): Promise<{ ref: string; token: string }> {
    // Signed in afresh: the clock has moved past the last session's timeouts.
    admin = await Client.login(t.baseUrl, 'admin@demo.test');
    const res = await admin.post('/api/tickets', complaint(dealers.nl.id, { customer: { name: 'Expiring Customer', email: 'expiring@example.nl', language: 'nl' } }));
    expect(res.status, res.text).toBe(201);
    const ref = res.body.ref as string;
    await close(admin, ref);
    return { ref, token: String(res.body.trackingUrl).split('/').pop()! };
  }

  /** Every customer route, API and page, for a token. */
  const answers = async (token: string) => ({
    read: await anon.get(`/api/track/${token}`),
    message: await anon.post(`/api/track/${token}/messages`, { body: 'Hello?' }),
    rating: await anon.post(`/api/track/${token}/rating`, { score: 5 }),
    reopen: await anon.post(`/api/track/${token}/reopen`, { reason: 'Broken again' }),
    page: await anon.get(`/track/${token}?lang=nl`, { accept: 'text/html' }),
    pageMessage: await anon.send('POST', `/track/${token}/messages`, 'body=Hello', { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }),
    pageReopen: await anon.send('POST', `/track/${token}/reopen`, 'reason=Again', { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }),
  });

  it('works until the last moment, then answers every route exactly as an unknown link does', async () => {
    clock.set(START);
    const { ref, token } = await closedTicket();
    const unknown = 'A'.repeat(43);

    clock.set(new Date(START.getTime() + 90 * DAY - 1000));
    expect((await anon.get(`/api/track/${token}`)).status).toBe(200);
    expect((await anon.get(`/track/${token}`, { accept: 'text/html' })).status).toBe(200);

    clock.set(new Date(START.getTime() + 90 * DAY));
    const expired = await answers(token);
    const none = await answers(unknown);
    for (const key of Object.keys(expired) as (keyof typeof expired)[]) {
      expect(expired[key].status, key).toBe(404);
      expect(expired[key].status, key).toBe(none[key].status);
      expect(expired[key].text.replaceAll(token, '<token>'), key).toBe(none[key].text.replaceAll(unknown, '<token>'));
    }
    // Nothing was written through the lapsed link.
    const [{ n }] = await t.dataSource.query(`SELECT COUNT(*) AS n FROM timeline_events e JOIN tickets k ON k.id = e."ticketId" WHERE k.ref = '${ref}' AND e.type IN ('message-from-customer', 'reopened', 'rated')`);
    expect(Number(n)).toBe(0);
  });

  it('still lets the customer reopen within 30 days of closing', async () => {
    clock.set(START);
    const { token } = await closedTicket();
    clock.set(new Date(START.getTime() + 29 * DAY));
    const res = await anon.post(`/api/track/${token}/reopen`, { reason: 'The noise is back' });
    expect(res.status, res.text).toBe(200);
    expect(res.body.status).toBe('open');
  });

  it('follows TRACKING_LINK_DAYS_AFTER_CLOSE', async () => {
    const short = await startTestApp({ TRACKING_LINK_DAYS_AFTER_CLOSE: '2' }, { clock });
    try {
      clock.set(START);
      const staff = await Client.login(short.baseUrl, 'admin@demo.test');
      const nl = (await demoDealers(staff)).nl.id;
      const res = await staff.post('/api/tickets', complaint(nl));
      const ref = res.body.ref as string;
      const token = String(res.body.trackingUrl).split('/').pop()!;
      await close(staff, ref);
      const customer = Client.anonymous(short.baseUrl);
      clock.set(new Date(START.getTime() + 2 * DAY - 1000));
      expect((await customer.get(`/api/track/${token}`)).status).toBe(200);
      clock.set(new Date(START.getTime() + 2 * DAY));
      expect((await customer.get(`/api/track/${token}`)).status).toBe(404);
    } finally {
      await short.close();
    }
  });
});
