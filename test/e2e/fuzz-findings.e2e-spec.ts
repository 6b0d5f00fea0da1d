import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '../support/http-client.js';
import { complaint, demoDealers, type DemoDealer } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Inputs the security suite's fuzz answered with a 500; each is now a 400 naming the field, and writes nothing. */
describe('bad input the fuzz found', () => {
  let t: TestApp;
  let admin: Client;
  let dealers: Record<string, DemoDealer>;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await Client.login(t.baseUrl, 'admin@demo.test');
    dealers = await demoDealers(admin);
  });
  afterAll(() => t?.close());

  it('refuses a dealer without a calendar', async () => {
    const res = await admin.post('/api/dealers', { name: 'D', country: 'dk', timeZone: 'Europe/Copenhagen', language: 'en', currency: 'DKK' });
    expect(res.status).toBe(400);
    expect(res.body.message).toEqual(['calendar is required']);
    expect((await admin.get('/api/dealers')).body).toHaveLength(3);
  });

  it('refuses to blank a dealer field with null, but lets approvalLimits go back to the defaults', async () => {
    const res = await admin.patch(`/api/dealers/${dealers.nl.id}`, { name: null, currency: null });
    expect(res.status).toBe(400);
    expect(res.body.message).toEqual(['name must not be null', 'currency must not be null']);
    expect((await admin.get(`/api/dealers/${dealers.nl.id}`)).body.name).toBe(dealers.nl.name);
    expect((await admin.patch(`/api/dealers/${dealers.nl.id}`, { approvalLimits: null })).status).toBe(200);
  });

  it('refuses prototype keys in a stage body', async () => {
    const ticket = await admin.post('/api/tickets', complaint(dealers.nl.id));
    const res = await admin.post(`/api/tickets/${ticket.body.ref}/stages/listen`, JSON.parse('{"contactedVia":"phone","x":{"constructor":{"prototype":{}}}}'));
    expect(res.status).toBe(400);
    expect(res.body.message).toEqual(['x.constructor is not an allowed field']);
    expect((await admin.get(`/api/tickets/${ticket.body.ref}`)).body.stage).toBe('listen');
  });
});
