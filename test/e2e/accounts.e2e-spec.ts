import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '../support/http-client.js';
import { demoDealers, type DemoDealer } from '../support/fixtures.js';
import { loginForm, PageSession } from '../support/page-session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Accounts have a lifecycle: changed, deactivated, reset by an admin; passwords and sessions by their owner. */
describe('account lifecycle', () => {
  let t: TestApp;
  let admin: Client;
  let dealers: Record<string, DemoDealer>;
  let n = 0;
  const sql = (text: string) => (t.dataSource.options.type === 'postgres' ? text : text.replace(/\$\d+/g, '?'));
  const events = async (userId: string) =>
    (await t.dataSource.query(sql('SELECT type, "actorId", data FROM user_events WHERE "userId" = $1 ORDER BY at, type'), [userId])).map((e: any) => ({ ...e, data: JSON.parse(e.data) }));
  const userRow = async (id: string) => (await t.dataSource.query(sql('SELECT name, role, "dealerId", department, active, "mustChangePassword", "passwordHash" FROM users WHERE id = $1'), [id]))[0];
  const adminId = async () => (await admin.get('/api/me')).body.id as string;

  /** A fresh user of a dealer, with the demo password. */
  const newUser = async (overrides: Record<string, unknown> = {}) => {
    const email = `life${++n}@demo.test`;
    const res = await admin.post('/api/users', { name: `Life ${n}`, email, password: 'demo-password', role: 'receptionist', dealerId: dealers.nl.id, ...overrides });
    if (res.status !== 201) throw new Error(`user: ${res.status} ${res.text}`);
    return { id: res.body.id as string, email };
  };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await Client.login(t.baseUrl, 'admin@demo.test');
    dealers = await demoDealers(admin);
  });
  afterAll(() => t?.close());

  describe('PATCH /api/users/:id', () => {
    it('deactivating ends a live session and revokes a key at once; the user then signs in no better than a wrong password', async () => {
      const u = await newUser();
      const session = await Client.login(t.baseUrl, u.email);
      const key = (await admin.post('/api/admin/api-keys', { userId: u.id, name: 'kiosk' })).body.key as string;
      const integration = Client.withKey(t.baseUrl, key);
      expect((await session.get('/api/tickets')).status).toBe(200);
      expect((await integration.get('/api/me')).status).toBe(200);

      const res = await admin.patch(`/api/users/${u.id}`, { active: false });
      expect(res.status, res.text).toBe(200);
      expect(res.body).toMatchObject({ id: u.id, active: false });
      expect((await session.get('/api/tickets')).status).toBe(401);
      expect((await integration.get('/api/me')).status).toBe(401);
      expect(await t.dataSource.query(sql('SELECT id FROM sessions WHERE "userId" = $1'), [u.id])).toEqual([]);
      const keys = await t.dataSource.query(sql('SELECT "revokedAt" FROM api_keys WHERE "userId" = $1'), [u.id]);
      expect(keys).toHaveLength(1);
      expect(keys[0].revokedAt).not.toBeNull();

      const anon = Client.anonymous(t.baseUrl);
      const inactive = await anon.post('/api/auth/login', { email: u.email, password: 'demo-password' });
      const wrong = await anon.post('/api/auth/login', { email: 'admin@demo.test', password: 'not-the-password' });
      expect(inactive.status).toBe(401);
      expect(inactive.body).toEqual(wrong.body);

      // Reactivated: signs in again; the revoked key stays revoked (a new one is a deliberate act).
      expect((await admin.patch(`/api/users/${u.id}`, { active: true })).body.active).toBe(true);
      expect((await Client.login(t.baseUrl, u.email).then((c) => c.get('/api/me'))).status).toBe(200);
      expect((await integration.get('/api/me')).status).toBe(401);

      const me = await adminId();
      expect(await events(u.id)).toEqual([
        { type: 'deactivated', actorId: me, data: { changes: { active: [true, false] }, sessionsEnded: 1, keysRevoked: 1 } },
        { type: 'reactivated', actorId: me, data: { changes: { active: [false, true] }, sessionsEnded: 0, keysRevoked: 0 } },
      ]);
    });

    it('a session or key of an inactive user does not authenticate, even if it was left in place', async () => {
      const u = await newUser();
      const session = await Client.login(t.baseUrl, u.email);
      const key = (await admin.post('/api/admin/api-keys', { userId: u.id, name: 'left' })).body.key as string;
      await t.dataSource.query(sql('UPDATE users SET active = $1 WHERE id = $2'), [false, u.id]);
      expect((await session.get('/api/me')).status).toBe(401);
      expect((await Client.withKey(t.baseUrl, key).get('/api/me')).status).toBe(401);
    });

    it('a new role or dealer ends the sessions opened under the old scope, and is recorded old → new', async () => {
      const u = await newUser();
      const session = await Client.login(t.baseUrl, u.email);
      const res = await admin.patch(`/api/users/${u.id}`, { role: 'department-manager', department: 'sales', name: '  Promoted  ' });
      expect(res.status, res.text).toBe(200);
      expect(res.body).toMatchObject({ role: 'department-manager', department: 'sales', name: 'Promoted', dealerId: dealers.nl.id });
      expect((await session.get('/api/me')).status).toBe(401);
      const again = await Client.login(t.baseUrl, u.email);
      expect((await again.get('/api/me')).body).toMatchObject({ role: 'department-manager', dealerId: dealers.nl.id });

      // Moved to another dealer: signed out, and the scope follows.
      const moved = await admin.patch(`/api/users/${u.id}`, { dealerId: dealers.no.id });
      expect(moved.status).toBe(200);
      expect((await again.get('/api/me')).status).toBe(401);
      const now = await Client.login(t.baseUrl, u.email);
      expect((await now.get('/api/dealers')).body.map((d: any) => d.country)).toEqual(['no']);

      // A name or department alone changes no scope: the session stays.
      expect((await admin.patch(`/api/users/${u.id}`, { department: 'service' })).status).toBe(200);
      expect((await now.get('/api/me')).status).toBe(200);
      // The same values again change nothing and record nothing.
      expect((await admin.patch(`/api/users/${u.id}`, { department: 'service', role: 'department-manager' })).status).toBe(200);

      const history = await events(u.id);
      expect(history.map((e: any) => e.type)).toEqual(['updated', 'updated', 'updated']);
      expect(history[0].data).toEqual({ changes: { name: [`Life ${n}`, 'Promoted'], role: ['receptionist', 'department-manager'], department: [null, 'sales'] }, sessionsEnded: 1, keysRevoked: 0 });
      expect(history[1].data.changes).toEqual({ dealerId: [dealers.nl.id, dealers.no.id] });
      expect(history[2].data).toEqual({ changes: { department: ['sales', 'service'] }, sessionsEnded: 0, keysRevoked: 0 });
    });

    it('refuses bad input naming the field, writing nothing', async () => {
      const u = await newUser();
      const before = await userRow(u.id);
      const cases: [unknown, number, RegExp][] = [
        [{ role: 'king' }, 400, /^role must be one of/],
        [{ name: null }, 400, /^name/],
        [{ name: '   ' }, 400, /^name must not be blank/],
        [{ active: 'no' }, 400, /^active must be true or false/],
        [{ active: null }, 400, /^active/],
        [{ role: null }, 400, /^role/],
        [{ dealerId: 'nowhere' }, 400, /^dealerId must be a dealer id or null/],
        [{ dealerId: null }, 400, /dealerId is required for the role receptionist/],
        [{ role: 'principal', dealerId: null, email: 'x@y.z' }, 400, /email is not an allowed field/],
        [{ department: 'Not A Slug' }, 400, /^department must be a slug/],
        [{ dealerId: '00000000-0000-4000-8000-000000000000' }, 404, /dealerId: no dealer/],
      ];
      for (const [body, status, message] of cases) {
        const res = await admin.patch(`/api/users/${u.id}`, body);
        expect(res.status, JSON.stringify(body)).toBe(status);
        expect([res.body.message].flat().join(' | '), JSON.stringify(body)).toMatch(message);
      }
      expect((await admin.patch('/api/users/00000000-0000-4000-8000-000000000000', { name: 'Ghost' })).status).toBe(404);
      expect((await admin.patch('/api/users/not-a-uuid', { name: 'Ghost' })).status).toBe(400);
      expect(await userRow(u.id)).toEqual(before);
      expect(await events(u.id)).toEqual([]);
    });

    it('is for admins only, and an admin cannot lock themselves out', async () => {
      const u = await newUser();
      for (const email of ['reception.nl@demo.test', 'sales.manager.nl@demo.test', 'quality@demo.test', 'principal@demo.test']) {
        const c = await Client.login(t.baseUrl, email);
        expect((await c.patch(`/api/users/${u.id}`, { active: false })).status, email).toBe(403);
        expect((await c.post(`/api/users/${u.id}/password`, { password: 'a-one-time-secret' })).status, email).toBe(403);
      }
      const me = await adminId();
      const self = await admin.patch(`/api/users/${me}`, { active: false });
      expect(self.status).toBe(400);
      expect(self.body.message.join(' ')).toMatch(/active: you cannot deactivate yourself/);
      expect((await admin.patch(`/api/users/${me}`, { role: 'principal' })).status).toBe(400);
      expect((await admin.get('/api/me')).status).toBe(200);
      expect((await userRow(u.id)).active).toBeTruthy();
    });
  });

  describe('POST /api/me/password', () => {
    it('refuses a short, common or unchanged password and a wrong current one, naming the field', async () => {
      const u = await newUser();
      const c = await Client.login(t.baseUrl, u.email);
      const hash = (await userRow(u.id)).passwordHash;
      const cases: [Record<string, unknown>, RegExp][] = [
        [{ currentPassword: 'demo-password', newPassword: 'short-one' }, /^newPassword must be at least 12 characters/],
        [{ currentPassword: 'demo-password', newPassword: 'Password1234' }, /^newPassword is one of the most common passwords/],
        [{ currentPassword: 'demo-password', newPassword: 'QWERTYUIOP123' }, /^newPassword is one of the most common passwords/],
        [{ currentPassword: 'demo-password', newPassword: 'demo-password' }, /^newPassword must differ from the current password/],
        [{ currentPassword: 'wrong-password', newPassword: 'plum-kettle-harbour' }, /^currentPassword is wrong/],
        [{ currentPassword: 'demo-password' }, /^newPassword is required/],
        [{ currentPassword: 'demo-password', newPassword: 12345678901234 }, /^newPassword must be a string/],
      ];
      for (const [body, message] of cases) {
        const res = await c.post('/api/me/password', body);
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect([res.body.message].flat().join(' | '), JSON.stringify(body)).toMatch(message);
      }
      expect((await userRow(u.id)).passwordHash).toBe(hash);
      expect(await events(u.id)).toEqual([]);
    });

    it('changes the password and ends every other session of the user; this one stays', async () => {
      const u = await newUser();
      const here = await Client.login(t.baseUrl, u.email);
      const laptop = await Client.login(t.baseUrl, u.email);
      const phone = await Client.login(t.baseUrl, u.email);
      const other = await Client.login(t.baseUrl, 'reception.nl@demo.test');
      const res = await here.post('/api/me/password', { currentPassword: 'demo-password', newPassword: 'plum-kettle-harbour' });
      expect(res.status, res.text).toBe(200);
      expect(res.body).toEqual({ sessionsEnded: 2 });
      expect((await here.get('/api/tickets')).status).toBe(200);
      expect((await laptop.get('/api/me')).status).toBe(401);
      expect((await phone.get('/api/me')).status).toBe(401);
      expect((await other.get('/api/me')).status).toBe(200);
      const anon = Client.anonymous(t.baseUrl);
      expect((await anon.post('/api/auth/login', { email: u.email, password: 'demo-password' })).status).toBe(401);
      expect((await anon.post('/api/auth/login', { email: u.email, password: 'plum-kettle-harbour' })).status).toBe(200);
      expect(await events(u.id)).toEqual([{ type: 'password-changed', actorId: u.id, data: { sessionsEnded: 2 } }]);
    });

    it('is refused to an API key (a leaked key must not take over the account)', async () => {
      const u = await newUser();
      const key = (await admin.post('/api/admin/api-keys', { userId: u.id, name: 'k' })).body.key as string;
      const res = await Client.withKey(t.baseUrl, key).post('/api/me/password', { currentPassword: 'demo-password', newPassword: 'plum-kettle-harbour' });
      expect(res.status).toBe(403);
      expect((await Client.withKey(t.baseUrl, key).post('/api/me/sessions/revoke-others')).status).toBe(403);
      expect((await Client.login(t.baseUrl, u.email).then((c) => c.get('/api/me'))).status).toBe(200);
    });
  });

  it('POST /api/me/sessions/revoke-others ends the other sessions and keeps the current one', async () => {
    const u = await newUser();
    const here = await Client.login(t.baseUrl, u.email);
    const elsewhere = await Client.login(t.baseUrl, u.email);
    const res = await here.post('/api/me/sessions/revoke-others');
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ sessionsEnded: 1 });
    expect((await here.get('/api/me')).status).toBe(200);
    expect((await elsewhere.get('/api/me')).status).toBe(401);
    // Needs the CSRF token like every cookie-authenticated change.
    expect((await here.withoutCsrf().post('/api/me/sessions/revoke-others')).status).toBe(403);
    expect((await here.post('/api/me/sessions/revoke-others')).body).toEqual({ sessionsEnded: 0 });
    expect((await events(u.id)).map((e: any) => [e.type, e.data.sessionsEnded])).toEqual([['sessions-ended', 1], ['sessions-ended', 0]]);
  });

  it('an admin one-time password ends the sessions and must be changed before anything else', async () => {
    const u = await newUser();
    const old = await Client.login(t.baseUrl, u.email);
    const weak = await admin.post(`/api/users/${u.id}/password`, { password: 'password1234' });
    expect(weak.status).toBe(400);
    expect(weak.body.message.join(' ')).toMatch(/^password is one of the most common/);
    expect((await admin.post(`/api/users/${u.id}/password`, { password: 'short' })).body.message.join(' ')).toMatch(/^password must be at least 12/);
    expect((await admin.post('/api/users/00000000-0000-4000-8000-000000000000/password', { password: 'a-one-time-secret' })).status).toBe(404);
    expect((await old.get('/api/me')).status).toBe(200);

    expect((await admin.post(`/api/users/${u.id}/password`, { password: 'a-one-time-secret' })).status).toBe(204);
    expect((await old.get('/api/me')).status).toBe(401);
    expect((await userRow(u.id)).mustChangePassword).toBeTruthy();

    const login = await fetch(`${t.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: u.email, password: 'a-one-time-secret' }) });
    expect(login.status).toBe(200);
    expect(((await login.json()) as any).user.mustChangePassword).toBe(true);
    const c = await Client.login(t.baseUrl, u.email, 'a-one-time-secret');
    const blocked = await c.get('/api/tickets');
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe('password.change-required');
    expect((await c.post('/api/me/sessions/revoke-others')).body.code).toBe('password.change-required');
    expect((await c.get('/api/me')).status).toBe(200);
    // The page side: every page leads to the account page, which opens.
    const pages = await PageSession.signIn(t.baseUrl, u.email, 'a-one-time-secret');
    expect((await fetch(`${t.baseUrl}/tickets`, { headers: { cookie: (pages as any).cookie, accept: 'text/html' }, redirect: 'manual' })).headers.get('location')).toBe('/account');
    const account = await pages.get('/account');
    expect(account.status).toBe(200);
    // In the user's language: their dealer's Dutch.
    expect(account.html).toContain('Kies uw eigen wachtwoord');

    // Keeping the administrator's password is no change.
    expect((await c.post('/api/me/password', { currentPassword: 'a-one-time-secret', newPassword: 'a-one-time-secret' })).status).toBe(400);
    expect((await c.post('/api/me/password', { currentPassword: 'a-one-time-secret', newPassword: 'plum-kettle-harbour' })).status).toBe(200);
    expect((await c.get('/api/tickets')).status).toBe(200);
    expect((await userRow(u.id)).mustChangePassword).toBeFalsy();
    expect((await events(u.id)).map((e: any) => e.type)).toEqual(['password-reset', 'password-changed']);
  });

  it('GET /api/users shows a dealer\'s staff only their own dealer\'s users; importer-wide roles see all', async () => {
    for (const email of ['reception.nl@demo.test', 'sales.manager.nl@demo.test']) {
      const c = await Client.login(t.baseUrl, email);
      const users = (await c.get('/api/users')).body as any[];
      expect(users.length).toBeGreaterThan(0);
      expect(users.filter((x) => x.dealerId !== dealers.nl.id).map((x) => x.email), email).toEqual([]);
    }
    const all = (await admin.get('/api/users')).body as any[];
    expect(new Set(all.map((x) => x.dealerId))).toEqual(new Set([null, dealers.no.id, dealers.se.id, dealers.nl.id]));
    const quality = (await (await Client.login(t.baseUrl, 'quality@demo.test')).get('/api/users')).body as any[];
    expect(quality).toHaveLength(all.length);
  });

  describe('pages', () => {
    it('the admin edits, deactivates, reactivates and resets a user through forms, with errors under the form', async () => {
      const u = await newUser();
      const page = await PageSession.signIn(t.baseUrl, 'admin@demo.test');
      const list = await page.get('/admin');
      expect(list.html).toContain(`action="/admin/users/${u.id}"`);
      expect(list.html).toContain(`action="/admin/users/${u.id}/active"`);
      expect(list.html).toContain(`action="/admin/users/${u.id}/password"`);

      const bad = await page.post(`/admin/users/${u.id}`, { name: 'Renamed', role: 'receptionist', dealerId: '', department: '' }, '/admin');
      expect(bad.status).toBe(400);
      expect(bad.html).toContain('Choose the dealer');
      const edited = await page.post(`/admin/users/${u.id}`, { name: 'Renamed', role: 'department-manager', dealerId: dealers.se.id, department: 'sales' }, '/admin');
      expect(edited.status).toBe(303);
      expect(await userRow(u.id)).toMatchObject({ name: 'Renamed', role: 'department-manager', dealerId: dealers.se.id, department: 'sales' });

      const session = await Client.login(t.baseUrl, u.email);
      expect((await page.post(`/admin/users/${u.id}/active`, { active: 'false' }, '/admin')).status).toBe(303);
      expect((await session.get('/api/me')).status).toBe(401);
      expect((await page.get('/admin')).html).toMatch(new RegExp(`id="user-${u.id}"[\\s\\S]*?<strong>Inactive</strong>[\\s\\S]*?Reactivate`));
      expect((await page.post(`/admin/users/${u.id}/active`, { active: 'maybe' }, '/admin')).status).toBe(400);
      expect((await page.post(`/admin/users/${u.id}/active`, { active: 'true' }, '/admin')).status).toBe(303);

      const short = await page.post(`/admin/users/${u.id}/password`, { password: 'tiny' }, '/admin');
      expect(short.status).toBe(400);
      expect(short.html).toContain('Use at least 12 characters for the password');
      expect((await page.post(`/admin/users/${u.id}/password`, { password: 'a-one-time-secret' }, '/admin')).status).toBe(303);
      expect((await userRow(u.id)).mustChangePassword).toBeTruthy();
      expect((await page.get('/admin')).html).toContain('must change password');
      expect((await events(u.id)).map((e: any) => e.type)).toEqual(['updated', 'deactivated', 'reactivated', 'password-reset']);
    });

    it('a one-time password leads from the sign-in form to the account page, and the form there frees the account', async () => {
      const u = await newUser({ language: 'en' }); // the messages asserted below in English
      await admin.post(`/api/users/${u.id}/password`, { password: 'a-one-time-secret' });
      const form = await loginForm(t.baseUrl);
      const res = await fetch(`${t.baseUrl}/login`, { method: 'POST', body: new URLSearchParams({ _csrf: form.csrf, email: u.email, password: 'a-one-time-secret' }), redirect: 'manual', headers: { accept: 'text/html', cookie: form.cookie } });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/account');
      const page = await PageSession.signIn(t.baseUrl, u.email, 'a-one-time-secret');
      expect((await page.get('/intake')).status).toBe(303);
      const common = await page.post('/account/password', { currentPassword: 'a-one-time-secret', newPassword: 'iloveyou1234' }, '/account');
      expect(common.status).toBe(400);
      expect(common.html).toContain('Choose a new password that is harder to guess');
      const done = await page.post('/account/password', { currentPassword: 'a-one-time-secret', newPassword: 'plum-kettle-harbour' }, '/account');
      expect(done.status).toBe(303);
      expect(done.location).toBe('/account?done=password');
      expect((await page.get('/intake')).status).toBe(200);
    });

    it('the account page signs out the other sessions', async () => {
      const u = await newUser({ language: 'en' });
      const page = await PageSession.signIn(t.baseUrl, u.email);
      const elsewhere = await Client.login(t.baseUrl, u.email);
      const account = await page.get('/account');
      expect(account.html).toContain('action="/account/sessions/revoke-others"');
      const res = await page.post('/account/sessions/revoke-others', {}, '/account');
      expect(res.status).toBe(303);
      expect((await elsewhere.get('/api/me')).status).toBe(401);
      expect((await page.get('/account?done=sessions')).html).toContain('Your other sessions are signed out.');
      const wrong = await page.post('/account/password', { currentPassword: 'not-my-password', newPassword: 'plum-kettle-harbour' }, '/account');
      expect(wrong.status).toBe(400);
      expect(wrong.html).toContain('That is not your current password');
    });
  });

  it('counts password-change attempts against the sign-in limit (a stolen session cannot guess the password at leisure)', async () => {
    const limited = await startTestApp({ LOGIN_RATE_LIMIT: '3' });
    try {
      const c = await Client.login(limited.baseUrl, 'reception.nl@demo.test');
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await c.post('/api/me/password', { currentPassword: `guess-${i}`, newPassword: 'plum-kettle-harbour' })).status);
      expect(statuses).toEqual([400, 400, 400, 429]);
      // The page shares the budget.
      const page = await PageSession.signIn(limited.baseUrl, 'reception.nl@demo.test');
      expect((await page.post('/account/password', { currentPassword: 'guess', newPassword: 'plum-kettle-harbour' }, '/account')).status).toBe(429);
    } finally {
      await limited.close();
    }
  });
});
