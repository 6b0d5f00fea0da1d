/**
 * Fills a migrated, demo-seeded SQLite file with `count` realistic tickets by bulk insert
 * (not through HTTP). The rows are generated inside SQLite (recursive CTEs), so a million
 * tickets take about a minute rather than an hour of round trips:
 *
 * - dealers: the three demo dealers plus copies (same calendars) up to `dealers` in all;
 * - one customer per ticket; tickets spread over dealers, departments, categories,
 *   channels and severities, in every stage and SLA state, received over the last 60 days;
 * - four timers per ticket (met ones before the ticket's stage; open ones checked later),
 *   of which exactly `dueTimers` are due now (for the sweep) — all others in the future;
 * - two timeline events per ticket, and 50 on the first ticket (the detail page's case).
 *
 * On SQLite dates are in TypeORM's format (UTC, 'YYYY-MM-DD HH:MM:SS.SSS'); on PostgreSQL timestamptz.
 */
import pg from 'pg';
import sqlite3 from 'sqlite3';

/** queue_counts' key and a count of every ticket into it, as migration 1764120000000 builds them. */
const COUNT_DIMS = ['department', 'stage', 'status', 'severity', 'slaState', 'channel'];
const COUNT_KEY = ['scope', 'assigneeId', ...COUNT_DIMS].map((c) => `"${c}"`).join(', ');
const COUNT_SIDES = [`"dealerId" AS scope, '*' AS "assigneeId"`, `'*', '*'`, `"dealerId", "assigneeId"`, `'*', "assigneeId"`]
  .map((keys, i) => `SELECT ${keys}, ${COUNT_DIMS.map((c) => (c === 'slaState' ? `COALESCE("slaState", '') AS "slaState"` : `"${c}"`)).join(', ')} FROM tickets${i >= 2 ? ' WHERE "assigneeId" IS NOT NULL' : ''}`)
  .join(' UNION ALL ');

/** The few expressions that differ between the two engines, and a connection that runs SQL with `?` parameters. */
const DIALECTS = {
  sqlite: {
    uuid: `lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-a' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))`,
    hex64: 'lower(hex(randomblob(32)))',
    ts: (seconds) => `strftime('%Y-%m-%d %H:%M:%f', ${seconds}, 'unixepoch')`,
    pad: (expr, width) => `printf('%0${width}d', ${expr})`,
    yes: '1',
    bulkStart: [],
    bulkEnd: [],
    async open(db) {
      const conn = new sqlite3.Database(db.path);
      const run = (sql, params = []) => new Promise((res, rej) => conn.run(sql, params, (e) => (e ? rej(e) : res())));
      const all = (sql, params = []) => new Promise((res, rej) => conn.all(sql, params, (e, rows) => (e ? rej(e) : res(rows))));
      await run('PRAGMA journal_mode = WAL');
      await run('PRAGMA synchronous = OFF');
      await run('PRAGMA cache_size = -400000');
      return { run, all, close: () => new Promise((res) => conn.close(res)) };
    },
  },
  postgres: {
    uuid: 'gen_random_uuid()::text',
    hex64: `md5(random()::text) || md5(random()::text)`,
    ts: (seconds) => `to_timestamp(${seconds})`,
    // lpad cuts a longer string to the width: a million refs would repeat.
    pad: (expr, width) => `lpad((${expr})::text, greatest(${width}, length((${expr})::text)), '0')`,
    yes: 'true',
    // Row triggers off while a million rows go in (superuser only: the bench's cluster is
    // its own): each ticket's queue_counts upsert leaves a row version the next one in the
    // same transaction must step past, so the fill grew faster than its rows (100 k: 55 s).
    // What the triggers would have written is then built set-based, as their migrations do.
    bulkStart: ['SET LOCAL session_replication_role = replica'],
    bulkEnd: [
      'SET LOCAL session_replication_role = origin',
      'DELETE FROM queue_counts',
      `INSERT INTO queue_counts (${COUNT_KEY}, n) SELECT ${COUNT_KEY}, COUNT(*) FROM (${COUNT_SIDES}) x GROUP BY ${COUNT_KEY}`,
      // A GIN index without a pending list takes a million documents one by one (over 5
      // minutes); built afresh from them it takes seconds. Same definition as the migration's.
      'DROP INDEX "IDX_ticket_search_document"',
      `INSERT INTO ticket_search ("ticketId", "customerId", document)
        SELECT t.id, t."customerId", amends_search_document(t.ref, t.account, c.name)
        FROM bench_t b JOIN tickets t ON t.id = b.id LEFT JOIN customers c ON c.id = t."customerId"`,
      "SET LOCAL maintenance_work_mem = '1GB'",
      'CREATE INDEX "IDX_ticket_search_document" ON "ticket_search" USING GIN ("document") WITH (fastupdate = off)',
    ],
    async open(db) {
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      const numbered = (sql) => { let n = 0; return sql.replace(/\?/g, () => `$${++n}`); };
      const all = async (sql, params = []) => (await client.query(numbered(sql), params)).rows;
      return { run: all, all, close: () => client.end() };
    },
  },
};

