/**
 * `npm run build && node bench/dashboard.mjs [--sizes 5000,50000] [--period-days 730]` —
 * what the dashboard costs the built app (its own process) for a long period: the time of
 * one call, the peak RSS while four different callers ask at once (periods a minute apart,
 * so nothing is shared), and a one-row queue read made meanwhile. Prints a table; not a test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fill } from './fill.mjs';
import { get, latency } from './lib/load.mjs';
import { prepareDatabase, rssMiB, rssSampler, signIn, startServer } from './lib/server.mjs';

const args = process.argv.slice(2);
const flag = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const SIZES = flag('--sizes', '5000,50000').split(',').map(Number);
const PERIOD_DAYS = Number(flag('--period-days', 730));

async function measure(size) {
  const dir = mkdtempSync(join(tmpdir(), 'amends-dash-'));
  const db = { kind: 'sqlite', path: join(dir, 'bench.sqlite') };
  try {
    prepareDatabase(db);
    await fill(db, size, { dealers: 20 });
    const server = await startServer(db, 4100 + Math.floor(Math.random() * 800));
    try {
      const headers = await signIn(server.base);
      const to = Date.now() + 60_000;
      const path = (i) => `/api/reports/dashboard?from=${new Date(to - i * 60_000 - PERIOD_DAYS * 86_400_000).toISOString()}&to=${new Date(to - i * 60_000).toISOString()}`;
      await get(server.base + path(0), headers);
      await get(`${server.base}/api/tickets?limit=1`, headers);
      const idleRss = rssMiB(server.child.pid);
      const one = await latency(() => get(server.base + path(0), headers), 5);
      const sampler = rssSampler(server.child.pid);
      const t0 = performance.now();
      const callers = Promise.all([1, 2, 3, 4].map((i) => get(server.base + path(i), headers)));
      await new Promise((r) => setTimeout(r, 20));
      const q0 = performance.now();
      await get(`${server.base}/api/tickets?limit=1`, headers);
      const queueMs = performance.now() - q0;
      await callers;
      const fourMs = performance.now() - t0;
      const peak = Math.max(sampler.stop(), rssMiB(server.child.pid));
      return { size, idleRss, oneP50: one.p50, fourMs: +fourMs.toFixed(0), peakRss: peak, queueMs: +queueMs.toFixed(0) };
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const rows = [];
for (const size of SIZES) {
  process.stdout.write(`${size} tickets…\n`);
  rows.push(await measure(size));
}
process.stdout.write(`\n| tickets | one call (p50, ms) | four callers (ms) | RSS idle → peak (MiB) | queue read meanwhile (ms) |\n|---|---|---|---|---|\n`);
for (const r of rows) process.stdout.write(`| ${r.size} | ${r.oneP50} | ${r.fourMs} | ${r.idleRss} → ${r.peakRss} | ${r.queueMs} |\n`);
