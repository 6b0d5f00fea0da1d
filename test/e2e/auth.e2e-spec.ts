import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../src/modules/users/session.entity.js';
import { User } from '../../src/modules/users/user.entity.js';
import { Client } from '../support/http-client.js';
import { complaint, demoDealers, type DemoDealer } from '../support/fixtures.js';
import { loginForm } from '../support/page-session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('staff sign-in, sessions, CSRF, roles and API keys', () => {
  let t: TestApp;
  let admin: Client;
  let dealers: Record<string, DemoDealer>;
  const sql = (text: string) => (t.dataSource.options.type === 'postgres' ? text : text.replace(/\$\d+/g, '?'));

  beforeAll(async () => {
    t = await startTestApp({ SESSION_IDLE_MINUTES: '5' });
    admin = await Client.login(t.baseUrl, 'admin@demo.test');
    dealers = await demoDealers(admin);
  });
  afterAll(() => t?.close());

  it('lets every demo user sign in and tells who they are', async () => {
    const expected: Record<string, [string, boolean]> = {
      'admin@demo.test': ['admin', false],
      'quality@demo.test': ['quality-manager', false],
      'principal@demo.test': ['principal', false],
      'reception.no@demo.test': ['receptionist', true],
      'reception.se@demo.test': ['receptionist', true],
      'reception.nl@demo.test': ['receptionist', true],
      'sales.manager.no@demo.test': ['department-manager', true],
      'sales.manager.se@demo.test': ['department-manager', true],
      'sales.manager.nl@demo.test': ['department-manager', true],
    };
    for (const [email, [role, hasDealer]] of Object.entries(expected)) {
      const c = await Client.login(t.baseUrl, email);
      const me = await c.get('/api/me');
      expect(me.status).toBe(200);
      expect(Object.keys(me.body).sort()).toEqual(['dealerId', 'id', 'name', 'role']);
      expect(me.body.role).toBe(role);
      expect(me.body.dealerId !== null).toBe(hasDealer);
    }
  });

  it('answers 401 to a wrong password, an unknown user and no credentials, the same way', async () => {
    const anon = Client.anonymous(t.baseUrl);
    const wrong = await anon.post('/api/auth/login', { email: 'admin@demo.test', password: 'nope-nope-nope' });
    const unknown = await anon.post('/api/auth/login', { email: 'ghost@demo.test', password: 'nope-nope-nope' });
    expect(wrong.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    expect((await anon.get('/api/me')).status).toBe(401);
    expect((await anon.get('/api/tickets')).status).toBe(401);
    expect((await anon.get('/api/dealers')).status).toBe(401);
  });

  it('sets an HttpOnly, SameSite=Lax session cookie (not Secure on plain localhost) with a new id at every sign-in', async () => {
    const res = await fetch(`${t.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'quality@demo.test', password: 'demo-password' }),
    });
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^amends_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).not.toContain('Secure');
    // The session's lifetime as Max-Age (12 h), counted on the browser's own clock whatever the server's says.
    expect(cookie).toMatch(/; Max-Age=43200;/);
    const a = await Client.login(t.baseUrl, 'quality@demo.test');
    const b = await Client.login(t.baseUrl, 'quality@demo.test');
    expect(a.sessionCookie).not.toBe(b.sessionCookie);
    // The database holds hashes, never the cookie's value.
    const token = a.sessionCookie!.split('=')[1];
    const rows = await t.dataSource.query('SELECT "tokenHash" FROM sessions');
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('marks the cookie Secure when reached by a name other than localhost', async () => {
    // fetch will not send another Host header, so this one goes through node:http.
    const body = JSON.stringify({ email: 'quality@demo.test', password: 'demo-password' });
    const cookie = await new Promise<string>((resolve, reject) => {
      const req = request(`${t.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', host: 'amends.example.com' } }, (res) => {
        res.resume();
        resolve(String(res.headers['set-cookie']));
      });
      req.on('error', reject);
      req.end(body);
    });
    expect(cookie).toContain('Secure');
  });

  it('replaces the session a browser had when it signs in again (no fixation)', async () => {
    const first = await Client.login(t.baseUrl, 'principal@demo.test');
    const res = await fetch(`${t.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: first.sessionCookie! },
      body: JSON.stringify({ email: 'principal@demo.test', password: 'demo-password' }),
    });
    expect(res.status).toBe(200);
    expect((await first.get('/api/me')).status).toBe(401);
  });

  it('requires the CSRF token for changes made with the cookie', async () => {
    const reception = await Client.login(t.baseUrl, 'reception.no@demo.test');
    const body = complaint(dealers.no.id);
    const without = await reception.withoutCsrf().post('/api/tickets', body);
    expect(without.status).toBe(403);
    expect(without.body.message).toMatch(/CSRF/);
    const wrong = await reception.withoutCsrf().post('/api/tickets', body, { 'x-csrf-token': 'forged' });
    expect(wrong.status).toBe(403);
    expect((await reception.post('/api/tickets', body)).status).toBe(201);
    // Reads need no token.
    expect((await reception.withoutCsrf().get('/api/tickets')).status).toBe(200);
  });

  it('signs out: the session ends and the cookie is cleared', async () => {
    const c = await Client.login(t.baseUrl, 'reception.se@demo.test');
    const out = await c.post('/api/auth/logout');
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/amends_session=;/);
    expect((await c.get('/api/me')).status).toBe(401);
  });

  it('ends a session that sat idle too long, and one past its absolute end', async () => {
    const idle = await Client.login(t.baseUrl, 'sales.manager.se@demo.test');
    expect((await idle.get('/api/me')).status).toBe(200);
    const userId = async (email: string) => (await t.dataSource.getRepository(User).findOneByOrFail({ email })).id;
    const sessions = t.dataSource.getRepository(Session);
    await sessions.update({ userId: await userId('sales.manager.se@demo.test') }, { lastSeenAt: new Date(Date.now() - 6 * 60_000) });
    expect((await idle.get('/api/me')).status).toBe(401);

    const old = await Client.login(t.baseUrl, 'sales.manager.no@demo.test');
    expect((await old.get('/api/me')).status).toBe(200);
    await sessions.update({ userId: await userId('sales.manager.no@demo.test') }, { expiresAt: new Date(Date.now() - 1000) });
    expect((await old.get('/api/me')).status).toBe(401);
  });

  it('keeps roles to their actions: only admins manage users and keys', async () => {
    const reception = await Client.login(t.baseUrl, 'reception.nl@demo.test');
    const newUser = { name: 'X', email: 'x@demo.test', password: 'long-enough-password', role: 'receptionist', dealerId: dealers.nl.id };
    expect((await reception.post('/api/users', newUser)).status).toBe(403);
    expect((await reception.get('/api/admin/api-keys')).status).toBe(403);
    expect((await reception.post('/api/dealers', {})).status).toBe(403);
    const created = await admin.post('/api/users', newUser);
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ email: 'x@demo.test', role: 'receptionist', dealerId: dealers.nl.id });
    expect(created.body.passwordHash).toBeUndefined();
    const stored = await t.dataSource.query(sql('SELECT "passwordHash" FROM users WHERE email = $1'), ['x@demo.test']);
    expect(stored[0].passwordHash).toMatch(/^\$argon2id\$/);
    expect((await admin.post('/api/users', newUser)).status).toBe(409);
    const noDealer = await admin.post('/api/users', { ...newUser, email: 'y@demo.test', dealerId: null });
    expect(noDealer.status).toBe(400);
    expect(noDealer.body.message).toMatch(/dealerId is required/);
    const weak = await admin.post('/api/users', { ...newUser, email: 'z@demo.test', password: 'short', role: 'king' });
    expect(weak.status).toBe(400);
    expect(weak.body.message).toEqual(expect.arrayContaining([expect.stringMatching(/^password/), expect.stringMatching(/^role/)]));
  });

  it('shows each user only the dealers and users in their scope', async () => {
    const reception = await Client.login(t.baseUrl, 'reception.se@demo.test');
    const visible = await reception.get('/api/dealers');
    expect(visible.body.map((d: any) => d.country)).toEqual(['se']);
    expect((await reception.get(`/api/dealers/${dealers.no.id}`)).status).toBe(404);
    const users = await reception.get('/api/users');
    expect(users.body.every((u: any) => u.dealerId === null || u.dealerId === dealers.se.id)).toBe(true);
    expect((await admin.get('/api/dealers')).body).toHaveLength(3);
  });

  it('lets an admin make an API key that acts as its user, stored as a hash and revocable', async () => {
    const users = await admin.get('/api/users');
    const reception = users.body.find((u: any) => u.email === 'reception.nl@demo.test');
    const made = await admin.post('/api/admin/api-keys', { userId: reception.id, name: 'kiosk' });
    expect(made.status, made.text).toBe(201);
    expect(made.body.key).toMatch(/^amk_[A-Za-z0-9_-]{43}$/);
    const key = made.body.key as string;
    const rows = await t.dataSource.query('SELECT * FROM api_keys');
    expect(JSON.stringify(rows)).not.toContain(key.slice(4));
    const listed = await admin.get('/api/admin/api-keys');
    expect(listed.body.find((k: any) => k.id === made.body.id)).toMatchObject({ name: 'kiosk', userId: reception.id, revokedAt: null });
    expect(JSON.stringify(listed.body)).not.toContain(key);

    const integration = Client.withKey(t.baseUrl, key);
    expect((await integration.get('/api/me')).body).toMatchObject({ id: reception.id, role: 'receptionist' });
    // A key needs no CSRF token, and keeps its user's scope.
    expect((await integration.post('/api/tickets', complaint(dealers.nl.id))).status).toBe(201);
    expect((await integration.post('/api/tickets', complaint(dealers.no.id))).status).toBe(403);

    expect((await admin.delete(`/api/admin/api-keys/${made.body.id}`)).status).toBe(204);
    expect((await integration.get('/api/me')).status).toBe(401);
    // Revoking again, even many times at once, keeps the first moment and changes nothing.
    const revokedAt = (await t.dataSource.query(`SELECT "revokedAt" FROM api_keys WHERE id = '${made.body.id}'`))[0].revokedAt;
    const again = await Promise.all(Array.from({ length: 8 }, () => admin.delete(`/api/admin/api-keys/${made.body.id}`)));
    expect(again.map((r) => r.status)).toEqual(Array(8).fill(204));
    expect((await t.dataSource.query(`SELECT "revokedAt" FROM api_keys WHERE id = '${made.body.id}'`))[0].revokedAt).toEqual(revokedAt);
    expect((await admin.delete('/api/admin/api-keys/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await Client.withKey(t.baseUrl, 'amk_guessed').get('/api/me')).status).toBe(401);
    const badUser = await admin.post('/api/admin/api-keys', { userId: '00000000-0000-4000-8000-000000000000', name: 'x' });
    expect(badUser.status).toBe(404);
  });

  it('serves the sign-in page and signs in and out through forms', async () => {
    const page = await Client.anonymous(t.baseUrl).get('/login', { accept: 'text/html' });
    expect(page.status).toBe(200);
    expect(page.text).toContain('name="password"');
    const redirect = await Client.anonymous(t.baseUrl).get('/tickets', { accept: 'text/html' });
    expect(redirect.status).toBe(303);
    expect(redirect.headers.get('location')).toBe('/login?next=%2Ftickets');

    const signInForm = await loginForm(t.baseUrl);
    const form = new URLSearchParams({ _csrf: signInForm.csrf, email: 'reception.nl@demo.test', password: 'demo-password' });
    const login = await fetch(`${t.baseUrl}/login`, { method: 'POST', body: form, redirect: 'manual', headers: { cookie: signInForm.cookie, accept: 'text/html' } });
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('/intake');
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const intake = await fetch(`${t.baseUrl}/intake`, { headers: { cookie, accept: 'text/html' } });
    const html = await intake.text();
    expect(html).toContain('<h1>Melding registreren</h1>'); // the Dutch receptionist's own language
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)![1];

    const noToken = await fetch(`${t.baseUrl}/logout`, { method: 'POST', redirect: 'manual', headers: { cookie, accept: 'text/html' } });
    expect(noToken.status).toBe(403);
    const out = await fetch(`${t.baseUrl}/logout`, { method: 'POST', body: new URLSearchParams({ _csrf: csrf }), redirect: 'manual', headers: { cookie, accept: 'text/html' } });
    expect(out.status).toBe(303);
    expect((await fetch(`${t.baseUrl}/api/me`, { headers: { cookie } })).status).toBe(401);

    const bad = await fetch(`${t.baseUrl}/login`, { method: 'POST', body: new URLSearchParams({ _csrf: signInForm.csrf, email: 'reception.nl@demo.test', password: 'wrong' }), headers: { cookie: signInForm.cookie, accept: 'text/html' } });
    expect(bad.status).toBe(401);
    expect(await bad.text()).toContain('Wrong e-mail address or password');
  });
});

describe('sign-in rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_RATE_LIMIT: '3', LOGIN_RATE_WINDOW_SECONDS: '60' });
  });
  afterAll(() => t?.close());

  it('answers 429 after too many attempts for one account, even with the right password', async () => {
    const anon = Client.anonymous(t.baseUrl);
    for (let i = 0; i < 3; i++) expect((await anon.post('/api/auth/login', { email: 'admin@demo.test', password: `guess-${i}` })).status).toBe(401);
    const blocked = await anon.post('/api/auth/login', { email: 'admin@demo.test', password: 'demo-password' });
    expect(blocked.status).toBe(429);
    expect(blocked.body).toMatchObject({ statusCode: 429, message: expect.stringMatching(/Too many/) });
    // Another account from the same address is not locked out by it.
    expect((await anon.post('/api/auth/login', { email: 'quality@demo.test', password: 'demo-password' })).status).toBe(200);
  });
});
