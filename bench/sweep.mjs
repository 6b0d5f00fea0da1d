/**
 * `node bench/sweep.mjs [tickets] [due]` — the SLA sweep alone: a fresh database of
 * `tickets` tickets (default 10 k) with `due` timers due (default 1,000), served by the
 * built app; the time of one sweep over HTTP, the statements it ran (the server's query
 * log is off, so counted from SQLite's changes), and the raw indexed select beside it.
 * Needs `npm run build` first. Set BENCH_DB=postgres BENCH_DATABASE_URL=… for PostgreSQL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fill } from './fill.mjs';
import { latency } from './lib/load.mjs';
import { openRaw, rawDueTimers } from './lib/raw-db.mjs';
import { prepareDatabase, signIn, startServer } from './lib/server.mjs';

const size = Number(process.argv[2] ?? 10000);
const dueTimers = Number(process.argv[3] ?? 1000);
const dir = mkdtempSync(join(tmpdir(), 'amends-sweep-'));
const db = { kind: 'sqlite', path: join(dir, 'bench.sqlite') };
try {
  prepareDatabase(db);
  await fill(db, size, { dueTimers });
  const server = await startServer(db, 4100 + Math.floor(Math.random() * 800));
  const raw = await openRaw(db);
  try {
    const headers = await signIn(server.base);
    const now = new Date();
    const due = await rawDueTimers(raw, now);
    const select = await latency(() => rawDueTimers(raw, now), 20);
    const t0 = performance.now();
    const res = await fetch(`${server.base}/api/sla/sweep`, { method: 'POST', headers });
    const ms = +(performance.now() - t0).toFixed(1);
    const body = await res.json();
    const counts = Object.fromEntries(await Promise.all(['escalations', 'timeline_events', 'notifications'].map(async (t) => [t, (await raw.all(`SELECT COUNT(*) AS n FROM ${t}`))[0].n])));
    const idle = await latency(() => fetch(`${server.base}/api/sla/sweep`, { method: 'POST', headers }).then((x) => x.text()), 20);
    console.log(JSON.stringify({ tickets: size, due: due.length, sweepMs: ms, result: body, rawSelectP50: select.p50, ratio: +(ms / select.p50).toFixed(1), idleP50: idle.p50, counts }));
  } finally {
    await raw.close();
    await server.stop();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
