import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { complaint } from '../support/fixtures.js';
import { Client } from '../support/http-client.js';
import { startSmtpServer } from '../support/smtp.js';
import { createPostgresDatabase, type TestDatabase } from '../support/test-database.js';
import { appEnv, freePort, startAppProcess, type AppProcess } from './support/app-process.js';

/**
 * Three app processes on one PostgreSQL database, each with its own scheduler sweeping
 * every 2 s and delivering the outbox every second, as three servers behind a balancer
 * would: 1,000 overdue timers escalate through their three levels once each, and every
 * escalation mail reaches the SMTP server once. Needs TEST_DATABASE_URL; fails without it.
 */
const TICKETS = 250;
const TIMERS = TICKETS * 4;
const LEVELS = 3;

describe('three app processes on one PostgreSQL database', () => {
  const apps: AppProcess[] = [];
  let db: TestDatabase | undefined;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>> | undefined;
  let sql: pg.Client | undefined;

  afterAll(async () => {
    await Promise.all(apps.map((a) => a.kill('SIGKILL')));
    await sql?.end();
    await smtp?.close();
    await db?.drop();
  });

  it(`escalates ${TIMERS} overdue timers through ${LEVELS} levels and mails each escalation exactly once`, async () => {
    db = await createPostgresDatabase();
    smtp = await startSmtpServer();
    const env = async () =>
      appEnv(await freePort(), { ...db!.env, SCHEDULER: 'true', SWEEP_INTERVAL_SECONDS: '2', OUTBOX_INTERVAL_SECONDS: '1', SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp!.port) });
    // The first migrates and seeds; the other two join a ready database.
    apps.push(await startAppProcess(await env()));
    apps.push(...(await Promise.all([startAppProcess(await env()), startAppProcess(await env())])));

    const admin = await Client.login(apps[0].baseUrl, 'admin@demo.test');
    const users = (await admin.get('/api/users')).body as { id: string; email: string }[];
    const key = await admin.post('/api/admin/api-keys', { userId: users.find((u) => u.email === 'reception.nl@demo.test')!.id, name: 'instances test' });
    expect(key.status, key.text).toBe(201);
    const clients = apps.map((a) => Client.withKey(a.baseUrl, key.body.key));
    const nl = ((await clients[0].get('/api/dealers')).body as { id: string; country: string }[]).find((d) => d.country === 'nl')!;

    // Received 40 days ago: every deadline and every level is long past. Spread over the three.
    const receivedAt = new Date(Date.now() - 40 * 86_400_000).toISOString();
    const ids: string[] = [];
    const refused: string[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 9 }, async (_, w) => {
        while (next < TICKETS) {
          const n = next++;
          const res = await clients[w % 3].post('/api/tickets', complaint(nl.id, { department: 'sales', severity: 'high', receivedAt, customer: { name: `Customer ${n}`, phone: `+31 6 1000 ${String(n).padStart(4, '0')}` } }));
          if (res.status === 201) ids.push(res.body.id);
          else refused.push(`${res.status} ${res.text.slice(0, 200)}`);
        }
      }),
    );
    expect(refused).toEqual([]);
    expect(ids).toHaveLength(TICKETS);

    sql = new pg.Client({ connectionString: db.env.DATABASE_URL });
    await sql.connect();
    const count = async (q: string) => Number((await sql!.query(q, [ids])).rows[0].n);
    const escalationsQ = `SELECT COUNT(*) AS n FROM escalations WHERE "ticketId" = ANY($1)`;
    const sentQ = `SELECT COUNT(*) AS n FROM notifications WHERE "ticketId" = ANY($1) AND template = 'sla-escalation' AND state = 'sent'`;
    const started = performance.now();
    let escalations = 0;
    let sent = 0;
    let escalatedMs = 0;
    while (performance.now() - started < 240_000) {
      [escalations, sent] = [await count(escalationsQ), await count(sentQ)];
      if (!escalatedMs && escalations >= TIMERS * LEVELS) escalatedMs = Math.round(performance.now() - started);
      if (escalations >= TIMERS * LEVELS && sent >= escalations) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const drainedMs = Math.round(performance.now() - started);
    // Two more sweeps and four outbox rounds in every process: nothing more may happen.
    await new Promise((r) => setTimeout(r, 4_500));

    const perLevel = (await sql.query(`SELECT "timerId", level, COUNT(*)::int AS n FROM escalations WHERE "ticketId" = ANY($1) GROUP BY "timerId", level`, [ids])).rows as { n: number }[];
    const events = (await sql.query(
      `SELECT "ticketId", SUM(CASE WHEN type = 'escalated' THEN 1 ELSE 0 END)::int AS escalated, SUM(CASE WHEN type = 'sla-breach' THEN 1 ELSE 0 END)::int AS breaches
       FROM timeline_events WHERE "ticketId" = ANY($1) GROUP BY "ticketId"`,
      [ids],
    )).rows as { escalated: number; breaches: number }[];
    const rows = (await sql.query(`SELECT id, "recipientEmail", "ticketId", state, data FROM notifications WHERE "ticketId" = ANY($1) AND template = 'sla-escalation'`, [ids])).rows as {
      id: string; recipientEmail: string; ticketId: string; state: string; data: string | { level: number; target: string };
    }[];
    const dataOf = (r: (typeof rows)[number]) => (typeof r.data === 'string' ? JSON.parse(r.data) : r.data) as { level: number; target: string };
    // Settle: the SMTP server answers before our parser has handed over the last mail.
    for (let i = 0; i < 40 && smtp.mails.length < rows.length; i++) await new Promise((r) => setTimeout(r, 50));

    const byId = new Map(rows.map((r) => [`<${r.id}@amends>`, r]));
    const ours = smtp.mails.filter((m) => byId.has(m.messageId));
    const perMessageId = new Map<string, number>();
    for (const m of ours) perMessageId.set(m.messageId, (perMessageId.get(m.messageId) ?? 0) + 1);
    // The same by what a person sees: who got a mail about which ticket, timer and level.
    const perRecipient = new Map<string, number>();
    for (const m of ours) {
      const r = byId.get(m.messageId)!;
      const { target, level } = dataOf(r);
      const k = `${m.to.join(',')}|${r.ticketId}|${target}|${level}`;
      perRecipient.set(k, (perRecipient.get(k) ?? 0) + 1);
    }
    console.log(`instances figures: ${JSON.stringify({
      processes: apps.length, tickets: ids.length, timers: TIMERS, escalations: await count(escalationsQ), escalationRows: rows.length,
      mailsReceived: ours.length, uniqueMessageIds: perMessageId.size, escalatedMs, drainedMs, readyMs: apps.map((a) => a.readyMs),
    })}`);

    // Errors are logged (LOG_LEVEL=error); none may appear beside the start-up line.
    const logged = apps.map((a) => a.output().replace(/^Amends is listening.*\n/m, '').trim()).filter(Boolean);
    expect(logged).toEqual([]);
    expect(perLevel).toHaveLength(TIMERS * LEVELS);
    expect(perLevel.filter((r) => r.n !== 1)).toEqual([]);
    expect(await count(escalationsQ)).toBe(TIMERS * LEVELS);
    expect(events).toHaveLength(TICKETS);
    expect(events.filter((e) => e.escalated !== 4 * LEVELS || e.breaches !== 4)).toEqual([]);
    // Each level mails its one person (sales manager, quality manager, principal).
    expect(rows).toHaveLength(TIMERS * LEVELS);
    expect(rows.filter((r) => r.state !== 'sent')).toEqual([]);
    expect(ours).toHaveLength(rows.length);
    expect(perMessageId.size).toBe(rows.length);
    expect([...perRecipient.values()].filter((n) => n !== 1)).toEqual([]);
    expect(perRecipient.size).toBe(rows.length);
  });
});
