import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFigures } from './support/figures.js';
import { ROUTES } from './support/route-table.js';
import { buildWorld, type Caller, type World } from './support/world.js';

/**
 * A crawl of every route (pages and API) as several callers, with the app logging at debug
 * into memory; then no response body and no log line may hold a password hash or the hash of
 * a session, tracking link or API key from the database, nor a raw session, key, CSRF or
 * tracking token (those travel only in cookies, headers and the one answer that hands them out).
 */
const SIGNING_SECRET = 'secrets-crawl-signing-secret-0123456789abcdef';

describe('hashes and tokens stay out of answers and logs', () => {
  let w: World;
  const log: string[] = [];
  const bodies: { where: string; text: string }[] = [];

  beforeAll(async () => {
    const stream = new Writable({
      write(chunk, _enc, done) {
        log.push(String(chunk));
        done();
      },
    });
    w = await buildWorld({ LOG_LEVEL: 'debug' }, stream as never);
    // A survey that takes signed deliveries: its shared secret must not show anywhere either.
    const signed = await w.admin.patch(`/api/surveys/${w.surveyId}`, { signingSecret: SIGNING_SECRET });
    if (signed.status !== 200) throw new Error(`signing secret: ${signed.status} ${signed.text}`);
    const callers: Caller[] = ['admin', 'reception', 'apiKey', 'anonymous', 'customerOther'];
    for (const row of ROUTES) {
      for (const caller of callers) {
        const c = await row.setup(w, 'own', caller);
        const session = c.session ?? (row.freshSession && caller !== 'apiKey' && caller !== 'anonymous' && caller !== 'customerOther' ? await w.login(`${caller === 'admin' ? 'admin' : 'reception.nl'}@demo.test`) : undefined);
        const res = await w.send(caller, row.route.split(' ')[0], c.path, c.body, { page: row.page, raw: c.raw?.(), session, headers: c.headers });
        bodies.push({ where: `${caller} ${row.route} ${res.status}`, text: res.text });
      }
    }
  }, 240_000);
  afterAll(async () => {
    recordFigures('secrets', { responses: bodies.length, logLines: log.length });
    await w?.close();
  });

  const column = async (sql: string) => (await w.t.dataSource.query(sql)).map((r: Record<string, string>) => Object.values(r)[0]).filter(Boolean) as string[];

  it('crawled every route and logged it', () => {
    expect(bodies.length).toBe(ROUTES.length * 5);
    expect(log.join('').match(/"url":/g)?.length ?? 0).toBeGreaterThan(ROUTES.length);
  });

  it('shows no hash from the database in any answer or log line', async () => {
    const hashes = {
      password: await column('SELECT "passwordHash" FROM users'),
      session: await column('SELECT "tokenHash" FROM sessions'),
      ticketLink: await column('SELECT "trackingTokenHash" FROM tickets'),
      trackingLink: await column('SELECT "tokenHash" FROM tracking_links'),
      apiKey: await column('SELECT "keyHash" FROM api_keys'),
    };
    // (tracking_links holds only links issued by e-mail; it may be empty.)
    for (const kind of ['password', 'session', 'ticketLink', 'apiKey'] as const) expect(hashes[kind].length, kind).toBeGreaterThan(0);
    expect(hashes.password.every((h) => h.startsWith('$argon2id$'))).toBe(true);
    const all = Object.entries(hashes).flatMap(([kind, list]) => list.map((h) => ({ kind, h })));
    const logText = log.join('');
    const found = [
      ...bodies.flatMap((b) => all.filter(({ h }) => b.text.includes(h)).map(({ kind }) => `${kind} hash in ${b.where}`)),
      ...all.filter(({ h }) => logText.includes(h)).map(({ kind }) => `${kind} hash in the log`),
    ];
    expect(found).toEqual([]);
    // Nor any argon2 string at all, nor a password field.
    expect(bodies.filter((b) => /\$argon2/.test(b.text) || /"passwordHash"/.test(b.text)).map((b) => b.where)).toEqual([]);
    expect(logText).not.toMatch(/\$argon2|passwordHash|demo-password/);
  });

  it("shows no survey's signing secret in any answer or log line", () => {
    expect(bodies.filter((b) => b.text.includes(SIGNING_SECRET)).map((b) => b.where)).toEqual([]);
    expect(log.join('')).not.toContain(SIGNING_SECRET);
    expect(bodies.some((b) => b.text.includes('"signatureRequired":true'))).toBe(true);
  });

  it('keeps raw session, CSRF, key and tracking tokens out of the log', () => {
    const logText = log.join('');
    const secrets = [
      ...Object.values(w.sessions).flatMap((s) => [s.cookie.split('=')[1], s.csrf]),
      w.apiKey,
      w.customerTicket.token,
    ];
    expect(secrets.filter((s) => logText.includes(s))).toEqual([]);
    // The customer's token is in URLs the app logs: it is redacted there.
    expect(logText).toMatch(/\/track\/\[token\]/);
  });
});
