/**
 * Fills a migrated, demo-seeded SQLite file with `count` realistic tickets by bulk insert
 * (not through HTTP): customers, tickets in every stage and SLA state, four timers and a
 * few timeline events each. Dates in TypeORM's SQLite format (UTC, milliseconds).
 */
import { randomUUID, createHash } from 'node:crypto';
import sqlite3 from 'sqlite3';

const STAGES = ['listen', 'apologise', 'fix', 'compensate', 'follow-up', 'closed'];
const STATES = ['on-track', 'at-risk', 'breached', 'met'];
const SEVERITIES = ['low', 'medium', 'high', 'critical'];
const CHANNELS = ['walk-in', 'phone', 'e-mail', 'letter', 'social-media', 'survey'];
const DEPTS = ['sales', 'service', 'parts'];
const CATS = ['waiting-time', 'staff-attitude', 'communication', 'workmanship', 'pricing'];
const ts = (ms) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

export async function fill(path, count, startRef = 1000) {
  const db = new sqlite3.Database(path);
  const run = (sql, params = []) => new Promise((res, rej) => db.run(sql, params, (e) => (e ? rej(e) : res())));
  const all = (sql) => new Promise((res, rej) => db.all(sql, (e, rows) => (e ? rej(e) : res(rows))));
  const dealers = (await all('SELECT id FROM dealers')).map((r) => r.id);
  await run('PRAGMA journal_mode = WAL');
  await run('PRAGMA synchronous = OFF');
  await run('BEGIN');
  const prep = (sql) => db.prepare(sql);
  const cust = prep('INSERT INTO customers (id, "dealerId", name, email, phone, language, "styleOutgoing", "styleFactsFirst", consent, "createdAt") VALUES (?,?,?,?,NULL,\'en\',NULL,NULL,1,?)');
  const tick = prep(`INSERT INTO tickets (id, ref, "dealerId", "customerId", "vehicleId", department, category, channel, severity, "severityRank", account, "desiredOutcome", "saleAtRisk", "saleAtRiskModel", "saleAtRiskAmount", "saleAtRiskCurrency", "receivedAt", "createdAt", "updatedAt", stage, status, "assigneeId", "escalationLevel", "trackingTokenHash", "sourceSurveyResponseId", "nextDueAt", "slaState", outcome, "closedAt", version, "rootCause", "resolvedAt", "reopenCount", "followUpScore")
    VALUES (?,?,?,?,NULL,?,?,?,?,?,?,NULL,0,NULL,NULL,NULL,?,?,?,?,?,NULL,0,?,NULL,?,?,NULL,NULL,1,NULL,NULL,0,NULL)`);
  const timer = prep(`INSERT INTO sla_timers (id, "ticketId", target, "targetMinutes", "warningThreshold", "startedAt", "pausedAt", "pausedMinutes", "warnAt", "dueAt", "level2At", "level3At", "warnedAt", "breachedAt", "escalatedLevel", "metAt", "nextCheckAt")
    VALUES (?,?,?,?,0.75,?,NULL,0,?,?,?,?,NULL,NULL,?,?,?)`);
  const event = prep('INSERT INTO timeline_events ("ticketId", type, at, "actorType", "actorId", "actorName", visibility, data) VALUES (?,?,?,\'system\',NULL,\'Bench\',\'customer\',\'{}\')');
  const now = Date.now();
  const year = new Date().getUTCFullYear();
  const step = (stmt, params) => new Promise((res, rej) => stmt.run(params, (e) => (e ? rej(e) : res())));
  for (let i = 0; i < count; i++) {
    const dealerId = dealers[i % dealers.length];
    const customerId = randomUUID();
    const id = randomUUID();
    const received = now - (i % 60) * 86_400_000 - (i % 1440) * 60_000;
    const stage = STAGES[i % STAGES.length];
    const status = stage === 'closed' ? 'closed' : stage === 'follow-up' ? 'resolved' : 'open';
    const state = status === 'closed' ? 'met' : STATES[i % 3];
    const due = received + ((i % 7) - 2) * 3_600_000 + 86_400_000;
    const severity = SEVERITIES[i % 4];
    await step(cust, [customerId, dealerId, `Bench customer ${i}`, `bench${i}@example.com`, ts(received)]);
    await step(tick, [id, `AM-${year}-${String(startRef + i).padStart(6, '0')}`, dealerId, customerId, DEPTS[i % 3], CATS[i % 5], CHANNELS[i % 6], severity, SEVERITIES.indexOf(severity) + 1,
      `Bench account ${i}: the customer waited and nobody came.`, ts(received), ts(received), ts(received), stage, status,
      createHash('sha256').update(`bench-${i}`).digest('hex'), status === 'closed' ? null : ts(due), state]);
    for (const [k, target] of ['listen', 'apologise', 'fix', 'resolve'].entries()) {
      const d = due + k * 3_600_000;
      const met = STAGES.indexOf(stage) > k ? ts(received + 1_800_000) : null;
      const next = met || status === 'closed' ? null : ts(d - 900_000);
      await step(timer, [randomUUID(), id, target, 60 * (k + 1), ts(received), ts(d - 900_000), ts(d), ts(d + 1_800_000), ts(d + 3_600_000), met ? 0 : k % 2, met, next]);
    }
    await step(event, [id, 'created', ts(received)]);
    await step(event, [id, 'stage-completed', ts(received + 60_000)]);
    if (i % 5000 === 4999) {
      await run('COMMIT');
      await run('BEGIN');
    }
  }
  await run('COMMIT');
  await run(`UPDATE ref_sequences SET "lastValue" = ${startRef + count} WHERE year = ${year}`);
  for (const s of [cust, tick, timer, event]) s.finalize();
  await new Promise((res) => db.close(res));
}
