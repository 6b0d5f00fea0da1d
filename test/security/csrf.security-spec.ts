import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFigures } from './support/figures.js';
import { ROUTES } from './support/route-table.js';
import { buildWorld, registeredRoutes, type World } from './support/world.js';
import { UnitOfWork } from '../../src/common/database/unit-of-work.js';

/**
 * CSRF on every change made with the session cookie, generated from the route table: each
 * POST/PUT/PATCH/DELETE is sent with the admin's cookie but without the token, with a forged
 * one, and with another session's: 403, and not one row written. Left out, and why: signing in
 * (no session yet: its cookie is replaced, never used) and the customer's tracking posts
 * (no cookie: the token in the path is the key).
 */
const CHANGES = ROUTES.filter((r) => !r.route.startsWith('GET ') && !r.tracking && !/ \/(api\/auth\/)?login$/.test(r.route));

describe('CSRF on every cookie-authenticated change', () => {
  let w: World;
  let checked = 0;
  const changes = async () => w.t.app.get(UnitOfWork).dataChanges();

  beforeAll(async () => {
    w = await buildWorld();
  });
  afterAll(async () => {
    recordFigures('csrf', { routes: CHANGES.length, requests: checked });
    await w?.close();
  });

  it('covers every change the app registers but sign-in and the customer link', () => {
    const registered = registeredRoutes(w.app).filter((r) => !r.startsWith('GET ') && !/\/track\/|login$/.test(r));
    expect(CHANGES.map((r) => r.route).sort()).toEqual(registered.sort());
  });

  for (const row of CHANGES) {
    it(`${row.route}${row.page ? ' (page)' : ''}: 403 and nothing written without the token`, async () => {
      const c = await row.setup(w, 'own', 'admin');
      const [method] = row.route.split(' ');
      const other = await w.session('quality@demo.test');
      // Logout's cells use a session of their own, so that a failure cannot end the admin's.
      // The routes of one's own account act on a stand-in admin, so that they cannot end the suite's sessions.
      const admin = c.session ?? (row.freshSession ? await w.login('admin@demo.test') : w.sessions.admin);
      for (const csrf of [undefined, 'forged', other.csrf]) {
        const before = await changes();
        const headers = csrf ? { 'x-csrf-token': csrf } : undefined;
        const res = await w.send('anonymous', method, c.path, c.body, { page: row.page, raw: c.raw?.(), headers: { cookie: admin.cookie, ...headers } });
        checked++;
        expect(res.status, `${csrf ?? 'no token'}: ${res.text.slice(0, 200)}`).toBe(403);
        expect(await changes(), `${csrf ?? 'no token'} wrote`).toBe(before);
      }
      // The same request with the token goes through: the 403 above was the token's doing.
      const ok = await w.send('anonymous', method, c.path, c.body, { page: row.page, raw: c.raw?.(), headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf } });
      expect(ok.status, ok.text.slice(0, 200)).toBeLessThan(400);
    });
  }
});
