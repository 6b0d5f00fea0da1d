import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '../support/http-client.js';
import { complaint, demoDealers } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Who may do what, from one table: every caller against the Dutch dealer's ticket and
 * the admin-only endpoints. Each row is one request; each column the status a caller gets.
 */
type Caller = 'receptionOwn' | 'receptionOther' | 'managerOwn' | 'quality' | 'principal' | 'admin' | 'apiKey' | 'anonymous';
const CALLERS: Caller[] = ['receptionOwn', 'receptionOther', 'managerOwn', 'quality', 'principal', 'admin', 'apiKey', 'anonymous'];

interface Row {
  name: string;
  method: 'GET' | 'POST' | 'PUT';
  path: (ctx: Ctx) => string;
  body?: (ctx: Ctx) => unknown;
  expect: Record<Caller, number>;
}
interface Ctx {
  ref: string;
  dealerNl: string;
  managerId: string;
}

const all = (status: number, over: Partial<Record<Caller, number>> = {}): Record<Caller, number> => ({ ...Object.fromEntries(CALLERS.map((c) => [c, status])), anonymous: 401, ...over }) as Record<Caller, number>;
const adminOnly = (ok: number) => all(403, { admin: ok });

const MATRIX: Row[] = [
  { name: 'read the ticket', method: 'GET', path: (c) => `/api/tickets/${c.ref}`, expect: all(200, { receptionOther: 404 }) },
  { name: 'list the queue', method: 'GET', path: () => '/api/tickets', expect: all(200) },
  { name: 'write a note', method: 'POST', path: (c) => `/api/tickets/${c.ref}/messages`, body: () => ({ body: 'note', visibility: 'internal' }), expect: all(201, { receptionOther: 403 }) },
  { name: 'assign', method: 'POST', path: (c) => `/api/tickets/${c.ref}/assign`, body: (c) => ({ assigneeId: c.managerId }), expect: all(200, { receptionOther: 403 }) },
  { name: 'offer compensation', method: 'POST', path: (c) => `/api/tickets/${c.ref}/compensations`, body: () => ({ kind: 'gift', value: { amount: 5, currency: 'EUR' } }), expect: all(201, { receptionOther: 403 }) },
  { name: 'reissue the tracking link', method: 'POST', path: (c) => `/api/tickets/${c.ref}/tracking-link`, expect: all(201, { receptionOther: 403 }) },
  { name: 'read the dealers', method: 'GET', path: () => '/api/dealers', expect: all(200) },
  { name: 'read the dashboard', method: 'GET', path: () => '/api/reports/dashboard', expect: all(200) },
  { name: 'export the queue', method: 'GET', path: () => '/api/exports/tickets.csv', expect: all(200) },
  { name: 'list API keys', method: 'GET', path: () => '/api/admin/api-keys', expect: adminOnly(200) },
  { name: 'run the sweep', method: 'POST', path: () => '/api/sla/sweep', expect: adminOnly(200) },
  { name: 'change an SLA policy', method: 'PUT', path: () => '/api/sla/policies/low', body: () => ({ targets: { listen: 480, apologise: 960, fix: 2400, resolve: 9600 } }), expect: adminOnly(200) },
  { name: 'define a survey', method: 'POST', path: () => '/api/surveys', body: () => ({ name: 'S', kind: 'custom', questions: [{ id: 'q', text: 'Q', area: 'loyalty', weight: 1, scaleMax: 5, negativeAtOrBelow: 1, department: 'sales', category: 'other' }] }), expect: adminOnly(201) },
  { name: 'create a dealer', method: 'POST', path: () => '/api/dealers', body: () => ({ name: 'D', country: 'dk', timeZone: 'Europe/Copenhagen', language: 'en', currency: 'DKK', calendar: { weekly: { mon: [['09:00', '17:00']] }, holidays: [] } }), expect: adminOnly(201) },
];

describe('the access matrix', () => {
  let t: TestApp;
  const clients = {} as Record<Caller, Client>;
  let ctx: Ctx;

  beforeAll(async () => {
    t = await startTestApp();
    const login = (email: string) => Client.login(t.baseUrl, email);
    Object.assign(clients, {
      receptionOwn: await login('reception.nl@demo.test'),
      receptionOther: await login('reception.no@demo.test'),
      managerOwn: await login('sales.manager.nl@demo.test'),
      quality: await login('quality@demo.test'),
      principal: await login('principal@demo.test'),
      admin: await login('admin@demo.test'),
      anonymous: Client.anonymous(t.baseUrl),
    });
    const users = (await clients.admin.get('/api/users')).body;
    const key = await clients.admin.post('/api/admin/api-keys', { userId: users.find((u: any) => u.email === 'sales.manager.nl@demo.test').id, name: 'matrix' });
    clients.apiKey = Client.withKey(t.baseUrl, key.body.key);
    const dealers = await demoDealers(clients.admin);
    const ticket = await clients.receptionOwn.post('/api/tickets', complaint(dealers.nl.id));
    ctx = { ref: ticket.body.ref, dealerNl: dealers.nl.id, managerId: users.find((u: any) => u.email === 'sales.manager.nl@demo.test').id };
  });
  afterAll(() => t?.close());

  for (const row of MATRIX) {
    it(`${row.name}: ${CALLERS.map((c) => `${c} ${row.expect[c]}`).join(', ')}`, async () => {
      const got = {} as Record<Caller, number>;
      for (const caller of CALLERS) {
        const res = await clients[caller].send(row.method, row.path(ctx), row.body?.(ctx));
        got[caller] = res.status;
      }
      expect(got).toEqual(row.expect);
    });
  }

  it("a customer's link opens their own case only", async () => {
    const a = await clients.receptionOwn.post('/api/tickets', complaint(ctx.dealerNl, { customer: { name: 'A', email: 'a@example.nl' } }));
    const b = await clients.receptionOwn.post('/api/tickets', complaint(ctx.dealerNl, { customer: { name: 'B', email: 'b@example.nl' } }));
    const tokenB = b.body.trackingUrl.split('/').pop();
    const view = await Client.anonymous(t.baseUrl).get(`/api/track/${tokenB}`);
    expect(view.body.ref).toBe(b.body.ref);
    expect(JSON.stringify(view.body)).not.toContain(a.body.ref);
    // A staff endpoint with the customer's token as a bearer key is refused.
    expect((await Client.withKey(t.baseUrl, tokenB).get(`/api/tickets/${b.body.ref}`)).status).toBe(401);
  });
});
