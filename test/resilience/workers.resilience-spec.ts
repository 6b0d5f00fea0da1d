import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaint } from '../support/fixtures.js';
import { Client } from '../support/http-client.js';
import { SqliteFile } from './support/sqlite-file.js';
import { appEnv, freePort, startAppProcess, type AppProcess } from './support/app-process.js';

const TICKETS = 50;
const READERS = 20;
const LOGIN_LIMIT = 5;
const LEVELS = 3;

/**
 * Issue 15 §4: the built app as `npm start` runs it, two worker processes on one SQLite file in
 * WAL, each with its own scheduler. Concurrent intakes beside reads answer without one error
 * (every write BEGIN IMMEDIATE under a busy timeout, never SQLITE_BUSY) and leave whole
 * tickets; the sign-in budget is one across both workers; and with both sweeping, every
 * level of every timer is escalated once.
 */
describe('two worker processes on one SQLite file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'amends-workers-'));
  const dbPath = join(dir, 'amends.sqlite');
  let app: AppProcess;
  let client: Client;
  let nlId: string;
  const ids: string[] = [];
  beforeAll(async () => {
    app = await startAppProcess(
      appEnv(await freePort(), {
        SQLITE_PATH: dbPath, WEB_CONCURRENCY: '2', SCHEDULER: 'true', SWEEP_INTERVAL_SECONDS: '1', OUTBOX_INTERVAL_SECONDS: '1', LOGIN_RATE_LIMIT: String(LOGIN_LIMIT),
      }),
    );
    const admin = await Client.login(app.baseUrl, 'admin@demo.test');
    const users = (await admin.get('/api/users')).body as { id: string; email: string }[];
    const key = await admin.post('/api/admin/api-keys', { userId: users.find((u) => u.email === 'reception.nl@demo.test')!.id, name: 'workers test' });
    expect(key.status, key.text).toBe(201);
    client = Client.withKey(app.baseUrl, key.body.key);
    nlId = ((await client.get('/api/dealers')).body as { id: string; country: string }[]).find((d) => d.country === 'nl')!.id;
  });
  afterAll(async () => {
    await app?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it(`takes ${TICKETS} concurrent intakes beside ${READERS} readers with no error, every ticket whole`, async () => {
    // Received 40 days ago: every deadline and level is past, for the sweep below.
    const receivedAt = new Date(Date.now() - 40 * 86_400_000).toISOString();
    const failures: string[] = [];
    let writing = true;
    let reads = 0;
    const readers = Array.from({ length: READERS }, async (_, r) => {
      while (writing) {
        const res = r % 2 ? await client.get('/api/tickets?limit=20') : await client.get(`/api/tickets/${ids[ids.length - 1] ?? 'none'}`);
        reads++;
        if (res.status >= 500 || (res.status !== 200 && ids.length > 0 && r % 2)) failures.push(`read ${res.status} ${res.text.slice(0, 200)}`);
      }
    });
    await Promise.all(
      Array.from({ length: TICKETS }, async (_, n) => {
        const res = await client.post('/api/tickets', complaint(nlId, { department: 'sales', severity: 'high', receivedAt, customer: { name: `Worker Customer ${n}`, phone: `+31 6 2000 ${String(n).padStart(4, '0')}` } }));
        if (res.status === 201) ids.push(res.body.id);
        else failures.push(`intake ${res.status} ${res.text.slice(0, 200)}`);
      }),
    );
    writing = false;
    await Promise.all(readers);
    expect(failures).toEqual([]);
    expect(ids).toHaveLength(TICKETS);
    expect(reads).toBeGreaterThan(0);
    expect(app.output()).not.toMatch(/SQLITE_BUSY|database is locked/);

    const db = await SqliteFile.open(dbPath);
    try {
      const perTicket = await db.all<{ id: string; timers: number; created: number; customer: number }>(`
        SELECT t.id,
          (SELECT COUNT(*) FROM sla_timers s WHERE s."ticketId" = t.id) AS timers,
          (SELECT COUNT(*) FROM timeline_events e WHERE e."ticketId" = t.id AND e.type = 'created') AS created,
          (SELECT COUNT(*) FROM customers c WHERE c.id = t."customerId") AS customer
        FROM tickets t WHERE t.id IN (${ids.map(() => '?').join(',')})`, ids);
      expect(perTicket).toHaveLength(TICKETS);
      expect(perTicket.filter((t) => t.timers !== 4 || t.created !== 1 || t.customer !== 1)).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it(`refuses sign-in attempt ${LOGIN_LIMIT + 1} however the attempts spread over the workers`, async () => {
    // A new connection per attempt: the primary hands connections to the workers in turn.
    const attempt = () =>
      new Promise<number>((resolve, reject) => {
        const body = JSON.stringify({ email: 'nobody-workers@demo.test', password: 'wrong-password-1' });
        const req = request(`${app.baseUrl}/api/auth/login`, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
        req.end(body);
      });
    const statuses: number[] = [];
    for (let i = 0; i < LOGIN_LIMIT + 3; i++) statuses.push(await attempt());
    expect(statuses.slice(0, LOGIN_LIMIT)).toEqual(Array(LOGIN_LIMIT).fill(401));
    expect(statuses.slice(LOGIN_LIMIT)).toEqual([429, 429, 429]);
  });

  it('escalates every level of every timer once with both workers sweeping', async () => {
    const db = await SqliteFile.open(dbPath);
    try {
      const list = ids.map(() => '?').join(',');
      const count = async (sql: string) => Number((await db.all<{ n: number }>(sql, ids))[0].n);
      const escalationsQ = `SELECT COUNT(*) AS n FROM escalations WHERE "ticketId" IN (${list})`;
      const timers = await count(`SELECT COUNT(*) AS n FROM sla_timers WHERE "ticketId" IN (${list})`);
      const started = performance.now();
      while (performance.now() - started < 240_000 && (await count(escalationsQ)) < timers * LEVELS) await new Promise((r) => setTimeout(r, 500));
      // A few more sweeps in both workers: nothing more may happen.
      await new Promise((r) => setTimeout(r, 3_000));
      const perLevel = await db.all<{ n: number }>(`SELECT "timerId", level, COUNT(*) AS n FROM escalations WHERE "ticketId" IN (${list}) GROUP BY "timerId", level`, ids);
      expect(perLevel).toHaveLength(timers * LEVELS);
      expect(perLevel.filter((r) => r.n !== 1)).toEqual([]);
      const breaches = await count(`SELECT COUNT(*) AS n FROM timeline_events WHERE type = 'sla-breach' AND "ticketId" IN (${list})`);
      expect(breaches).toBe(timers);
    } finally {
      await db.close();
    }
    const logged = app.output().replace(/^Amends is listening.*\n/m, '').trim();
    expect(logged).not.toMatch(/SQLITE_BUSY|database is locked|stopped/);
  });
});
