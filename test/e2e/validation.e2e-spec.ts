import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '../support/http-client.js';
import { complaint, demoDealers } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Bad input gets a 400 naming every offending field, and nothing is written. */
describe('complaint validation', () => {
  let t: TestApp;
  let reception: Client;
  let valid: Record<string, any>;

  const countTickets = async () => Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM tickets'))[0].n);
  const countCustomers = async () => Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM customers'))[0].n);

  /** Posts a complaint that must be refused with 400, and checks nothing was stored. */
  async function refused(body: unknown): Promise<string[]> {
    const [tickets, customers] = [await countTickets(), await countCustomers()];
    const res = await reception.post('/api/tickets', body);
    expect(res.status, res.text).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(await countTickets()).toBe(tickets);
    expect(await countCustomers()).toBe(customers);
    return Array.isArray(res.body.message) ? res.body.message : [res.body.message];
  }

  beforeAll(async () => {
    t = await startTestApp();
    reception = await Client.login(t.baseUrl, 'reception.nl@demo.test');
    const dealers = await demoDealers(reception);
    valid = complaint(dealers.nl.id, {
      receivedAt: new Date(Date.now() - 60_000).toISOString(),
      customer: { name: 'A', email: 'a@example.com', phone: '+31 6 1111 2222', language: 'nl', style: { outgoing: true, factsFirst: false } },
      vehicle: { registration: 'AB-12-CD', vin: 'WVWZZZ1KZAW000001', model: 'Polo' },
      desiredOutcome: 'A call',
      saleAtRisk: { model: 'ID.3', value: { amount: 35000, currency: 'EUR' } },
      onTheSpot: { listened: true, apology: { by: 'me', how: 'in-person' }, compensation: { kind: 'gift', value: { amount: 10, currency: 'EUR' }, note: 'flowers' } },
    });
  });
  afterAll(() => t?.close());

  it('accepts the valid payload (the baseline every case below breaks once)', async () => {
    const res = await reception.post('/api/tickets', valid);
    expect(res.status, res.text).toBe(201);
  });

  const required = ['dealerId', 'department', 'category', 'channel', 'severity', 'customer', 'account'];
  it.each(required)('a missing %s is named', async (field) => {
    const body = structuredClone(valid);
    delete body[field];
    const messages = await refused(body);
    expect(messages).toContain(`${field} is required`);
  });

  it('a missing customer.name is named', async () => {
    const body = structuredClone(valid);
    delete body.customer.name;
    expect(await refused(body)).toContain('customer.name is required');
  });

  it('a customer with neither e-mail nor phone is refused', async () => {
    const body = structuredClone(valid);
    delete body.customer.email;
    delete body.customer.phone;
    expect(await refused(body)).toContain('customer.email or phone must be given');
  });

  it('several problems are all named at once', async () => {
    const messages = await refused({});
    for (const field of required) expect(messages).toContain(`${field} is required`);
  });

  const wrongTypes: [string, unknown][] = [
    ['dealerId', 42],
    ['dealerId', 'not-a-uuid'],
    ['department', 7],
    ['department', 'Sales Desk'],
    ['category', true],
    ['channel', 'pigeon'],
    ['severity', 5],
    ['receivedAt', 'yesterday'],
    ['receivedAt', 1732000000],
    ['customer', 'Sanne'],
    ['customer.name', 12],
    ['customer.email', 'not-an-email'],
    ['customer.phone', 'call me'],
    ['customer.language', 'xx'],
    ['customer.style', true],
    ['customer.style.outgoing', 'yes'],
    ['vehicle.vin', 'SHORT'],
    ['account', ['a', 'b']],
    ['account', ''],
    ['desiredOutcome', 3],
    ['saleAtRisk', 'yes'],
    ['saleAtRisk.value.amount', '52000'],
    ['saleAtRisk.value.amount', -1],
    ['saleAtRisk.value.currency', 'euro'],
    ['onTheSpot.listened', 'yes'],
    ['onTheSpot.apology.how', 'telepathy'],
    ['onTheSpot.compensation.kind', 'cash'],
    ['onTheSpot.compensation.value.amount', 1.234],
  ];
  it.each(wrongTypes)('a wrong %s (%j) is named', async (path, value) => {
    const body = structuredClone(valid);
    const keys = path.split('.');
    let target = body;
    for (const k of keys.slice(0, -1)) target = target[k];
    target[keys.at(-1)!] = value;
    const messages = await refused(body);
    expect(messages.some((m) => m.startsWith(path)), messages.join(' | ')).toBe(true);
  });

  it.each(['', 'customer.', 'vehicle.', 'saleAtRisk.', 'saleAtRisk.value.', 'onTheSpot.', 'onTheSpot.apology.', 'onTheSpot.compensation.'])(
    'an unknown field at %s is refused by name',
    async (prefix) => {
      const body = structuredClone(valid);
      let target = body;
      for (const k of prefix.split('.').filter(Boolean)) target = target[k];
      target.isAdmin = true;
      expect(await refused(body)).toContain(`${prefix}isAdmin is not an allowed field`);
    },
  );

  it('refuses a receivedAt in the future', async () => {
    const body = { ...structuredClone(valid), receivedAt: new Date(Date.now() + 3_600_000).toISOString() };
    expect(await refused(body)).toContain('receivedAt may not lie in the future');
  });

  it("refuses a department the dealer does not have, and a compensation in another currency", async () => {
    const body = structuredClone(valid);
    body.department = 'bakery';
    body.onTheSpot.compensation.value.currency = 'NOK';
    const messages = await refused(body);
    expect(messages).toContain('department must be one of sales, service, parts, reception, finance, other');
    expect(messages).toContain("onTheSpot.compensation.value.currency must be EUR, the dealer's currency");
  });

  it('refuses an apology on the spot without listening first (422: no stage is skipped)', async () => {
    const body = structuredClone(valid);
    delete body.onTheSpot.listened;
    const before = await countTickets();
    const res = await reception.post('/api/tickets', body);
    expect(res.status).toBe(422);
    expect(res.body.message).toMatch(/apologise cannot be completed before listen/);
    expect(await countTickets()).toBe(before);
  });

  it('refuses malformed JSON, a non-object body and an oversized body without a 500', async () => {
    const broken = await reception.post('/api/tickets', '{"dealerId":', { 'content-type': 'application/json' });
    expect(broken.status).toBe(400);
    expect(broken.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    const list = await reception.post('/api/tickets', '[1,2,3]', { 'content-type': 'application/json' });
    expect(list.status).toBe(400);
    const huge = await reception.post('/api/tickets', { ...valid, account: 'x'.repeat(2_000_000) });
    expect(huge.status).toBe(413);
    expect(huge.body).toMatchObject({ statusCode: 413 });
  });

  it('refuses a NUL character in any text with 400 (PostgreSQL cannot store it)', async () => {
    const messages = await refused({ ...valid, account: 'before\u0000after', customer: { ...valid.customer, name: 'A\u0000' } });
    expect(messages.sort()).toEqual(['account must not contain a NUL character', 'customer.name must not contain a NUL character']);
  });

  it('keeps a script tag in a complaint as text, and the pages escape it', async () => {
    const script = '<script>alert("pwned")</script><img src=x onerror=alert(1)>';
    const res = await reception.post('/api/tickets', { ...valid, account: script, customer: { ...valid.customer, name: script } });
    expect(res.status).toBe(201);
    expect(res.body.account).toBe(script);
    const page = await reception.get(`/tickets/${res.body.ref}`, { accept: 'text/html' });
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('<script>alert');
    expect(page.text).not.toContain('<img src=x');
    expect(page.text).toContain('&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;');
    const list = await reception.get('/tickets', { accept: 'text/html' });
    expect(list.text).not.toContain('<script>alert');
  });

  it('never answers 500 to odd query strings', async () => {
    for (const q of ['?limit=abc', '?limit=0', '?limit=-5', '?sort[]=x', '?status=open&status=closed', '?q=' + 'x'.repeat(300), '?dealerId=1%20OR%201=1', '?cursor=' + 'A'.repeat(600)]) {
      const res = await reception.get(`/api/tickets${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.statusCode, q).toBe(400);
    }
  });
});
