import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFigures } from './support/figures.js';
import { ROUTES } from './support/route-table.js';
import { buildWorld, type World } from './support/world.js';
import { UnitOfWork } from '../../src/common/database/unit-of-work.js';

const UNKNOWN_REF = 'AM-2026-999999';
const deepObject = (levels: number) => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);
const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * Hostile input gets a 4xx naming what is wrong (never a 500), writes nothing, and leaves
 * no secret in the logs; another dealer's ticket looks exactly like no ticket at all; no
 * answer but the static files may be cached.
 */
describe('hostile input, secrets in logs, stale pages', () => {
  let w: World;
  const log: string[] = [];
  const figures: Record<string, number> = {};
  const changes = async () => w.t.app.get(UnitOfWork).dataChanges();

  beforeAll(async () => {
    const stream = new Writable({
      write(chunk, _enc, done) {
        log.push(String(chunk));
        done();
      },
    });
    w = await buildWorld({ LOG_LEVEL: 'debug' }, stream as never);
  }, 60_000);
  afterAll(async () => {
    recordFigures('hostile-input', figures);
    await w?.close();
  });

  describe('JSON nested too deep', () => {
    it('answers a 2,000-level body on the public sign-in with 400 and no stack', async () => {
      const before = await changes();
      for (const body of [deepObject(2000), '['.repeat(2000) + ']'.repeat(2000), `{"email":${deepObject(2000)},"password":"x"}`]) {
        const res = await fetch(`${w.t.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        const text = await res.text();
        expect(res.status, text).toBe(400);
        expect(JSON.parse(text)).toMatchObject({ statusCode: 400, message: 'body must not nest objects or arrays deeper than 64 levels' });
        expect(text).not.toMatch(/\bat \w|RangeError|stack/i);
      }
      expect(await changes()).toBe(before);
      expect(log.join('')).not.toMatch(/RangeError|Maximum call stack/);
    });

    it('refuses 65 levels on every JSON write route, public or not, and lets 64 through to validation', async () => {
      const rows = ROUTES.filter((r) => !r.page && !r.route.startsWith('GET '));
      let checked = 0;
      for (const row of rows) {
        const c = await row.setup(w, 'own', 'admin');
        if (c.raw) continue;
        for (const caller of ['admin', 'anonymous'] as const) {
          // Sign-out would end the shared admin session, and the account's own routes act on a stand-in's: those get their own.
          const session = caller === 'admin' ? (c.session ?? (row.freshSession ? await w.login('admin@demo.test') : undefined)) : undefined;
          const before = await changes();
          const deep = await w.send(caller, row.route.split(' ')[0], c.path, undefined, { session, raw: `{"nested":${deepObject(64)}}`, headers: { 'content-type': 'application/json' } });
          expect(deep.status, `${caller} ${row.route}: ${deep.text}`).toBe(400);
          expect(deep.text, row.route).toMatch(/deeper than 64 levels/);
          expect(await changes(), row.route).toBe(before);
          const fits = await w.send(caller, row.route.split(' ')[0], c.path, undefined, { session, raw: `{"nested":${deepObject(63)}}`, headers: { 'content-type': 'application/json' } });
          expect(fits.status, `${caller} ${row.route}: ${fits.text}`).toBeLessThan(500);
          expect(fits.text, row.route).not.toMatch(/deeper than/);
          checked++;
        }
      }
      figures.deepJsonRoutes = checked / 2;
      expect(checked).toBeGreaterThan(50);
    }, 120_000);
  });

  describe('values that only look right', () => {
    it('answers a forged queue cursor (a key of the wrong type for its sort) with 400 naming cursor', async () => {
      const forged: [string, unknown][] = [
        ['severity', ['severity', 'not-a-rank', 'x']],
        ['severity', ['severity', '2026-11-20T08:25:00.000Z', 'x']],
        ['severity', ['severity', 1e308 * 10, 'x']],
        ['receivedAt', ['receivedAt', 5, 'x']],
        ['receivedAt', ['receivedAt', null, 'x']],
        ['nextDue', ['nextDue', { $gt: 1 }, 'x']],
        ['nextDue', ['nextDue', [1], 'x']],
        ['nextDue', ['nextDue', '2026-11-20T08:25:00.000Z', 7]],
      ];
      for (const [sort, value] of forged) {
        const cursor = cursorOf(value);
        const api = await w.send('manager', 'GET', `/api/tickets?sort=${sort}&cursor=${cursor}`);
        expect(api.status, `${JSON.stringify(value)}: ${api.text}`).toBe(400);
        expect(JSON.parse(api.text).message).toMatch(/^cursor /);
        const page = await w.send('manager', 'GET', `/tickets?sort=${sort}&cursor=${cursor}`, undefined, { page: true });
        expect(page.status, `page ${JSON.stringify(value)}`).toBe(400);
        expect(page.text).toContain('cursor');
      }
      // A real cursor still pages.
      const first = await w.send('admin', 'GET', '/api/tickets?sort=severity&limit=2');
      const next = JSON.parse(first.text).nextCursor;
      expect((await w.send('admin', 'GET', `/api/tickets?sort=severity&limit=2&cursor=${next}`)).status).toBe(200);
    });

    it('answers a survey response naming an unknown dealer with 400 naming dealerId, writing nothing', async () => {
      const before = await changes();
      for (const score of [5, 1]) {
        const body = { externalId: `unknown-dealer-${score}`, dealerId: '00000000-0000-4000-8000-000000000000', respondedAt: '2026-11-20T10:00:00+01:00', customer: { name: 'R', email: 'r@example.com' }, answers: [{ questionId: 'q', score }] };
        const res = await w.send('admin', 'POST', `/api/surveys/${w.matrixSurveyId}/responses`, body);
        expect(res.status, res.text).toBe(400);
        expect(JSON.parse(res.text).message).toMatch(/^dealerId/);
      }
      expect(await changes()).toBe(before);
    });

    it('answers a JSON body sent to any form route with 400, writing nothing', async () => {
      const rows = ROUTES.filter((r) => r.page && !r.route.startsWith('GET '));
      for (const row of rows) {
        const c = await row.setup(w, 'own', 'admin');
        for (const caller of ['admin', 'anonymous'] as const) {
          const session = caller === 'admin' ? (c.session ?? (row.freshSession ? await w.login('admin@demo.test') : undefined)) : undefined;
          const before = await changes();
          const res = await w.send(caller, row.route.split(' ')[0], c.path, undefined, { session, page: true, raw: JSON.stringify(c.body ?? {}), headers: { 'content-type': 'application/json' } });
          expect(res.status, `${caller} ${row.route}: ${res.text.slice(0, 200)}`).toBe(400);
          expect(res.text).toContain('application/x-www-form-urlencoded');
          expect(await changes(), row.route).toBe(before);
        }
      }
      figures.formRoutesRefusingJson = rows.length;
      expect(rows.length).toBeGreaterThan(20);
    }, 120_000);
  });

  it('keeps tracking and CSRF tokens out of the log in every spelling of the URL', async () => {
    const token = (await w.ticket('own')).token;
    const csrf = w.sessions.admin.csrf;
    const redacted = () => (log.join('').match(/\[token\]/g) ?? []).length;
    const redactedBefore = redacted();
    const reads = [`/API/TRACK/${token}`, `/Track/${token}`, `/api/Track/${token}`, `/track/${token}/`, `/TRACK/${token}?lang=nl`];
    for (const path of reads) {
      const page = !path.toLowerCase().startsWith('/api');
      const res = await w.send('anonymous', 'GET', path, undefined, { page });
      // They reach the customer's case: the routes match whatever the case.
      expect(res.status, path).toBe(200);
    }
    const odd = [`//track/${token}`, `/track//${token}`, `/%74rack/${token}`, `/track%2F${token}`, `/api/track/${token}%zz`, `/login?next=%2Ftrack%2F${token}`];
    for (const path of odd) expect((await w.send('anonymous', 'GET', path, undefined, { page: true })).status, path).toBeLessThan(500);
    await w.send('anonymous', 'POST', `/Api/Track/${token}/messages`, { body: 'Logged?' });
    for (const query of [`_csrf=${csrf}`, `%5Fcsrf=${csrf}`, `%5fCSRF=${csrf}`, `a=1&_csrf=${csrf}`, `%255Fcsrf=${csrf}`]) {
      expect((await w.send('admin', 'GET', `/tickets?${query}`, undefined, { page: true })).status, query).toBeLessThan(500);
    }
    const logText = log.join('');
    // Each of those requests was logged with its token replaced (but the malformed `%zz`, which fails before the logger sees it).
    expect(redacted() - redactedBefore).toBeGreaterThanOrEqual(reads.length + odd.length - 1 + 1 + 5);
    expect(logText).not.toContain(token);
    expect(logText).not.toContain(csrf);
    expect(logText).toMatch(/TRACK\/\[token\]/);
    expect(logText).toMatch(/_csrf=\[token\]/i);
  });

  it("answers another dealer's ticket exactly as an unknown reference, on every ticket route, read or write", async () => {
    let compared = 0;
    for (const row of ROUTES.filter((r) => !r.tracking && !r.noTarget)) {
      const c = await row.setup(w, 'other');
      const ref = c.ticket?.ref;
      const aimed = ref && (c.path.includes(ref) || JSON.stringify(c.body ?? null).includes(ref));
      if (!aimed) continue;
      const method = row.route.split(' ')[0];
      const ask = (r: string) =>
        w.send('manager', method, c.path.replaceAll(ref, r), c.body === undefined ? undefined : JSON.parse(JSON.stringify(c.body).replaceAll(ref, r)), { page: row.page });
      const before = await changes();
      const theirs = await ask(ref);
      const unknown = await ask(UNKNOWN_REF);
      expect(await changes(), row.route).toBe(before);
      expect(theirs.status, `${row.route}: ${theirs.text.slice(0, 200)}`).toBe(404);
      expect(unknown.status, row.route).toBe(404);
      expect(theirs.text.replaceAll(ref, '<ref>'), row.route).toBe(unknown.text.replaceAll(UNKNOWN_REF, '<ref>'));
      compared++;
    }
    figures.outOfScopeRoutesComparedWithUnknown = compared;
    expect(compared).toBeGreaterThan(25);
    // A figure for SECURITY.md, not an assertion: both answers take the same path (one lookup, then the refusal).
    const theirs = (await w.ticket('other')).ref;
    const times: Record<'theirs' | 'unknown', number[]> = { theirs: [], unknown: [] };
    for (let i = 0; i < 60; i++) {
      for (const [kind, ref] of [['theirs', theirs], ['unknown', UNKNOWN_REF]] as const) {
        const started = performance.now();
        await w.send('manager', 'POST', `/api/tickets/${ref}/messages`, { body: 'x', visibility: 'internal' });
        times[kind].push(performance.now() - started);
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    figures.outOfScopeWriteMedianMs = Math.round(median(times.theirs) * 100) / 100;
    figures.unknownWriteMedianMs = Math.round(median(times.unknown) * 100) / 100;
  }, 120_000);

  it('sends Cache-Control: no-store on every GET route (pages and API), and lets static files be cached', async () => {
    const gets = ROUTES.filter((r) => r.route.startsWith('GET '));
    for (const row of gets) {
      const c = await row.setup(w, 'own');
      for (const caller of ['admin', 'reception', 'anonymous'] as const) {
        const res = await w.send(caller, 'GET', c.path, undefined, { page: row.page });
        expect(res.headers.get('cache-control'), `${caller} ${row.route} ${res.status}`).toMatch(/\bno-store\b/);
      }
    }
    // Errors and unknown paths too: a 404 page can still name a customer in its URL.
    for (const path of ['/api/tickets/AM-2026-999999', '/no-such-page', '/api/no-such-route']) {
      expect((await w.send('admin', 'GET', path)).headers.get('cache-control'), path).toMatch(/no-store/);
    }
    const css = await w.send('anonymous', 'GET', '/static/app.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('cache-control')).not.toMatch(/no-store/);
    figures.getRoutesNoStore = gets.length;
  }, 120_000);
});
