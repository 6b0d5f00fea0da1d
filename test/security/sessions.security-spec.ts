import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/common/security/tokens.js';
import { TrackingLinksService } from '../../src/modules/tracking/tracking-links.service.js';
import { loginForm } from '../support/page-session.js';
import { recordFigures } from './support/figures.js';
import { keepAliveClient } from './support/keep-alive.js';
import { ROUTES } from './support/route-table.js';
import { buildWorld, type World } from './support/world.js';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const ms = (x: number) => Math.round(x * 1000) / 1000;

/** Sessions, keys, tokens and headers; auth.e2e-spec covers the basics (cookie flags, idle end, roles). */
describe('sessions, keys, tracking tokens and headers', () => {
  let w: World;
  const figures: Record<string, unknown> = {};

  beforeAll(async () => {
    w = await buildWorld({ LOGIN_RATE_LIMIT: '5' });
  });
  afterAll(async () => {
    recordFigures('sessions', figures);
    await w?.close();
  });

  it('never adopts a session id planted before sign-in (fixation), by API or form', async () => {
    const planted = randomBytes(32).toString('base64url');
    const api = await fetch(`${w.t.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: `amends_session=${planted}` }, body: JSON.stringify({ email: 'principal@demo.test', password: 'demo-password' }) });
    const signIn = await loginForm(w.t.baseUrl);
    const form = await fetch(`${w.t.baseUrl}/login`, { method: 'POST', redirect: 'manual', headers: { cookie: `amends_session=${planted}; ${signIn.cookie}`, accept: 'text/html' }, body: new URLSearchParams({ _csrf: signIn.csrf, email: 'principal@demo.test', password: 'demo-password' }) });
    for (const res of [api, form]) {
      const issued = /amends_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
      expect(issued).toBeDefined();
      expect(issued).not.toBe(planted);
      expect((await fetch(`${w.t.baseUrl}/api/me`, { headers: { cookie: `amends_session=${issued}` } })).status).toBe(200);
    }
    expect((await fetch(`${w.t.baseUrl}/api/me`, { headers: { cookie: `amends_session=${planted}` } })).status).toBe(401);
  });

  it('limits sign-in attempts on the form as on the API, counted together per account', async () => {
    const email = 'sales.manager.se@demo.test';
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await w.send('anonymous', 'POST', '/api/auth/login', { email, password: `guess-${i}` })).status);
    const form = await loginForm(w.t.baseUrl);
    const page = (password: string) => w.send('anonymous', 'POST', '/login', { _csrf: form.csrf, email, password }, { page: true, headers: { cookie: form.cookie } });
    for (let i = 0; i < 2; i++) statuses.push((await page(`guess-${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    expect((await page('demo-password')).status).toBe(429);
    expect((await w.send('anonymous', 'POST', '/api/auth/login', { email, password: 'demo-password' })).status).toBe(429);
  });

  it('refuses a sign-in form without its pre-session token, or with a forged or another browser\'s (login CSRF): 403 and no session', async () => {
    const sessions = async () => Number((await w.t.dataSource.query('SELECT COUNT(*) AS n FROM sessions'))[0].n);
    const mine = await loginForm(w.t.baseUrl);
    const theirs = await loginForm(w.t.baseUrl);
    expect(mine.cookie).toMatch(/^amends_login_csrf=/);
    expect(theirs.csrf).not.toBe(mine.csrf);
    // (Accounts differ between the tests: this world allows five sign-ins per account and address.)
    const post = (fields: Record<string, string>, cookie?: string, email = 'reception.se@demo.test') =>
      fetch(`${w.t.baseUrl}/login`, { method: 'POST', redirect: 'manual', headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) }, body: new URLSearchParams({ email, password: 'demo-password', ...fields }) });
    const before = await sessions();
    // An attacker's page posting its own credentials: no cookie, or the attacker's token with the victim's cookie.
    for (const [fields, cookie] of [[{}, undefined], [{}, mine.cookie], [{ _csrf: mine.csrf }, undefined], [{ _csrf: 'forged' }, mine.cookie], [{ _csrf: theirs.csrf }, mine.cookie]] as const) {
      const res = await post(fields, cookie);
      expect(res.status, JSON.stringify(fields)).toBe(403);
      expect(res.headers.getSetCookie().some((c) => c.startsWith('amends_session='))).toBe(false);
      expect(await res.text()).toContain('name="_csrf"');
    }
    expect(await sessions()).toBe(before);
    // The pre-session cookie is HttpOnly and SameSite=Strict, and only goes to /login.
    const issued = (await fetch(`${w.t.baseUrl}/login`, { headers: { accept: 'text/html' } })).headers.getSetCookie().find((c) => c.startsWith('amends_login_csrf='))!;
    expect(issued).toMatch(/HttpOnly/);
    expect(issued).toMatch(/SameSite=Strict/);
    expect(issued).toMatch(/Path=\/login/);
    const ok = await post({ _csrf: mine.csrf }, mine.cookie, 'reception.no@demo.test');
    expect(ok.status).toBe(303);
    expect(ok.headers.getSetCookie().some((c) => c.startsWith('amends_session='))).toBe(true);
    expect(await sessions()).toBe(before + 1);
  });

  it('takes the JSON sign-in only as JSON, so no cross-site form can post it', async () => {
    const sessions = async () => Number((await w.t.dataSource.query('SELECT COUNT(*) AS n FROM sessions'))[0].n);
    const before = await sessions();
    const fields = { email: 'sales.manager.no@demo.test', password: 'demo-password' };
    const bodies: [string, string][] = [
      ['application/x-www-form-urlencoded', new URLSearchParams(fields).toString()],
      ['text/plain', JSON.stringify(fields)],
      ['multipart/form-data; boundary=x', `--x\r\nContent-Disposition: form-data; name="email"\r\n\r\nsales.manager.no@demo.test\r\n--x--\r\n`],
    ];
    for (const [type, body] of bodies) {
      const res = await fetch(`${w.t.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': type, accept: 'application/json' }, body });
      expect(res.status, type).toBe(415);
      expect(res.headers.get('set-cookie'), type).toBeNull();
    }
    expect(await sessions()).toBe(before);
    // Scripts keep signing in with JSON and no token.
    expect((await w.send('anonymous', 'POST', '/api/auth/login', fields)).status).toBe(200);
  });

  it('rotates the session at every sign-in through the form: the one the browser had ends on the server', async () => {
    const form = await loginForm(w.t.baseUrl);
    const signIn = async (email: string, cookie: string) => {
      const res = await fetch(`${w.t.baseUrl}/login`, { method: 'POST', redirect: 'manual', headers: { cookie: `${cookie}; ${form.cookie}`, accept: 'text/html' }, body: new URLSearchParams({ _csrf: form.csrf, email, password: 'demo-password' }) });
      expect(res.status).toBe(303);
      return res.headers.getSetCookie().find((c) => c.startsWith('amends_session='))!.split(';')[0];
    };
    const me = async (cookie: string) => (await fetch(`${w.t.baseUrl}/api/me`, { headers: { cookie, accept: 'application/json' } })).status;
    const first = await w.login('principal@demo.test');
    const second = await signIn('principal@demo.test', first.cookie);
    expect(second).not.toBe(first.cookie);
    expect(await me(first.cookie)).toBe(401);
    expect(await me(second)).toBe(200);
    // Signing in as someone else on the same browser ends the first user's session too.
    const third = await signIn('sales.manager.nl@demo.test', second);
    expect(await me(second)).toBe(401);
    expect(await me(third)).toBe(200);
  });

  it('revokes an API key at once, also on a connection kept alive, by API and by the admin page', async () => {
    const client = keepAliveClient(w.t.baseUrl, 1);
    for (const via of ['api', 'page'] as const) {
      const made = await w.admin.post('/api/admin/api-keys', { userId: w.userId('reception.nl@demo.test'), name: `revoke-${via}` });
      const auth = { authorization: `Bearer ${made.body.key}`, accept: 'application/json' };
      expect((await client.send('GET', '/api/me', auth)).status).toBe(200);
      const revoked = via === 'api' ? await w.send('admin', 'DELETE', `/api/admin/api-keys/${made.body.id}`) : await w.send('admin', 'POST', `/admin/api-keys/${made.body.id}/revoke`, {}, { page: true });
      expect(revoked.status).toBe(via === 'api' ? 204 : 303);
      expect((await client.send('GET', '/api/me', auth)).status).toBe(401);
      expect((await client.send('POST', '/api/tickets', { ...auth, 'content-type': 'application/json' }, '{}')).status).toBe(401);
    }
    client.close();
  });

  it('takes as long to miss a tracking token as to find one (medians of many lookups)', async () => {
    const known = await w.ticket('own');
    const reissued = JSON.parse((await w.send('admin', 'POST', `/api/tickets/${known.ref}/tracking-link`)).text).trackingUrl.split('/').pop();
    const links = w.app.get(TrackingLinksService);
    const client = keepAliveClient(w.t.baseUrl, 1);
    const N = 300;
    const t = { lookupKnown: [] as number[], lookupUnknown: [] as number[], httpNearMiss: [] as number[], httpRandom: [] as number[], httpKnown: [] as number[] };
    const time = async (list: number[], work: () => Promise<unknown>) => {
      const start = performance.now();
      await work();
      list.push(performance.now() - start);
    };
    // Interleaved, so that load from elsewhere on the machine falls on both alike.
    for (let i = 0; i < N; i++) {
      const nearMiss = reissued.slice(0, -2) + (reissued.endsWith('AA') ? 'BB' : 'AA');
      await time(t.lookupKnown, () => links.ticketFor(hashToken(reissued)));
      await time(t.lookupUnknown, () => links.ticketFor(hashToken(randomBytes(32).toString('base64url'))));
      await time(t.httpNearMiss, () => client.send('GET', `/api/track/${nearMiss}`, { accept: 'application/json' }));
      await time(t.httpRandom, () => client.send('GET', `/api/track/${randomBytes(32).toString('base64url')}`, { accept: 'application/json' }));
      await time(t.httpKnown, () => client.send('GET', `/api/track/${reissued}`, { accept: 'application/json' }));
    }
    client.close();
    const m = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, ms(median(v))]));
    figures.timingMediansMs = { samplesEach: N, ...m };
    // The lookup is by the token's SHA-256 in an index: a found and a missed link cost the same query.
    expect(Math.abs(m.lookupKnown - m.lookupUnknown)).toBeLessThan(Math.max(1, 0.5 * Math.max(m.lookupKnown, m.lookupUnknown)));
    // A token one character off answers like a random one: nothing is compared character by character.
    expect(Math.abs(m.httpNearMiss - m.httpRandom)).toBeLessThan(Math.max(1, 0.5 * Math.max(m.httpNearMiss, m.httpRandom)));
    // (A found case renders the whole case, so it is slower; only the holder of the token sees that.)
  }, 120_000);

  it('sends the security headers on every page and every API answer, and HSTS behind TLS', async () => {
    const seen: string[] = [];
    const gets = ROUTES.filter((r) => r.route.startsWith('GET '));
    for (const row of gets) {
      const c = await row.setup(w, 'own');
      for (const forwarded of [false, true]) {
        const res = await w.send('admin', 'GET', c.path, undefined, { page: row.page, headers: forwarded ? { 'x-forwarded-proto': 'https' } : {} });
        const csp = res.headers.get('content-security-policy') ?? '';
        const where = `${row.route} ${res.status}`;
        expect(csp, where).toMatch(/object-src 'none'/);
        expect(csp, where).toMatch(/base-uri 'none'/);
        expect(csp, where).toMatch(/frame-ancestors 'none'/);
        expect(csp, where).not.toMatch(/unsafe-inline|unsafe-eval/);
        expect(res.headers.get('x-content-type-options'), where).toBe('nosniff');
        expect(res.headers.get('referrer-policy'), where).toMatch(/^(same-origin|no-referrer)$/);
        expect(res.headers.get('strict-transport-security'), where).toMatch(/max-age=(\d{8,}|[2-9]\d{7})/);
        expect(res.headers.get('x-powered-by'), where).toBeNull();
      }
      seen.push(row.route);
    }
    // Error pages too: an unknown page, and the sign-in redirect.
    for (const path of ['/no-such-page', '/tickets']) {
      const res = await w.send('anonymous', 'GET', path, undefined, { page: true });
      expect(res.headers.get('content-security-policy')).toMatch(/object-src 'none'/);
    }
    figures.headerRoutes = seen.length;
    expect(seen.length).toBe(gets.length);
  });

  it('marks the session cookie Secure behind TLS at a public name', async () => {
    const cookie = await new Promise<string>((resolve, reject) => {
      const req = request(`${w.t.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', host: 'amends.example.com', 'x-forwarded-proto': 'https' } }, (res) => {
        res.resume();
        resolve(String(res.headers['set-cookie']));
      });
      req.on('error', reject);
      req.end(JSON.stringify({ email: 'quality@demo.test', password: 'demo-password' }));
    });
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/HttpOnly/);
  });
});
