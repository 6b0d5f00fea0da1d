#!/usr/bin/env node
/**
 * The long load test: the built app (dist/) as its own process on a fresh SQLite file, with
 * the SLA sweep and the outbox running, under `--connections` clients sending mixed traffic
 * (intake, queue reads, ticket reads, stage changes, the customer's tracking page and API)
 * for `--minutes`. Samples the server's RSS every few seconds and fits a line over the
 * second half. Prints a JSON summary; exits 1 on any error or a memory slope above the bound.
 *
 *   npm run test:load                  10 minutes, 50 connections (builds first)
 *   npm run test:load -- --minutes 1   a shorter run
 *   WEB_CONCURRENCY=2 npm run test:load   two workers: RSS and its slope per worker too
 *   npm run test:load -- --heap-snapshots [dir]   (or LOAD_HEAP_SNAPSHOTS=dir) a heap snapshot of
 *       every worker at the half-way mark and at the end (node's --heapsnapshot-signal, SIGWINCH), then
 *       the growth between them per constructor (bench/lib/heap-diff.mjs); default dir
 *       test-output/heap. Writing a snapshot pauses the worker for seconds and its RSS jumps:
 *       read that run's slope as indicative, take the slope from a run without snapshots.
 *   options: --connections N  --max-slope MB/min (default 5)  --json <file>
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { diffFiles } from '../../bench/lib/heap-diff.mjs';
import { SMTPServer } from 'smtp-server';

// `--name value`, or `--name` alone (a flag: 'true').
const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1] && !all[i + 1].startsWith('--') ? all[i + 1] : 'true']] : pairs), []),
);
const HEAP_DIR = args['heap-snapshots'] ?? process.env.LOAD_HEAP_SNAPSHOTS;
const heapDir = HEAP_DIR ? resolve(HEAP_DIR === 'true' || HEAP_DIR === '1' ? 'test-output/heap' : HEAP_DIR) : null;
const MINUTES = Number(args.minutes ?? 10);
const CONNECTIONS = Number(args.connections ?? 50);
// RSS saw-tooths by ±50 MB with the collector; over five minutes of 5 s samples a fitted
// slope is good to about ±3 MB/min, so 5 MB/min is the smallest bound that does not cry wolf.
const MAX_SLOPE = Number(args['max-slope'] ?? 5);
const SAMPLE_MS = Number(args['sample-seconds'] ?? 5) * 1000;
const REQUEST_TIMEOUT_MS = 60_000;
if (!(MINUTES > 0) || !(CONNECTIONS > 0)) throw new Error('--minutes and --connections must be positive numbers');

const log = (s) => process.stderr.write(`load: ${s}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A free port below the kernel's ephemeral range, so no listen(0) elsewhere takes it while the app boots. */
async function freePort() {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await new Promise((resolve) => {
      const s = createServer();
      s.once('error', () => resolve(false));
      s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

/** A real SMTP server that accepts and counts (the outbox sends for real). */
async function smtpSink() {
  let received = 0;
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
    onData(stream, _session, cb) { stream.on('end', () => { received++; cb(); }); stream.resume(); },
  });
  // The app's pooled connection is reset when the app stops: not an error of the run.
  server.on('error', () => {});
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { port: server.server.address().port, received: () => received, close: () => new Promise((r) => server.close(r)) };
}

async function startApp(dir, smtpPort) {
  const port = await freePort();
  const env = {
    PATH: process.env.PATH, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`,
    SQLITE_PATH: join(dir, 'amends.sqlite'), SEED_DEMO: 'true', LOG_LEVEL: 'error', COOKIE_SECURE: 'false', LOGIN_RATE_LIMIT: '10000', LOGIN_ADDRESS_RATE_LIMIT: '10000',
    SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtpPort), SCHEDULER: 'true', SWEEP_INTERVAL_SECONDS: '10', OUTBOX_INTERVAL_SECONDS: '5',
    // The memory samples are of the process spawned here: one worker, unless asked for more.
    WEB_CONCURRENCY: process.env.WEB_CONCURRENCY ?? '1', MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2',
  };
  // Workers are forked with the primary's execArgv, so each answers the snapshot signal.
  // SIGWINCH, not the usual SIGUSR2: Nest's shutdown hooks take SIGUSR2 as "stop".
  const heapArgs = heapDir ? ['--heapsnapshot-signal=SIGWINCH', `--diagnostic-dir=${heapDir}`] : [];
  const child = spawn(process.execPath, [...heapArgs, '-r', './src/thread-pool.cjs', 'dist/src/main.js'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (b) => (output = (output + b.toString()).slice(-20_000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = false;
  child.once('exit', () => (exited = true));
  const baseUrl = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (exited) throw new Error(`the app exited before it was ready:\n${output}`);
    if (Date.now() - started > 90_000) { child.kill('SIGKILL'); throw new Error(`the app was not ready in 90 s:\n${output}`); }
    const s = await fetch(`${baseUrl}/health/ready`).then((r) => r.status, () => 0);
    if (s === 200) break;
    await sleep(100);
  }
  return { child, baseUrl, output: () => output, exited: () => exited };
}

async function json(baseUrl, method, path, { key, body } = {}) {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { accept: 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
    // A request that never answers is an error of the run, not a run that never ends.
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await res.text();
  return { status: res.status, body: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
}

/** Keys for the receptionist (intake) and the quality manager (queue and stage changes). */
async function setUp(baseUrl) {
  const login = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@demo.test', password: 'demo-password' }) });
  if (login.status !== 200) throw new Error(`admin login: ${login.status}`);
  const { csrfToken } = await login.json();
  const cookie = login.headers.get('set-cookie').split(';')[0];
  const admin = (method, path, body) =>
    fetch(`${baseUrl}${path}`, { method, headers: { cookie, 'x-csrf-token': csrfToken, accept: 'application/json', 'content-type': 'application/json' }, body: body && JSON.stringify(body) }).then((r) => r.json());
  const users = await admin('GET', '/api/users');
  const keyFor = async (email) => (await admin('POST', '/api/admin/api-keys', { userId: users.find((u) => u.email === email).id, name: `load ${email}` })).key;
  const dealers = await admin('GET', '/api/dealers');
  return { reception: await keyFor('reception.nl@demo.test'), quality: await keyFor('quality@demo.test'), nl: dealers.find((d) => d.country === 'nl').id };
}

function percentile(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0;
}

/** Least-squares slope of (t minutes, rss MB). */
function slope(points) {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, p) => s + p[0], 0) / n;
  const my = points.reduce((s, p) => s + p[1], 0) / n;
  const num = points.reduce((s, p) => s + (p[0] - mx) * (p[1] - my), 0);
  const den = points.reduce((s, p) => s + (p[0] - mx) ** 2, 0);
  return den ? num / den : 0;
}

function rssMb(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** The processes that serve: the workers when the app runs a cluster, else the app itself. */
function servingPids(pid) {
  let children = [];
  try { children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number); } catch { /* exited */ }
  return children.length ? children : [pid];
}

/** A heap snapshot of each of `pids`, waiting until each file is written completely; the files. */
async function snapshot(pids, label) {
  const before = new Set(readdirSync(heapDir));
  for (const pid of pids) process.kill(pid, 'SIGWINCH');
  const sizes = new Map(); // file → [size seen last, stable]
  const fileOf = (pid) => readdirSync(heapDir).filter((f) => !before.has(f) && f.endsWith('.heapsnapshot') && f.includes(`.${pid}.`)).sort()[0];
  for (const end = Date.now() + 180_000; Date.now() < end; ) {
    await sleep(2000);
    for (const pid of pids) {
      const f = fileOf(pid);
      if (!f) continue;
      const size = statSync(join(heapDir, f)).size;
      // Complete once its size stopped changing between two looks.
      sizes.set(f, [size, size > 0 && sizes.get(f)?.[0] === size]);
    }
    if (pids.every((p) => fileOf(p) && sizes.get(fileOf(p))?.[1])) break;
  }
  const files = new Map(pids.filter(fileOf).map((pid) => [pid, { file: join(heapDir, fileOf(pid)) }]));
  log(`heap snapshots at the ${label} mark: ${[...files.values()].map((f) => f.file).join(', ')}`);
  return Object.fromEntries([...files].map(([pid, f]) => [pid, f.file]));
}

async function main() {
  if (heapDir) mkdirSync(heapDir, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'amends-load-'));
  const smtp = await smtpSink();
  const app = await startApp(dir, smtp.port);
  const { baseUrl } = app;
  try {
    const keys = await setUp(baseUrl);
    log(`app ready at ${baseUrl} (pid ${app.child.pid}); ${CONNECTIONS} connections for ${MINUTES} min`);

    const toListen = []; // refs waiting for their listen stage
    const toApologise = [];
    const tokens = []; // the customers' tracking tokens, the newest few hundred
    const refs = [];
    const latencies = {};
    const errors = {};
    const samplesOfErrors = [];
    let requests = 0;
    let serial = 0;

    const record = (kind, ms, ok, detail) => {
      requests++;
      (latencies[kind] ??= []).push(ms);
      if (!ok) {
        errors[kind] = (errors[kind] ?? 0) + 1;
        if (samplesOfErrors.length < 20) samplesOfErrors.push(`${kind}: ${detail}`);
      }
    };
    const timed = async (kind, fn, expected) => {
      const t = performance.now();
      try {
        const r = await fn();
        record(kind, performance.now() - t, expected.includes(r.status), `${r.status} ${String(typeof r.body === 'string' ? r.body : JSON.stringify(r.body)).slice(0, 200)}`);
        return r;
      } catch (e) {
        record(kind, performance.now() - t, false, `${e.message} ${e.cause?.code ?? ""} ${e.cause?.message ?? ""}`);
        return null;
      }
    };

    const actions = [
      [20, async () => {
        const n = serial++;
        const r = await timed('intake', () => json(baseUrl, 'POST', '/api/tickets', { key: keys.reception, body: {
          dealerId: keys.nl, department: n % 2 ? 'sales' : 'service', category: 'workmanship', channel: 'phone', severity: ['low', 'medium', 'high', 'critical'][n % 4],
          customer: { name: `Load Customer ${n}`, email: `load.${n}@example.com` }, account: `Complaint number ${n} under load.`,
        } }), [201]);
        if (r?.status === 201) {
          toListen.push(r.body.ref);
          refs.push(r.body.ref);
          if (refs.length > 500) refs.shift();
          tokens.push(r.body.trackingUrl.split('/track/')[1]);
          if (tokens.length > 500) tokens.shift();
        }
      }],
      [25, async () => {
        const q = ['?limit=50', '?sort=nextDue&limit=50', '?status=open&limit=100', '?severity=high&limit=50', '?sort=receivedAt&stage=listen&limit=50'][serial % 5];
        await timed('queue', () => json(baseUrl, 'GET', `/api/tickets${q}`, { key: keys.quality }), [200]);
      }],
      [15, async () => {
        const ref = refs[Math.floor(Math.random() * refs.length)];
        if (ref) await timed('ticket', () => json(baseUrl, 'GET', `/api/tickets/${ref}`, { key: keys.quality }), [200]);
      }],
      [15, async () => {
        // Each ticket's stages once, in order: listen, then apologise.
        const apologise = toApologise.length > 0 && Math.random() < 0.5;
        const ref = apologise ? toApologise.shift() : toListen.shift();
        if (!ref) return;
        const body = apologise ? { by: 'Quinn', how: 'phone', message: 'Sorry for the trouble.' } : { contactedVia: 'phone' };
        const r = await timed('stage', () => json(baseUrl, 'POST', `/api/tickets/${ref}/stages/${apologise ? 'apologise' : 'listen'}`, { key: keys.quality, body }), [200, 201]);
        if (!apologise && r && r.status < 300) toApologise.push(ref);
      }],
      [13, async () => {
        const token = tokens[Math.floor(Math.random() * tokens.length)];
        if (token) await timed('track-api', () => json(baseUrl, 'GET', `/api/track/${token}`), [200]);
      }],
      [12, async () => {
        const token = tokens[Math.floor(Math.random() * tokens.length)];
        if (token) await timed('track-page', async () => {
          const res = await fetch(`${baseUrl}/track/${token}`, { headers: { accept: 'text/html' }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
          return { status: res.status, body: await res.text() };
        }, [200]);
      }],
    ];
    const total = actions.reduce((s, [w]) => s + w, 0);
    const pick = () => {
      let r = Math.random() * total;
      for (const [w, f] of actions) if ((r -= w) < 0) return f;
      return actions[0][1];
    };

    const start = performance.now();
    const end = start + MINUTES * 60_000;
    // Total RSS of the serving processes, and each worker's own series (keyed by pid).
    const rss = [];
    const perWorker = {};
    const sample = () => {
      if (app.exited()) return;
      const t = (performance.now() - start) / 60_000;
      let total = 0;
      for (const pid of servingPids(app.child.pid)) {
        const mb = rssMb(pid);
        if (!Number.isFinite(mb)) continue;
        total += mb;
        (perWorker[pid] ??= []).push([t, mb]);
      }
      rss.push([t, total]);
    };
    const sampler = setInterval(sample, SAMPLE_MS);
    sample();
    const snapshots = {};
    const halfWay = heapDir ? setTimeout(() => { snapshots.half = snapshot(servingPids(app.child.pid), 'half-way'); }, (MINUTES * 60_000) / 2) : null;
    let lastReport = start;
    await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < end && !app.exited()) {
        await pick()();
        if (performance.now() - lastReport > 60_000) {
          lastReport = performance.now();
          log(`${Math.round((lastReport - start) / 1000)} s: ${requests} requests, ${Object.values(errors).reduce((a, b) => a + b, 0)} errors, RSS ${rss.at(-1)?.[1].toFixed(1)} MB`);
        }
      }
    }));
    clearInterval(sampler);
    clearTimeout(halfWay);
    const seconds = (performance.now() - start) / 1000;
    let heapGrowth;
    if (heapDir && snapshots.half) {
      const half = await snapshots.half;
      const end = await snapshot(Object.keys(half).map(Number), 'end');
      // What grew per constructor from the half-way mark to the end, per worker.
      heapGrowth = Object.fromEntries(Object.keys(half).filter((pid) => end[pid]).map((pid) => [pid, { half: half[pid], end: end[pid], top: diffFiles(half[pid], end[pid], 12) }]));
      for (const [pid, g] of Object.entries(heapGrowth)) { log(`heap growth in worker ${pid}, half-way → end (self size by constructor):`); console.table(g.top); }
    }

    const all = Object.values(latencies).flat().sort((a, b) => a - b);
    const perKind = Object.fromEntries(Object.entries(latencies).map(([k, v]) => {
      const s = [...v].sort((a, b) => a - b);
      return [k, { n: s.length, p50: +percentile(s, 50).toFixed(1), p99: +percentile(s, 99).toFixed(1), errors: errors[k] ?? 0 }];
    }));
    const secondHalf = (series) => series.filter(([t]) => t >= MINUTES / 2);
    const rssSlope = slope(secondHalf(rss));
    const workers = Object.entries(perWorker).map(([pid, series]) => ({
      pid: Number(pid), firstMb: +series[0][1].toFixed(1), lastMb: +series.at(-1)[1].toFixed(1), maxMb: +Math.max(...series.map((p) => p[1])).toFixed(1), secondHalfSlopeMbPerMin: +slope(secondHalf(series)).toFixed(2),
    }));
    const errorCount = Object.values(errors).reduce((a, b) => a + b, 0);
    const summary = {
      minutes: MINUTES, connections: CONNECTIONS, seconds: Math.round(seconds), requests, rps: Math.round(requests / seconds), errors: errorCount, errorSamples: samplesOfErrors,
      p50: +percentile(all, 50).toFixed(1), p99: +percentile(all, 99).toFixed(1), max: +(all.at(-1) ?? 0).toFixed(1), perKind,
      rss: { firstMb: +rss[0][1].toFixed(1), lastMb: +rss.at(-1)[1].toFixed(1), maxMb: +Math.max(...rss.map((p) => p[1])).toFixed(1), samples: rss.length, secondHalfSlopeMbPerMin: +rssSlope.toFixed(2), boundMbPerMin: MAX_SLOPE, perWorker: workers },
      // Writing a snapshot costs the worker RSS of its own: such a run's slope is indicative only.
      heapSnapshots: !!heapDir,
      ...(heapGrowth ? { heapGrowth } : {}),
      mailsDelivered: smtp.received(), appAlive: !app.exited(),
    };
    console.log(JSON.stringify(summary, null, 2));
    if (args.json) writeFileSync(args.json, JSON.stringify({ ...summary, rssSeries: rss.map(([t, mb]) => [+t.toFixed(2), +mb.toFixed(1)]) }));
    const failures = [];
    if (!summary.appAlive) failures.push(`the app died:\n${app.output()}`);
    if (errorCount > 0) failures.push(`${errorCount} errors`);
    // Several workers: the bound holds for each (the total of n workers may grow n times as fast).
    const worst = Math.max(...workers.map((w) => w.secondHalfSlopeMbPerMin), workers.length > 1 ? -Infinity : rssSlope);
    if (worst > MAX_SLOPE) failures.push(`RSS grows ${worst.toFixed(2)} MB/min over the second half${workers.length > 1 ? ' in a worker' : ''} (bound ${MAX_SLOPE})`);
    if (failures.length) { log(`FAILED: ${failures.join('; ')}`); process.exitCode = 1; } else log('ok');
  } finally {
    app.child.kill('SIGTERM');
    await new Promise((r) => (app.exited() ? r() : app.child.once('exit', r)));
    await smtp.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => { log(e.stack ?? String(e)); process.exit(1); });
