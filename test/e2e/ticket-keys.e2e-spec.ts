import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '../support/http-client.js';
import { complaint, demoDealers, type DemoDealer } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * A ticket is named by its reference on every route; the id is for system work that holds it
 * (applyById). A reference of the form `id:<uuid>` used to reach the ticket by id through the
 * transition path while the read path answered 404 for it.
 */
describe('ticket keys', () => {
  let t: TestApp;
  let admin: Client;
  let dealers: Record<string, DemoDealer>;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await Client.login(t.baseUrl, 'admin@demo.test');
    dealers = await demoDealers(admin);
  });
  afterAll(() => t?.close());

  it('does not take `id:<uuid>` as a reference on a change, as the read does not', async () => {
    const res = await admin.post('/api/tickets', complaint(dealers.nl.id));
    expect(res.status, res.text).toBe(201);
    const id = res.body.id as string;
    expect((await admin.get(`/api/tickets/id:${id}`)).status).toBe(404);
    const note = await admin.post(`/api/tickets/id:${id}/messages`, { body: 'By id?', visibility: 'internal' });
    expect(note.status, note.text).toBe(404);
    const wait = await admin.post(`/api/tickets/id:${id}/wait`, {});
    expect(wait.status, wait.text).toBe(404);
    const ticket = await admin.get(`/api/tickets/${res.body.ref}`);
    expect(ticket.body.status).toBe('open');
    expect(ticket.body.timeline.map((e: { type: string }) => e.type)).not.toContain('note');
  });
});
