/**
 * `npm run bench` — issue 15's table in one run: every hot path beside its baseline measured
 * in the same run, the ratio and the target (bench/lib/report.mjs says which is which).
 *
 *   npm run bench                         # 10 k, 100 k and 1 M tickets (about 30 min on 2 cores)
 *   npm run bench -- --quick              # 10 k tickets, 3 s per figure (a few minutes)
 *   npm run bench -- --sizes 10000,100000 --import-rows 20000 --seconds 5
 *   BENCH_DB=postgres BENCH_DATABASE_URL=postgres://…/postgres npm run bench -- --quick
 *   node bench/run.mjs --report-only      # latest.md again from latest.json and load-latest.json
 *
 * For each size a fresh database is migrated and seeded by the app's own commands, filled by
 * bulk insert (bench/fill.mjs: SQL that generates the rows inside the engine), and served by
 * the built app in production mode in its own process, with the outbox running every second
 * against a real SMTP server on loopback (bench/lib/smtp.mjs) and the SLA sweep left to the
 * bench. Load comes from this process (autocannon); the baselines from the same process in
 * the same run, on the same database. In order, per size:
 *
 *  1. sweep: one POST /api/sla/sweep with exactly 1,000 timers due, against the raw indexed
 *     select of those timers.
 *  2. one connection, medians: the queue JSON with 0, 1 and 3 filters against the same page by
 *     hand-written SQL; the queue with `q=` a word in every account and a rare one against the
 *     same full-text query by hand.
 *  3. 50 connections, req/s: a bare GET (/health/live), the queue JSON, the queue page (HTML)
 *     against the JSON of the same queue (openOnly), the ticket with 50 events against the
 *     bare GET, and intake for a returning customer and vehicle (the same body every time).
 *  4. mixed: 10 connections posting intakes alone, then the same 10 beside 40 reading (queue,
 *     ticket, queue page in turn); intake req/s and p99, reads p99, errors. The receipt mail of
 *     every intake of the mixed load is followed to the SMTP server: delivery = arrival there
 *     minus its outbox row's createdAt (the outbox is emptied of earlier mails first).
 *  5. reads (the mixed load's 40 readers' paths, at 50 connections) on one worker.
 *  6. the app stopped: the plans of every statement on the hot paths (bench/results/plans*.txt)
 *     and the statements of one intake, which are then replayed by hand on one connection, one
 *     transaction per ticket: intake's baseline (bench/lib/replay.mjs).
 *  7. WEB_CONCURRENCY=2: the same reads as 5; the ratio 2 against 1 workers.
 *  8. one worker again, longest stall: intake at 10 connections alone, then while a sweep of
 *     1,000 due timers, an import of --import-rows survey rows and 5 dashboards (two years,
 *     each a different period) run; the p99s compared. Then the same import rows inserted by
 *     hand in one transaction (the import's baseline).
 *
 * The longest write transaction: the server's own figures (admin-only /api/admin/writer-holds,
 * reset at the start of each phase and read at its end): how long each transaction held the
 * writer, from BEGIN IMMEDIATE to COMMIT, and what it was; for the sweep (1), intake at 50
 * connections (3), the mixed load with its outbox (4) and the stall (8).
 *
 * Peak RSS is the highest of any one serving process under load, all phases. The RSS slope is
 * `npm run test:load`'s (10 minutes); its last summary, if written to bench/results/load-latest.json
 * (`npm run test:load -- --json bench/results/load-latest.json`), is shown in the table.
 * Results: bench/results/latest{,-postgres}.{md,json} (every size), plans*.txt, a chart.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { fill } from './fill.mjs';
import { intakeBody } from './lib/intake-body.mjs';
import { importBench, prepareImport, rawInsert } from './lib/import.mjs';
import { get, latency, request, settle, startLoad, throughput } from './lib/load.mjs';
import { capturePlans } from './lib/plans.mjs';
import { makeTimersDue, openRaw, rawDueTimers, rawQueuePage, rawSearch } from './lib/raw-db.mjs';
import { replayOnce, replayPlan, replayRate } from './lib/replay.mjs';
import { chart, report } from './lib/report.mjs';
import { prepareDatabase, rssSampler, signIn, startServer } from './lib/server.mjs';
import { smtpCapture } from './lib/smtp.mjs';

const args = process.argv.slice(2);
const flag = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const quick = args.includes('--quick');
const SIZES = flag('--sizes', quick ? '10000' : '10000,100000,1000000').split(',').map(Number);
// Seconds of load per figure: 3 in a quick run; 10, and 8 from 1 M tickets on, in a full one (~30 min in all).
const SECONDS_AT = (size) => Number(flag('--seconds', quick ? 3 : size >= 1_000_000 ? 8 : 10));
const IMPORT_ROWS = Number(flag('--import-rows', 10000));
const SAMPLES = quick ? 60 : 200;
const MAIL_WAIT_SECONDS = 60;
// A word in every account (the worst case for the index) and a rare one (one account's number).
const SEARCHES = { common: 'nobody', rare: '4242' };
const ENGINE = process.env.BENCH_DB === 'postgres' ? 'postgres' : 'sqlite';
const ADMIN_URL = process.env.BENCH_DATABASE_URL;
if (ENGINE === 'postgres' && !ADMIN_URL) throw new Error('BENCH_DB=postgres needs BENCH_DATABASE_URL: a PostgreSQL URL whose user may create databases');

const QUEUES = {
  queue0: {},
  queue1: { status: 'open' },
  queue3: { status: 'open', severity: 'high', department: 'sales' },
};
const qs = (filters) => new URLSearchParams({ limit: '50', ...filters }).toString();

async function measure(size) {
  const dir = mkdtempSync(join(tmpdir(), 'amends-bench-'));
  const db = ENGINE === 'postgres' ? await createPgDatabase(`amends_bench_${size}`) : { kind: 'sqlite', path: join(dir, 'bench.sqlite') };
  const log = (m) => process.stdout.write(`  ${size.toLocaleString('en')}: ${m}\n`);
  const seconds = SECONDS_AT(size);
  const serverEnv = (workers) => ({ WEB_CONCURRENCY: String(workers), SCHEDULER: 'true', SWEEP_INTERVAL_SECONDS: '3600', OUTBOX_INTERVAL_SECONDS: '1', SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port) });
  const port = 4100 + Math.floor(Math.random() * 800);
  let server = { stop: async () => {} };
  const idle = { stop: () => 0, phase: () => {} };
  let sampler = idle;
  let peakRss = 0;
  // Each phase's highest worker RSS, with its anonymous and file-backed parts (which phase passes 300 MB, and with what).
  const rssPeaks = {};
  const watch = (s, phase) => { peakRss = Math.max(peakRss, sampler.stop()); sampler = rssSampler(s.child.pid, rssPeaks, phase); };
  const stopServer = async () => { peakRss = Math.max(peakRss, sampler.stop()); sampler = idle; await server.stop(); };
  try {
    prepareDatabase(db);
    const t0 = performance.now();
    const { firstRef } = await fill(db, size);
    const fillSeconds = +((performance.now() - t0) / 1000).toFixed(1);
    log(`filled in ${fillSeconds} s`);
    server = await startServer(db, port, serverEnv(1));
    watch(server, 'sweep');
    const raw = await openRaw(db);
    try {
      let headers = await signIn(server.base);
      const dealers = JSON.parse(await get(`${server.base}/api/dealers`, headers));
      const dealer = dealers.find((d) => d.country === 'nl' && d.name === 'Autohuis Utrecht');
      const url = (path) => server.base + path;
      const r = { size, fillSeconds, secondsPerFigure: seconds, writerHolds: {} };
      // The server's figures of the phase just run: reset at its start, read at its end (an app without the route: none).
      const holdsFrom = async () => { try { await request('DELETE', url('/api/admin/writer-holds'), headers); } catch { /* an older build */ } };
      const holdsOf = async (phase) => {
        try {
          const h = JSON.parse(await get(url('/api/admin/writer-holds'), headers));
          // statementsMs: of the hold, the time in statements (the rest: waiting for the event loop between them).
          r.writerHolds[phase] = { longestMs: h.longest[0]?.ms ?? 0, label: h.longest[0]?.label ?? null, statementsMs: h.longest[0]?.statementsMs ?? null, transactions: h.transactions, totalMs: h.totalMs, longest: h.longest.slice(0, 5), byLabel: h.byLabel.slice(0, 8).map(({ label, count, maxMs }) => ({ label, count, maxMs })) };
          const w = r.writerHolds[phase];
          log(`writer held longest in the ${phase}: ${w.longestMs} ms (${w.label}; ${w.statementsMs ?? '?'} ms in statements); ${w.transactions} transactions; ${w.byLabel.map((l) => `${l.label} ×${l.count} ≤ ${l.maxMs}`).join(', ')}; longest: ${w.longest.map((x) => `${x.label} ${x.ms} (${x.statementsMs ?? '?'} in statements${x.slowest ? `, slowest ${x.slowest.ms}: ${x.slowest.sql.slice(0, 40)}` : ''})`).join(', ')}`);
        } catch { /* an older build */ }
      };

      // 1. The sweep first, while exactly the filled due timers are due.
      const now = new Date();
      const due = await rawDueTimers(raw, now);
      r.sweepRawSelect = { ...(await latency(() => rawDueTimers(raw, now), 20)), rows: due.length };
      await holdsFrom();
      const t1 = performance.now();
      const swept = JSON.parse(await request('POST', url('/api/sla/sweep'), headers));
      r.sweep = { ms: +(performance.now() - t1).toFixed(1), ...swept, due: due.length };
      await holdsOf('sweep');
      log(`sweep of ${due.length} due timers ${r.sweep.ms} ms, the select by hand ${r.sweepRawSelect.p50} ms`);

      // 2. Warm the JIT and the caches, then one connection at a time: the latency of one page.
      sampler.phase('one connection: queue, search');
      await throughput({ url: url(`/api/tickets?${qs({})}`), headers }, 2);
      await settle(url('/api/tickets?limit=1'), headers);
      for (const [key, filters] of Object.entries(QUEUES)) {
        r[`${key}Latency`] = await latency(() => get(url(`/api/tickets?${qs(filters)}`), headers), SAMPLES);
        r[`${key}Raw`] = await latency(() => rawQueuePage(raw, filters), SAMPLES);
      }
      r.search = {};
      for (const [key, q] of Object.entries(SEARCHES)) {
        const path = url(`/api/tickets?${qs({ q })}`);
        for (let i = 0; i < 3; i++) await get(path, headers);
        r.search[key] = { q, app: await latency(() => get(path, headers), SAMPLES), byHand: await latency(() => rawSearch(raw, q), SAMPLES) };
      }
      log(`queue p50 ${r.queue0Latency.p50} ms, by hand ${r.queue0Raw.p50} ms; q=${SEARCHES.common} ${r.search.common.app.p50} ms (by hand ${r.search.common.byHand.p50}), q=${SEARCHES.rare} ${r.search.rare.app.p50} ms (by hand ${r.search.rare.byHand.p50})`);

      // 3. 50 connections for each path, the server's memory watched throughout. When
      // autocannon stops, up to 50 requests are still being served: each figure starts
      // only once the server answers a one-row queue promptly again.
      sampler.phase('50 connections: bare, queue, page, ticket');
      const load = async (opts, connections) => {
        const result = await throughput(opts, seconds, connections);
        await settle(url('/api/tickets?limit=1'), headers);
        return result;
      };
      const html = () => ({ ...headers, accept: 'text/html' });
      const json = () => ({ ...headers, 'content-type': 'application/json' });
      r.bare = await load({ url: url('/health/live') });
      for (const [key, filters] of Object.entries(QUEUES)) r[key] = await load({ url: url(`/api/tickets?${qs(filters)}`), headers });
      r.queueOpen = await load({ url: url(`/api/tickets?${qs({ openOnly: 'true' })}`), headers });
      r.queuePage = await load({ url: url('/tickets'), headers: html() });
      r.ticket = await load({ url: url(`/api/tickets/${firstRef}`), headers });
      const body = intakeBody(dealer);
      const intake = () => ({ url: url('/api/tickets'), method: 'POST', headers: json(), body });
      await holdsFrom();
      sampler.phase('50 connections: intake');
      r.intake = await load(intake());
      await holdsOf('intake');
      log(`bare ${r.bare.rps}/s, queue ${r.queue0.rps}/s, page ${r.queuePage.rps}/s (JSON ${r.queueOpen.rps}/s), ticket ${r.ticket.rps}/s, intake ${r.intake.rps}/s (p99 ${r.intake.p99} ms)`);

      // 4. Mixed: the 10 posting intakes alone, then beside 40 readers; their receipt mails.
      const readers = () => ({
        url: url('/'),
        requests: [
          { method: 'GET', path: `/api/tickets?${qs({})}`, headers },
          { method: 'GET', path: `/api/tickets/${firstRef}`, headers },
          { method: 'GET', path: '/tickets', headers: html() },
        ],
      });
      await holdsFrom();
      sampler.phase('mixed: intake alone, 10 intakes + 40 readers, mail');
      r.intakeAlone = await load(intake(), 10);
      await waitForOutbox(raw, 60);
      await raw.all(`UPDATE notifications SET state = 'cancelled' WHERE state = 'pending'`);
      const mixedFrom = new Date();
      // At least 10 s: an intake behind 40 readers may take seconds, and autocannon counts only answered requests.
      const mixedSeconds = Math.max(seconds, 10);
      const [mixedIntake, mixedReads] = await Promise.all([throughput(intake(), mixedSeconds, 10), throughput(readers(), mixedSeconds, 40)]);
      r.mixed = { intake: mixedIntake, reads: mixedReads, seconds: mixedSeconds };
      r.mail = await mailDelivery(raw, mixedFrom, MAIL_WAIT_SECONDS);
      await settle(url('/api/tickets?limit=1'), headers);
      await holdsOf('mixed');
      log(`mixed: intake ${mixedIntake.rps}/s p99 ${mixedIntake.p99} ms (alone ${r.intakeAlone.rps}/s p99 ${r.intakeAlone.p99} ms), reads p99 ${mixedReads.p99} ms; mail p99 ${r.mail.p99Seconds} s (${r.mail.delivered} of ${r.mail.mails})`);

      // 5. Reads on one worker, for 7.
      sampler.phase('reads, 1 worker');
      r.reads1 = await load(readers());
      await stopServer();

      // 6. The plans and one intake's statements, by an app in this process on the same file
      // (one SQLite file has one writing app), before the import: its negative rows open
      // tickets received days ago, all overdue, which the captured sweep would escalate.
      // The sweep's plans are of an idle sweep: the due timers are swept already.
      const captured = await capturePlans(db, [
        ...Object.entries(QUEUES).map(([key, f]) => ({ name: key, path: () => `/api/tickets?${qs(f)}` })),
        { name: 'search', path: () => `/api/tickets?${qs({ q: SEARCHES.common })}` },
        { name: 'queuePage', path: () => '/tickets' },
        { name: 'ticket', path: () => `/api/tickets/${firstRef}` },
        { name: 'intake', method: 'POST', path: () => '/api/tickets', body: JSON.parse(body) },
        { name: 'sweep', method: 'POST', path: () => '/api/sla/sweep' },
      ]);
      r.plans = captured.plans;
      const plan = replayPlan(captured.queries.intake);
      for (let i = 0; i < 20; i++) await replayOnce(raw, plan); // warm-up
      r.intakeReplay = await replayRate(raw, plan, seconds);
      log(`intake replayed by hand: ${r.intakeReplay.rps} tickets/s (${r.intakeReplay.statements} statements each)`);

      // 7. Two workers, the same reads.
      server = await startServer(db, port, serverEnv(2));
      headers = await signIn(server.base);
      watch(server, 'reads, 2 workers');
      // A fresh start: warm both workers on the very paths measured (the one worker of 5 had minutes of them).
      await throughput(readers(), Math.max(3, seconds / 2));
      await settle(url('/api/tickets?limit=1'), headers);
      r.reads2 = await load(readers());
      log(`reads at 50 connections: 1 worker ${r.reads1.rps}/s, 2 workers ${r.reads2.rps}/s`);
      await stopServer();

      // 8. The longest stall, on one worker.
      server = await startServer(db, port, serverEnv(1));
      headers = await signIn(server.base);
      watch(server, 'stall: warm-up, import prepared, intake alone');
      await throughput({ url: url(`/api/tickets?${qs({})}`), headers }, 2);
      await settle(url('/api/tickets?limit=1'), headers);
      const prepared = await prepareImport({ base: server.base, headers, dealerId: dealer.id, rows: IMPORT_ROWS, file: join(dir, 'responses.csv'), tag: size });
      r.stallAlone = await load(intake(), 10);
      r.stallDue = await makeTimersDue(raw, new Date(), 1000);
      await holdsFrom();
      sampler.phase('stall: sweep + import + 5 dashboards + 10 intakes');
      const stall = startLoad(intake(), 10);
      await new Promise((res) => setTimeout(res, 1000));
      const timed = async (fn) => { const t = performance.now(); const out = await fn(); return { ms: Math.round(performance.now() - t), out }; };
      const to = Date.now();
      const [sweepRun, importRun, ...dashboards] = await Promise.all([
        timed(async () => JSON.parse(await request('POST', url('/api/sla/sweep'), headers))),
        timed(() => importBench({ db, base: server.base, headers, serverPid: server.child.pid, dealerId: dealer.id, rows: IMPORT_ROWS, file: join(dir, 'responses.csv'), tag: size, prepared, baseline: false })),
        ...[0, 1, 2, 3, 4].map((i) => timed(() => get(url(`/api/reports/dashboard?from=${new Date(to - i * 60_000 - 730 * 86_400_000).toISOString()}&to=${new Date(to - i * 60_000).toISOString()}`), headers))),
      ]);
      await new Promise((res) => setTimeout(res, 1000));
      r.stall = { intake: await stall.stop(), sweepMs: sweepRun.ms, swept: sweepRun.out, importMs: importRun.ms, dashboardMs: dashboards.map((d) => d.ms) };
      r.import = importRun.out;
      await holdsOf('stall');
      log(`stall: intake p99 ${r.stall.intake.p99} ms (alone ${r.stallAlone.p99} ms) while a sweep (${r.stall.sweepMs} ms), an import of ${IMPORT_ROWS} rows (${r.stall.importMs} ms) and 5 dashboards (${r.stall.dashboardMs.join(', ')} ms) ran`);
      await stopServer();
      r.import.baselineRowsPerSecond = Math.round(IMPORT_ROWS / (await rawInsert(db, r.import.surveyId, dealer.id, IMPORT_ROWS)));
      r.peakRssMiB = peakRss;
      r.rssByPhase = rssPeaks;
      log(`peak worker RSS per phase, MiB (anonymous / file-backed, threads): ${Object.entries(rssPeaks).map(([p, v]) => `${p} ${v.rss} (${v.anon} / ${v.file}, ${v.threads})`).join('; ')}`);
      log(`import ${r.import.rowsPerSecond} rows/s, by hand ${r.import.baselineRowsPerSecond} rows/s; peak RSS of a worker ${peakRss} MiB`);
      return r;
    } finally {
      await raw.close();
      await stopServer();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await db.drop?.();
  }
}