export async function fill(db, count, { dealers = 200, dueTimers = 1000, startRef = 1000 } = {}) {
  const d = DIALECTS[db.kind];
  const { uuid, ts } = d;
  const conn = await d.open(db);
  const { run, all } = conn;
  const now = Math.floor(Date.now() / 1000);
  const year = new Date().getUTCFullYear();
  await run('BEGIN');
  for (const sql of d.bulkStart) await run(sql);
  // Dealer copies, numbered after the demo three, with the demo dealers' calendars.
  await run(`INSERT INTO dealers (id, name, country, "timeZone", language, currency, calendar, departments, "createdAt", "approvalLimits")
    WITH RECURSIVE n(i) AS (SELECT 3 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
    SELECT ${uuid}, d.name || ' ' || n.i, d.country, d."timeZone", d.language, d.currency, d.calendar, d.departments, d."createdAt", d."approvalLimits"
    FROM n JOIN (SELECT *, row_number() OVER (ORDER BY name) - 1 AS k FROM dealers) d ON d.k = n.i % 3`, [dealers - 1]);
  await run('CREATE TEMP TABLE bench_dealers (k INTEGER PRIMARY KEY, id TEXT NOT NULL)');
  await run('INSERT INTO bench_dealers SELECT row_number() OVER (ORDER BY name) - 1, id FROM dealers');
  const dealerCount = Number((await all('SELECT COUNT(*) AS n FROM bench_dealers'))[0].n);

  // One row per ticket with every derived value, then the tables from it.
  await run(`CREATE TEMP TABLE bench_t AS
    WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
    SELECT i, ${uuid} AS id, ${uuid} AS cid,
      (SELECT id FROM bench_dealers WHERE k = i % ${dealerCount}) AS dealerId,
      ? - (i % 60) * 86400 - (i % 1440) * 60 AS received,
      (i / 7) % 6 AS stageNo
    FROM n`, [count - 1, now]);
  await run(`INSERT INTO customers (id, "dealerId", name, email, phone, language, "styleOutgoing", "styleFactsFirst", consent, "createdAt")
    SELECT cid, dealerId, 'Bench customer ' || i, 'bench' || i || '@example.com', '+3161' || ${d.pad('i', 7)}, 'en', NULL, NULL, ${d.yes}, ${ts('received')} FROM bench_t`);
  const stage = `CASE stageNo WHEN 0 THEN 'listen' WHEN 1 THEN 'apologise' WHEN 2 THEN 'fix' WHEN 3 THEN 'compensate' WHEN 4 THEN 'follow-up' ELSE 'closed' END`;
  const status = `CASE stageNo WHEN 5 THEN 'closed' WHEN 4 THEN 'resolved' ELSE 'open' END`;
  const due = `(received + ((i % 7) - 2) * 3600 + 86400 * (1 + i % 20))`;
  await run(`INSERT INTO tickets (id, ref, "dealerId", "customerId", "vehicleId", department, category, channel, severity, "severityRank", account, "desiredOutcome", "saleAtRisk", "saleAtRiskModel", "saleAtRiskAmount", "saleAtRiskCurrency", "receivedAt", "createdAt", "updatedAt", stage, status, "assigneeId", "escalationLevel", "trackingTokenHash", "sourceSurveyResponseId", "nextDueAt", "slaState", outcome, "closedAt", version, "rootCause", "resolvedAt", "reopenCount", "followUpScore")
    SELECT id, 'AM-${year}-' || ${d.pad(`${startRef} + i`, 6)}, dealerId, cid, NULL,
      CASE i % 3 WHEN 0 THEN 'sales' WHEN 1 THEN 'service' ELSE 'parts' END,
      CASE i % 5 WHEN 0 THEN 'waiting-time' WHEN 1 THEN 'staff-attitude' WHEN 2 THEN 'communication' WHEN 3 THEN 'workmanship' ELSE 'pricing' END,
      CASE i % 6 WHEN 0 THEN 'walk-in' WHEN 1 THEN 'phone' WHEN 2 THEN 'e-mail' WHEN 3 THEN 'letter' WHEN 4 THEN 'social-media' ELSE 'survey' END,
      CASE i % 4 WHEN 0 THEN 'low' WHEN 1 THEN 'medium' WHEN 2 THEN 'high' ELSE 'critical' END, i % 4 + 1,
      'Bench account ' || i || ': the customer waited at the desk and nobody came.', NULL, i % 9 = 0, NULL, NULL, NULL,
      ${ts('received')}, ${ts('received')}, ${ts('received')}, ${stage}, ${status}, NULL, 0, ${d.hex64}, NULL,
      CASE WHEN stageNo >= 4 THEN NULL ELSE ${ts(`${due} + stageNo * 3600`)} END,
      CASE WHEN stageNo = 5 THEN 'met' WHEN (i / 11) % 3 = 0 THEN 'on-track' WHEN (i / 11) % 3 = 1 THEN 'at-risk' ELSE 'breached' END,
      CASE WHEN stageNo = 5 THEN 'retained' END, CASE WHEN stageNo = 5 THEN ${ts('received + 7200')} END, 1, NULL, NULL, 0, NULL
    FROM bench_t`);
  // Timers: k = 0..3 for listen, apologise, fix, resolve; met when the ticket is past that stage.
  await run(`INSERT INTO sla_timers (id, "ticketId", target, "targetMinutes", "warningThreshold", "startedAt", "pausedAt", "pausedMinutes", "warnAt", "dueAt", "level2At", "level3At", "warnedAt", "breachedAt", "escalatedLevel", "metAt", "nextCheckAt")
    SELECT ${uuid}, t.id, CASE k WHEN 0 THEN 'listen' WHEN 1 THEN 'apologise' WHEN 2 THEN 'fix' ELSE 'resolve' END, 60 * (k + 1), 0.75, ${ts('received')}, NULL, 0,
      ${ts(`${due} + k * 3600 - 900`)}, ${ts(`${due} + k * 3600`)}, ${ts(`${due} + k * 3600 + 1800`)}, ${ts(`${due} + k * 3600 + 3600`)},
      NULL, NULL, 0,
      CASE WHEN stageNo > k THEN ${ts('received + 1800')} END,
      CASE WHEN stageNo > k THEN NULL ELSE ${ts(`? + 86400 + (i % 86400) + k`)} END
    FROM bench_t t CROSS JOIN (SELECT 0 AS k UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) ks`, [now]);
  // Exactly `dueTimers` open timers due a minute ago, spread over the tickets.
  await run(`UPDATE sla_timers SET "nextCheckAt" = ${ts('? - 60')}, "warnAt" = ${ts('? - 60')}
    WHERE id IN (SELECT id FROM sla_timers WHERE "nextCheckAt" IS NOT NULL ORDER BY "ticketId" LIMIT ?)`, [now, now, dueTimers]);
  await run(`INSERT INTO timeline_events ("ticketId", type, at, "actorType", "actorId", "actorName", visibility, data)
    SELECT id, e.type, ${ts('received + e.off')}, 'system', NULL, 'Bench', 'customer', '{}'
    FROM bench_t CROSS JOIN (SELECT 'created' AS type, 0 AS off UNION ALL SELECT 'stage-completed', 60) e ORDER BY i, e.off`);
  await run(`INSERT INTO timeline_events ("ticketId", type, at, "actorType", "actorId", "actorName", visibility, data)
    WITH RECURSIVE n(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM n WHERE j < 47)
    SELECT id, 'message', ${ts('received + 120 + j * 60')}, 'staff', NULL, 'Bench', 'customer', '{"body":"Message ' || j || ' about the case.","visibility":"customer"}'
    FROM bench_t, n WHERE i = 0`);
  await run(`UPDATE ref_sequences SET "lastValue" = ${startRef + count} WHERE year = ${year}`);
  await run(`INSERT INTO ref_sequences (year, "lastValue") SELECT ${year}, ${startRef + count} WHERE NOT EXISTS (SELECT 1 FROM ref_sequences WHERE year = ${year})`);
  for (const sql of d.bulkEnd) await run(sql);
  await run('COMMIT');
  // PostgreSQL's autovacuum would analyse the new rows soon; the bench should not wait for it.
  if (db.kind === 'postgres') await run('ANALYZE');
  const firstRef = `AM-${year}-${String(startRef).padStart(6, '0')}`;
  await conn.close();
  return { dealers: dealerCount, firstRef };
}
