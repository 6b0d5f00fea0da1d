/**
 * Intake for a returning customer and vehicle on a filled SQLite database (issue 15, point 1):
 * one connection, a changed registration and an unchanged one; 10 connections for 10 s;
 * and the vehicle UPDATE alone with and without the key in its SET, on the same file.
 *
 *   npm run build && node bench/intake-returning.mjs 100000
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { fill } from './fill.mjs';
import { get, latency, throughput } from './lib/load.mjs';
import { prepareDatabase, signIn, startServer } from './lib/server.mjs';

const size = Number(process.argv[2] ?? 100000);
const dir = mkdtempSync(join(tmpdir(), 'fk-intake-'));
const db = { kind: 'sqlite', path: join(dir, 'bench.sqlite') };
try {
  prepareDatabase(db);
  await fill(db, size);
  const server = await startServer(db, 4900 + Math.floor(Math.random() * 90));
  const headers = { ...(await signIn(server.base)), 'content-type': 'application/json' };
  const dealer = JSON.parse(await get(`${server.base}/api/dealers`, headers)).find((d) => d.country === 'nl' && d.name === 'Autohuis Utrecht');
  const body = (registration) => JSON.stringify({ dealerId: dealer.id, department: 'service', category: 'workmanship', channel: 'phone', severity: 'medium', customer: { name: 'Returning Customer', email: 'returning@example.nl', phone: '+31 6 5555 0001' }, vehicle: { vin: 'WVWZZZ1KZAW555001', registration, model: 'Golf' }, account: 'The noise is back.' });
  const post = async (b) => { const r = await fetch(`${server.base}/api/tickets`, { method: 'POST', headers, body: b }); const t = await r.text(); if (r.status !== 201) throw new Error(`${r.status} ${t}`); };
  await post(body('AB-000'));
  for (let i = 0; i < 20; i++) await post(body('AB-000')); // warm-up
  let n = 0;
  const changed = await latency(() => post(body(`AB-${++n}`)), 200);
  const same = await latency(() => post(body(`AB-${n}`)), 200);
  const load = await throughput({ url: `${server.base}/api/tickets`, method: 'POST', headers, body: body(`AB-${n}`) }, 10, 10);
  await server.stop();
  // The statement alone, on the same file.
  const conn = new sqlite3.Database(db.path);
  const run = (sql, p = []) => new Promise((res, rej) => conn.run(sql, p, (e) => (e ? rej(e) : res())));
  const all = (sql, p = []) => new Promise((res, rej) => conn.all(sql, p, (e, r) => (e ? rej(e) : res(r))));
  await run('PRAGMA foreign_keys = ON');
  const [v] = await all(`SELECT * FROM vehicles WHERE vin = 'WVWZZZ1KZAW555001'`);
  const withKey = await latency(() => run(`UPDATE "vehicles" SET "id" = ?, "customerId" = ?, "registration" = ?, "vin" = ?, "model" = ?, "createdAt" = ? WHERE "id" = ?`, [v.id, v.customerId, 'XY-1', v.vin, v.model, v.createdAt, v.id]), 50);
  const withoutKey = await latency(() => run(`UPDATE "vehicles" SET "registration" = ? WHERE "id" = ?`, ['XY-2', v.id]), 50);
  const tickets = (await all('SELECT COUNT(*) AS n FROM tickets'))[0].n;
  conn.close();
  console.log(JSON.stringify({ size, tickets, intakeChangedRegistration: changed, intakeUnchanged: same, intake10conn: load, stmtKeyInSet: withKey, stmtChangedOnly: withoutKey }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