/** Waits (up to `seconds`) until the outbox has nothing pending. */
async function waitForOutbox(raw, seconds) {
  for (const end = Date.now() + seconds * 1000; Date.now() < end; ) {
    const [{ n }] = await raw.all(`SELECT COUNT(*) AS n FROM notifications WHERE state IN ('pending', 'sending')`);
    if (Number(n) === 0) return;
    await new Promise((res) => setTimeout(res, 500));
  }
}

/**
 * The mails queued since `from`, followed to the SMTP capture (up to `seconds` after the load):
 * delivery = arrival there − the outbox row's createdAt; one still missing counts as never.
 */
async function mailDelivery(raw, from, seconds) {
  const rows = await raw.all('SELECT id, "createdAt" FROM notifications WHERE "createdAt" >= ?', [raw.ts(from)]);
  const created = rows.map((x) => [x.id, x.createdAt instanceof Date ? x.createdAt.getTime() : Date.parse(`${String(x.createdAt).replace(' ', 'T')}Z`)]);
  for (const end = Date.now() + seconds * 1000; Date.now() < end && created.some(([id]) => !smtp.arrived.has(id)); ) await new Promise((res) => setTimeout(res, 500));
  const times = created.map(([id, at]) => (smtp.arrived.has(id) ? (smtp.arrived.get(id) - at) / 1000 : Infinity)).sort((a, b) => a - b);
  const at = (q) => (times.length ? times[Math.min(times.length - 1, Math.floor(q * times.length))] : null);
  const fmt = (v) => (v == null || !Number.isFinite(v) ? null : +v.toFixed(2));
  return { mails: times.length, delivered: times.filter(Number.isFinite).length, p50Seconds: fmt(at(0.5)), p99Seconds: fmt(at(0.99)), waitedSeconds: seconds };
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

// --report-only: the table again from the last results (say, after a new load test), nothing measured.
if (args.includes('--report-only')) {
  const suffix = ENGINE === 'postgres' ? '-postgres' : '';
  const last = JSON.parse(readFileSync(`bench/results/latest${suffix}.json`, 'utf8'));
  const loadTest = existsSync('bench/results/load-latest.json') ? JSON.parse(readFileSync('bench/results/load-latest.json', 'utf8')) : null;
  const { markdown, rows } = report(last.runs, ENGINE === 'postgres' ? 'PostgreSQL' : 'SQLite', loadTest);
  writeFileSync(`bench/results/latest${suffix}.json`, JSON.stringify({ ...last, rows }, null, 2) + '\n');
  writeFileSync(`bench/results/latest${suffix}.md`, markdown);
  process.stdout.write(markdown);
  process.exit(0);
}
const started = Date.now();
const smtp = await smtpCapture();
const runs = [];
for (const size of SIZES) {
  process.stdout.write(`measuring ${size.toLocaleString('en')} tickets (${ENGINE})…\n`);
  runs.push(await measure(size));
}
await smtp.close();
// The 10-minute load test's last summary, if it was written here (it is a separate run).
const loadTest = existsSync('bench/results/load-latest.json') ? JSON.parse(readFileSync('bench/results/load-latest.json', 'utf8')) : null;
const { markdown, rows, plansText } = report(runs, ENGINE === 'postgres' ? 'PostgreSQL' : 'SQLite', loadTest);
const suffix = ENGINE === 'postgres' ? '-postgres' : '';
process.stdout.write(`\nPlans of every read on the hot paths at ${runs.at(-1).size.toLocaleString('en')} tickets:\n${plansText}\n\n${markdown}`);
mkdirSync('bench/results', { recursive: true });
const meta = { at: new Date().toISOString(), engine: ENGINE, quick, connections: 50, importRows: IMPORT_ROWS, node: process.version, seconds: Math.round((Date.now() - started) / 1000) };
writeFileSync(`bench/results/latest${suffix}.json`, JSON.stringify({ ...meta, rows, runs }, null, 2) + '\n');
writeFileSync(`bench/results/latest${suffix}.md`, markdown);
writeFileSync(`bench/results/plans${suffix}.txt`, plansText + '\n');
writeFileSync(`bench/results/queue-latency${suffix}.svg`, chart(runs));
process.stdout.write(`\nwritten: bench/results/latest${suffix}.{md,json}, plans${suffix}.txt, queue-latency${suffix}.svg (${meta.seconds} s)\n`);
