/**
 * The queue's text search at size, before and after the full-text index (issue 15 §7):
 *
 *   npm run build && node bench/search.mjs [tickets=100000]
 *   BENCH_DB=postgres BENCH_DATABASE_URL=postgres://… node bench/search.mjs 100000
 *
 * A fresh database migrated and seeded by the app, filled by bench/fill.mjs, served by the
 * built app. For each search: the old statement (LIKE '%…%' over tickets and customers,
 * run by hand on the same database), the same page through the full-text index by hand,
 * and the app's /api/tickets?q=… (one connection, medians and p99 in ms).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { fill } from './fill.mjs';
import { get, latency } from './lib/load.mjs';
import { openRaw } from './lib/raw-db.mjs';
import { prepareDatabase, signIn, startServer } from './lib/server.mjs';

const SIZE = Number(process.argv[2] ?? 100000);
const SAMPLES = Number(process.env.SAMPLES ?? 30);
const postgres = process.env.BENCH_DB === 'postgres';
// A rare word (a customer's number), a two-word search, and a word in every account.
const SEARCHES = ['4242', 'customer 77777', 'nobody'];

const dir = mkdtempSync(join(tmpdir(), 'amends-search-'));
let db = { kind: 'sqlite', path: join(dir, 'bench.sqlite') };
if (postgres) {
  const name = `amends_search_${SIZE}`;
  const admin = new pg.Client({ connectionString: process.env.BENCH_DATABASE_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(process.env.BENCH_DATABASE_URL);
  url.pathname = `/${name}`;
  db = { kind: 'postgres', url: url.toString() };
}
prepareDatabase(db);
const t0 = performance.now();
await fill(db, SIZE);
console.log(`${SIZE} tickets filled in ${((performance.now() - t0) / 1000).toFixed(1)} s (${db.kind})`);
const server = await startServer(db, 4900 + Math.floor(Math.random() * 90));
const raw = await openRaw(db);
const page = `AND t."nextDueAt" IS NOT NULL ORDER BY t."nextDueAt", t.id LIMIT 51`;
try {
  const headers = await signIn(server.base);
  for (const q of SEARCHES) {
    const like = `%${q.toLowerCase()}%`;
    const words = q.split(' ');
    const before = () =>
      raw.all(
        `SELECT t.* FROM tickets t WHERE (LOWER(t.ref) LIKE ? OR LOWER(t.account) LIKE ? OR t."customerId" IN (SELECT c.id FROM customers c WHERE LOWER(c.name) LIKE ?)) ${page}`,
        [like, like, like],
      );
    const byHand = postgres
      ? () => raw.all(`SELECT t.* FROM tickets t WHERE t.id = ANY(ARRAY(SELECT "ticketId" FROM ticket_search WHERE document @@ to_tsquery('simple', amends_search_fold(?)))) ${page}`, [words.map((w) => `'${w}':*`).join(' & ')])
      : () => raw.all(`SELECT t.* FROM tickets t WHERE t.id IN (SELECT k."ticketId" FROM ticket_search s JOIN ticket_search_keys k ON k."key" = s.rowid WHERE ticket_search MATCH ?) ${page}`, [words.map((w) => `"${w}"*`).join(' AND ')]);
    const url = `${server.base}/api/tickets?${new URLSearchParams({ q, limit: '50' })}`;
    const found = JSON.parse(await get(url, headers)).items.length;
    for (let i = 0; i < 3; i++) await get(url, headers);
    const r = {
      found,
      matches: (await byHand()).length,
      likeByHand: await latency(before, Math.max(5, Math.floor(SAMPLES / 3))),
      ftsByHand: await latency(byHand, SAMPLES),
      app: await latency(() => get(url, headers), SAMPLES),
    };
    console.log(`q=${JSON.stringify(q)}: LIKE by hand p50 ${r.likeByHand.p50} ms · FTS by hand p50 ${r.ftsByHand.p50} ms (p99 ${r.ftsByHand.p99}) · app p50 ${r.app.p50} ms (p99 ${r.app.p99}) · ${found} on the page`);
  }
} finally {
  await raw.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
