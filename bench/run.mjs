/**
 * `npm run bench` — the hot paths measured against baselines in the same run.
 *
 *   npm run bench              # 10 k and 100 k tickets, 10 s per measurement
 *   npm run bench -- --quick   # 10 k tickets, 3 s per measurement (under two minutes)
 *   npm run bench -- --sizes 10000,100000,1000000
 *
 * For each size: a fresh SQLite file is migrated and seeded by the built app, filled by
 * bulk insert (bench/fill.mjs), then the app is started in production mode (view cache
 * on) and loaded with autocannon from this process, 50 connections. Every figure is
 * printed beside its baseline and their ratio; results go to bench/results/ as Markdown,
 * JSON and an SVG chart of queue latency against ticket count.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { fill } from './fill.mjs';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const sizesArg = args.indexOf('--sizes');
const SIZES = sizesArg >= 0 ? args[sizesArg + 1].split(',').map(Number) : quick ? [10_000] : [10_000, 100_000];
const DURATION = quick ? 3 : 10;
const CONNECTIONS = 50;

function startServer(dbPath, port) {
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    env: { ...process.env, NODE_ENV: 'production', SEED_DEMO: 'true', PORT: String(port), HOST: '127.0.0.1', SQLITE_PATH: dbPath, LOG_LEVEL: 'error', SCHEDULER: 'false', LOGIN_RATE_LIMIT: '10000' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return child;
}

async function waitReady(base) {
  for (let i = 0; i < 240; i++) {
    try { if ((await fetch(`${base}/health/ready`)).ok) return; } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('server not ready');
}

const stop = (child) => new Promise((r) => { child.once('exit', r); child.kill('SIGTERM'); });

function load(opts) {
  return new Promise((resolve, reject) => {
    autocannon({ connections: CONNECTIONS, duration: DURATION, ...opts }, (err, res) => (err ? reject(err) : resolve(res)));
  });
}

const fig = (r) => ({ rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx });

async function measure(size) {
  const dir = mkdtempSync(join(tmpdir(), 'amends-bench-'));
  const dbPath = join(dir, 'bench.sqlite');
  const port = 4100 + Math.floor(Math.random() * 400);
  const base = `http://127.0.0.1:${port}`;
  let server = startServer(dbPath, port);
  await waitReady(base);
  await stop(server);
  const t0 = performance.now();
  await fill(dbPath, size);
  const fillSeconds = (performance.now() - t0) / 1000;
  server = startServer(dbPath, port);
  try {
    await waitReady(base);
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@demo.test', password: 'demo-password' }) });
    const { csrfToken } = await login.json();
    const cookie = login.headers.get('set-cookie').split(';')[0];
    const headers = { cookie, 'x-csrf-token': csrfToken };
    const dealers = await (await fetch(`${base}/api/dealers`, { headers })).json();
    const firstPage = await (await fetch(`${base}/api/tickets?limit=50`, { headers })).json();
    const ref = firstPage.items[0].ref;
    const body = JSON.stringify({
      dealerId: dealers[0].id, department: 'sales', category: 'waiting-time', channel: 'walk-in', severity: 'high',
      customer: { name: 'Bench', email: 'bench@example.com' }, account: 'Waited 25 minutes at the sales desk.',
      onTheSpot: { listened: true, apology: { by: 'Reception', how: 'in-person' }, compensation: { kind: 'fuel', value: { amount: 20, currency: dealers[0].currency } } },
    });
    // Warm up the caches and the JIT.
    await load({ url: `${base}/api/tickets?limit=50`, headers, duration: 1 });
    const results = {
      bare: fig(await load({ url: `${base}/health/live` })),
      queue0: fig(await load({ url: `${base}/api/tickets?limit=50`, headers })),
      queue1: fig(await load({ url: `${base}/api/tickets?limit=50&status=open`, headers })),
      queue3: fig(await load({ url: `${base}/api/tickets?limit=50&status=open&severity=high&department=sales`, headers })),
      queuePage: fig(await load({ url: `${base}/tickets`, headers: { ...headers, accept: 'text/html' } })),
      ticket: fig(await load({ url: `${base}/api/tickets/${ref}`, headers })),
      intake: fig(await load({ url: `${base}/api/tickets`, method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body })),
    };
    return { size, fillSeconds: +fillSeconds.toFixed(1), ...results };
  } finally {
    await stop(server);
    rmSync(dir, { recursive: true, force: true });
  }
}

function chart(runs) {
  const w = 480, h = 240, pad = 40;
  const max = Math.max(1, ...runs.map((r) => r.queue0.p50));
  const x = (i) => pad + (runs.length > 1 ? (i * (w - 2 * pad)) / (runs.length - 1) : (w - 2 * pad) / 2);
  const y = (v) => h - pad - (v / max) * (h - 2 * pad);
  const pts = runs.map((r, i) => `${x(i)},${y(r.queue0.p50)}`).join(' ');
  const labels = runs.map((r, i) => `<text x="${x(i)}" y="${h - 15}" text-anchor="middle" font-size="11">${r.size.toLocaleString('en')}</text><text x="${x(i)}" y="${y(r.queue0.p50) - 8}" text-anchor="middle" font-size="11">${r.queue0.p50} ms</text>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><text x="${w / 2}" y="18" text-anchor="middle" font-size="13">Queue p50 latency by ticket count</text><line x1="${pad}" y1="${h - pad}" x2="${w - pad}" y2="${h - pad}" stroke="#999"/><polyline points="${pts}" fill="none" stroke="#1f5fa8" stroke-width="2"/>${labels}</svg>\n`;
}

const runs = [];
for (const size of SIZES) {
  process.stdout.write(`measuring ${size.toLocaleString('en')} tickets…\n`);
  runs.push(await measure(size));
}
const rows = [];
for (const r of runs) {
  const ratio = (a, b) => (b ? +(a / b).toFixed(2) : null);
  rows.push(
    [r.size, 'POST /api/tickets (on-the-spot)', 'req/s', r.intake.rps, 'bare GET', r.bare.rps, ratio(r.intake.rps, r.bare.rps), '≥ 0.25', `p99 ${r.intake.p99} ms`],
    [r.size, 'GET /api/tickets, 0 filters', 'req/s', r.queue0.rps, 'bare GET', r.bare.rps, ratio(r.queue0.rps, r.bare.rps), '', `p50 ${r.queue0.p50} / p99 ${r.queue0.p99} ms`],
    [r.size, 'GET /api/tickets, 1 filter', 'req/s', r.queue1.rps, 'bare GET', r.bare.rps, ratio(r.queue1.rps, r.bare.rps), '', `p99 ${r.queue1.p99} ms`],
    [r.size, 'GET /api/tickets, 3 filters', 'req/s', r.queue3.rps, 'bare GET', r.bare.rps, ratio(r.queue3.rps, r.bare.rps), '', `p99 ${r.queue3.p99} ms`],
    [r.size, 'queue page (HTML)', 'req/s', r.queuePage.rps, 'GET /api/tickets', r.queue0.rps, ratio(r.queuePage.rps, r.queue0.rps), '≥ 0.5', `p99 ${r.queuePage.p99} ms`],
    [r.size, 'GET /api/tickets/:ref', 'req/s', r.ticket.rps, 'bare GET', r.bare.rps, ratio(r.ticket.rps, r.bare.rps), '≥ 0.4', `p99 ${r.ticket.p99} ms`],
  );
}
if (runs.length > 1) {
  const a = runs[0], b = runs[runs.length - 1];
  rows.push([`${a.size}→${b.size}`, 'queue p50 growth', 'ratio', b.queue0.p50, `p50 at ${a.size}`, a.queue0.p50, a.queue0.p50 ? +(b.queue0.p50 / a.queue0.p50).toFixed(2) : null, '≤ 1.5', '']);
}
const header = '| tickets | path | measure | figure | baseline | baseline figure | ratio | target | latency |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n';
const md = header + rows.map((r) => `| ${r.join(' | ')} |`).join('\n') + '\n';
process.stdout.write(`\n${md}`);
const errors = runs.flatMap((r) => Object.entries(r).filter(([, v]) => v && typeof v === 'object' && v.errors).map(([k, v]) => `${r.size} ${k}: ${v.errors} errors`));
if (errors.length) process.stdout.write(`\nErrors: ${errors.join('; ')}\n`);
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/latest.json', JSON.stringify({ at: new Date().toISOString(), quick, connections: CONNECTIONS, durationSeconds: DURATION, runs }, null, 2) + '\n');
writeFileSync('bench/results/latest.md', md);
writeFileSync('bench/results/queue-latency.svg', chart(runs));
