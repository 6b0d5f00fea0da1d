/**
 * `npm run bench` — the hot paths measured against baselines in the same run.
 *
 *   npm run bench                         # 10 k, 100 k and 1 M tickets; import of 100 k rows
 *   npm run bench -- --quick              # 10 k tickets, 3 s per figure, 2 k import rows (< 2 min)
 *   npm run bench -- --sizes 10000,100000 --import-rows 20000 --seconds 5
 *   BENCH_DB=postgres BENCH_DATABASE_URL=postgres://…/bench npm run bench -- --quick
 *
 * For each size a fresh database is migrated and seeded by the app's own commands, filled
 * by bulk insert (bench/fill.mjs), and served by the built app in production mode (view
 * cache on) in its own process; load comes from this process (autocannon, 50 connections),
 * baselines from the same process in the same run (a bare GET, hand-written SQL on the same
 * database, a raw insert). Results: bench/results/latest.{md,json} and a chart
 * (queue-latency.svg); the plans of every statement on the hot paths are printed.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { fill } from './fill.mjs';
import { importBench } from './lib/import.mjs';
import { get, latency, settle, throughput } from './lib/load.mjs';
import { capturePlans } from './lib/plans.mjs';
import { openRaw, rawDueTimers, rawQueuePage } from './lib/raw-db.mjs';
import { chart, report } from './lib/report.mjs';
import { prepareDatabase, rssSampler, signIn, startServer } from './lib/server.mjs';

const args = process.argv.slice(2);
const flag = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const quick = args.includes('--quick');
const SIZES = flag('--sizes', quick ? '10000' : '10000,100000,1000000').split(',').map(Number);
const SECONDS = Number(flag('--seconds', quick ? 3 : 10));
const IMPORT_ROWS = Number(flag('--import-rows', quick ? 2000 : 100000));
const SAMPLES = quick ? 60 : 200;
const ENGINE = process.env.BENCH_DB === 'postgres' ? 'postgres' : 'sqlite';
const ADMIN_URL = process.env.BENCH_DATABASE_URL;
if (ENGINE === 'postgres' && !ADMIN_URL) throw new Error('BENCH_DB=postgres needs BENCH_DATABASE_URL: a PostgreSQL URL whose user may create databases');

const QUEUES = {
  queue0: {},
  queue1: { status: 'open' },
  queue3: { status: 'open', severity: 'high', department: 'sales' },
};
const qs = (filters) => new URLSearchParams({ limit: '50', ...filters }).toString();

async function measure(size, withImport) {
  const dir = mkdtempSync(join(tmpdir(), 'amends-bench-'));
  const db = ENGINE === 'postgres' ? await createPgDatabase(`amends_bench_${size}`) : { kind: 'sqlite', path: join(dir, 'bench.sqlite') };
  const log = (m) => process.stdout.write(`  ${size.toLocaleString('en')}: ${m}\n`);
  try {
    prepareDatabase(db);
    const t0 = performance.now();
    const { firstRef } = await fill(db, size);
    const fillSeconds = +((performance.now() - t0) / 1000).toFixed(1);
    log(`filled in ${fillSeconds} s`);
    const port = 4100 + Math.floor(Math.random() * 800);
    let server = await startServer(db, port);
    const raw = await openRaw(db);
    try {
      const headers = await signIn(server.base);
      const dealers = JSON.parse(await get(`${server.base}/api/dealers`, headers));
      const dealer = dealers.find((d) => d.country === 'nl' && d.name === 'Autohuis Utrecht');
      const url = (path) => server.base + path;
      const r = { size, fillSeconds };

      // The sweep first, while exactly the filled due timers are due.
      const now = new Date();
      const due = await rawDueTimers(raw, now);
      r.sweepRawSelect = { ...(await latency(() => rawDueTimers(raw, now), 20)), rows: due.length };
      const t1 = performance.now();
      const swept = JSON.parse(await (await fetch(url('/api/sla/sweep'), { method: 'POST', headers })).text());
      r.sweep = { ms: +(performance.now() - t1).toFixed(1), ...swept, due: due.length };
      r.sweepIdle = await latency(() => fetch(url('/api/sla/sweep'), { method: 'POST', headers }).then((x) => x.text()), 30);
      log(`sweep of ${due.length} due timers ${r.sweep.ms} ms; idle ${r.sweepIdle.p50} ms`);

      // Warm the JIT and the caches, then one connection at a time: the latency of one page.
      await throughput({ url: url(`/api/tickets?${qs({})}`), headers }, 2);
      await settle(url("/api/tickets?limit=1"), headers);
      for (const [key, filters] of Object.entries(QUEUES)) {
        r[`${key}Latency`] = await latency(() => get(url(`/api/tickets?${qs(filters)}`), headers), SAMPLES);
        r[`${key}Raw`] = await latency(() => rawQueuePage(raw, filters), SAMPLES);
      }
      log(`queue p50 ${r.queue0Latency.p50} ms, by hand ${r.queue0Raw.p50} ms`);

      // Then 50 connections for each path, the server's memory watched throughout. When
      // autocannon stops, up to 50 requests are still being served: each figure starts
      // only once the server answers a one-row queue promptly again.
      const sampler = rssSampler(server.child.pid);
      const load = async (opts) => {
        const result = await throughput(opts, SECONDS);
        await settle(url('/api/tickets?limit=1'), headers);
        return result;
      };
      r.bare = await load({ url: url('/health/live') });
      for (const [key, filters] of Object.entries(QUEUES)) r[key] = await load({ url: url(`/api/tickets?${qs(filters)}`), headers });
      r.queueOpen = await load({ url: url(`/api/tickets?${qs({ openOnly: 'true' })}`), headers });
      r.queuePage = await load({ url: url('/tickets'), headers: { ...headers, accept: 'text/html' } });
      r.ticket = await load({ url: url(`/api/tickets/${firstRef}`), headers });
      const body = JSON.stringify({
        dealerId: dealer.id, department: 'sales', category: 'waiting-time', channel: 'walk-in', severity: 'high',
        customer: { name: 'Bench Customer', email: 'bench.customer@example.nl', phone: '+31612345678' },
        vehicle: { vin: 'WVWZZZ1JZXW000001', registration: 'AB-123-C', model: 'Golf' },
        account: 'Waited 25 minutes at the sales desk during the morning meeting; nobody came; says she will buy elsewhere.',
        desiredOutcome: 'A call from the sales manager', saleAtRisk: { model: 'ID.4', value: { amount: 45000, currency: dealer.currency } },
        onTheSpot: { listened: true, apology: { by: 'Reception', how: 'in-person' }, compensation: { kind: 'fuel', note: 'No need to refuel the loan car', value: { amount: 20, currency: dealer.currency } } },
      });
      r.intake = await load({ url: url('/api/tickets'), method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body });
      r.rssUnderLoadMiB = sampler.stop();
      log(`bare ${r.bare.rps}/s, queue ${r.queue0.rps}/s, page ${r.queuePage.rps}/s, ticket ${r.ticket.rps}/s, intake ${r.intake.rps}/s (p99 ${r.intake.p99} ms); RSS ${r.rssUnderLoadMiB} MiB`);

      // The plans, by an app in this process on the same file, with the server stopped (one
      // SQLite file has one writing app), and before the import: its negative rows open
      // tickets received days ago, all overdue, which the captured sweep would escalate.
      await server.stop();
      r.plans = await capturePlans(db, [
        ...Object.entries(QUEUES).map(([key, f]) => ({ name: key, path: () => `/api/tickets?${qs(f)}` })),
        { name: 'queuePage', path: () => '/tickets' },
        { name: 'ticket', path: () => `/api/tickets/${firstRef}` },
        { name: 'intake', method: 'POST', path: () => '/api/tickets', body: JSON.parse(body) },
        { name: 'sweep', method: 'POST', path: () => '/api/sla/sweep' },
      ]);
      if (withImport) {
        server = await startServer(db, port);
        const fresh = await signIn(server.base);
        r.import = await importBench({ db, base: server.base, headers: fresh, serverPid: server.child.pid, dealerId: dealer.id, rows: IMPORT_ROWS, file: join(dir, 'responses.csv'), tag: size });
        log(`import of ${IMPORT_ROWS} rows: ${r.import.rowsPerSecond} rows/s, by hand ${r.import.baselineRowsPerSecond} rows/s, RSS +${r.import.rssGrowthMiB} MiB`);
      }
      await server.stop();
      return r;
    } finally {
      await raw.close();
      await server.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await db.drop?.();
  }
}

/** A fresh database on the PostgreSQL server of BENCH_DATABASE_URL, dropped afterwards. */
async function createPgDatabase(name) {
  const admin = async (sql) => {
    const client = new pg.Client({ connectionString: ADMIN_URL });
    await client.connect();
    try { await client.query(sql); } finally { await client.end(); }
  };
  await admin(`DROP DATABASE IF EXISTS ${name}`);
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return { kind: 'postgres', url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

const started = Date.now();
const runs = [];
for (const [i, size] of SIZES.entries()) {
  process.stdout.write(`measuring ${size.toLocaleString('en')} tickets (${ENGINE})…\n`);
  runs.push(await measure(size, i === SIZES.length - 1));
}
const { markdown, rows, plansText } = report(runs, ENGINE === 'postgres' ? 'PostgreSQL' : 'SQLite');
const suffix = ENGINE === 'postgres' ? '-postgres' : '';
process.stdout.write(`\nPlans of every read on the hot paths at ${runs.at(-1).size.toLocaleString('en')} tickets:\n${plansText}\n\n${markdown}`);
mkdirSync('bench/results', { recursive: true });
const meta = { at: new Date().toISOString(), engine: ENGINE, quick, connections: 50, secondsPerFigure: SECONDS, node: process.version, seconds: Math.round((Date.now() - started) / 1000) };
writeFileSync(`bench/results/latest${suffix}.json`, JSON.stringify({ ...meta, rows, runs }, null, 2) + '\n');
writeFileSync(`bench/results/latest${suffix}.md`, markdown);
writeFileSync(`bench/results/plans${suffix}.txt`, plansText + '\n');
writeFileSync(`bench/results/queue-latency${suffix}.svg`, chart(runs));
process.stdout.write(`\nwritten: bench/results/latest${suffix}.{md,json}, plans${suffix}.txt, queue-latency${suffix}.svg (${meta.seconds} s)\n`);
