import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '../support/http-client.js';
import { PageSession } from '../support/page-session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('admin pages', () => {
  let t: TestApp;
  let admin: PageSession;
  let api: Client;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await PageSession.signIn(t.baseUrl, 'admin@demo.test');
    api = await Client.login(t.baseUrl, 'admin@demo.test');
  });
  afterAll(() => t?.close());

  it('lists dealers, users, SLA policies and keys, for admins only', async () => {
    const page = await admin.get('/admin');
    expect(page.status).toBe(200);
    for (const id of ['dealers', 'users', 'sla', 'api-keys']) expect(page.html).toContain(`id="${id}"`);
    expect(page.html).toContain('Autohuis Utrecht');
    // Who each level reaches: the Utrecht sales manager at level 1 for sales.
    expect(page.html).toMatch(/<td>Autohuis Utrecht<\/td><td>Sales<\/td><td>Pieter Bakker<\/td><td>Quinn Quality<\/td><td>Pia Principal<\/td>/);
    const quality = await PageSession.signIn(t.baseUrl, 'quality@demo.test');
    expect((await quality.get('/admin')).status).toBe(403);
  });

  it('adds a dealer, refusing a bad calendar with the reason', async () => {
    const bad = await admin.post('/admin/dealers', { name: 'Bil Bergen', country: 'no', timeZone: 'Europe/Oslo', language: 'nb', currency: 'NOK', calendar: '{"weekly":{"mon":[["18:00","09:00"]]},"holidays":[]}' }, '/admin');
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('Check the opening hours');
    expect(bad.html).toContain('value="Bil Bergen"');
    const good = await admin.post('/admin/dealers', { name: 'Bil Bergen', country: 'no', timeZone: 'Europe/Oslo', language: 'nb', currency: 'NOK', calendar: '{"weekly":{"mon":[["09:00","17:00"]]},"holidays":[]}' }, '/admin');
    expect(good.status).toBe(303);
    expect((await api.get('/api/dealers')).body.map((d: any) => d.name)).toContain('Bil Bergen');
  });

  it('adds a user with validation messages, changes an SLA policy, and makes and revokes a key', async () => {
    const weak = await admin.post('/admin/users', { name: 'New', email: 'new@demo.test', password: 'short', role: 'quality-manager' }, '/admin');
    expect(weak.status).toBe(400);
    expect(weak.html).toContain('Use at least 10 characters for the password');
    expect((await admin.post('/admin/users', { name: 'New', email: 'new@demo.test', password: 'long-enough-pw', role: 'quality-manager' }, '/admin')).status).toBe(303);

    expect((await admin.post('/admin/sla-policies/low', { listen: '600', apologise: '960', fix: '2400', resolve: '9600', warningThreshold: '0.8' }, '/admin')).status).toBe(303);
    const low = (await api.get('/api/sla/policies')).body.find((p: any) => p.severity === 'low');
    expect(low).toMatchObject({ targets: { listen: 600 }, warningThreshold: 0.8 });
    const refused = await admin.post('/admin/sla-policies/low', { listen: 'soon', apologise: '960', fix: '2400', resolve: '9600' }, '/admin');
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('Enter the time to listen as a number');

    const users = (await api.get('/api/users')).body;
    const made = await admin.post('/admin/api-keys', { userId: users.find((u: any) => u.email === 'quality@demo.test').id, name: 'survey provider' }, '/admin');
    expect(made.status).toBe(303);
    const key = /id="new-key">(amk_[A-Za-z0-9_-]{43})</.exec((await admin.get(made.location!)).html)![1];
    expect((await Client.withKey(t.baseUrl, key).get('/api/me')).status).toBe(200);
    const keys = (await api.get('/api/admin/api-keys')).body;
    expect((await admin.post(`/admin/api-keys/${keys[0].id}/revoke`, {}, '/admin')).status).toBe(303);
    expect((await Client.withKey(t.baseUrl, key).get('/api/me')).status).toBe(401);
  });
});
