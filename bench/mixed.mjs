/**
 * Issue 15's "mixed" and "reads 2 vs 1 workers" rows alone, on a fresh fill (a quick look
 * between full bench runs):  npm run build && node bench/mixed.mjs [tickets] [seconds] [what]
 * `what` is a comma list of intake,mixed,reads1,reads2 (all by default).
 */
import { intakeBody } from './lib/intake-body.mjs';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fill } from './fill.mjs';
import { get, settle, throughput } from './lib/load.mjs';
import { readFileSync } from 'node:fs';
import { prepareDatabase, servingPids, signIn, startServer } from './lib/server.mjs';

const size = Number(process.argv[2] ?? 10000), seconds = Number(process.argv[3] ?? 5);
const what = new Set((process.argv[4] ?? 'intake,mixed,reads1,reads2').split(','));
const dir = mkdtempSync(join(tmpdir(), 'amends-mixed-'));
const db = { kind: 'sqlite', path: join(dir, 'bench.sqlite') };
const port = 5000 + Math.floor(Math.random() * 800);
const env = (workers) => ({ WEB_CONCURRENCY: String(workers), SCHEDULER: 'true', SWEEP_INTERVAL_SECONDS: '3600', OUTBOX_INTERVAL_SECONDS: '1', SMTP_HOST: '127.0.0.1', SMTP_PORT: '1' });
const qs = (f) => new URLSearchParams({ limit: '50', ...f }).toString();
/** CPU ms (user + system) of a process, or of one of its threads, from /proc (as in bench/reads-ab.mjs). */
const cpuOf = (pid, tid = null) => { const f = readFileSync(tid ? `/proc/${pid}/task/${tid}/stat` : `/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
/** Each serving process (and the primary when there is one): its CPU and its main thread's (the JavaScript; the rest is GC helpers and libuv's pool). */
const cpuNow = (server) => { const pids = [...new Set([server.child.pid, ...servingPids(server.child.pid)])]; return Object.fromEntries(pids.map((p) => [p, { all: cpuOf(p), main: cpuOf(p, p), ...byThread(p) }])); };
/** CPU ms by thread name (V8's GC helpers, libuv's pool that runs SQLite, …), the main thread apart. */
const byThread = (pid) => {
  const sums = {};
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    if (Number(tid) === pid) continue;
    try { const name = `t:${readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim()}#${tid - pid}`; sums[name] = (sums[name] ?? 0) + cpuOf(pid, tid); } catch { /* ended */ }
  }
  return sums;
};
/** The whole machine's busy and total jiffies (/proc/stat): what else ran beside us. */
const machine = () => { const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number); const idle = f[3] + f[4]; const all = f.reduce((a, b) => a + b, 0); return { busy: all - idle, all }; };
async function withCpu(server, run) {
  // PROBE_PROF: the serving processes profile themselves between two SIGWINCH (a preload of one's own).
  const signal = () => process.env.PROBE_PROF && servingPids(server.child.pid).forEach((p) => process.kill(p, 'SIGWINCH'));
  const before = cpuNow(server), own = process.cpuUsage(), t0 = performance.now(), m0 = machine();
  signal();
  const r = await run();
  signal();
  const after = cpuNow(server), wall = performance.now() - t0, mine = process.cpuUsage(own), m1 = machine();
  const used = (p, k) => after[p][k] - (before[p]?.[k] ?? 0);
  r.cpuMsPerRequest = Object.fromEntries(Object.keys(after).map((p) => [p, +(used(p, 'all') / r.requests).toFixed(2)]));
  // Cores each process kept busy over the run (all threads / the main thread), and the load generator's own (this process).
  r.cores = Object.fromEntries(Object.keys(after).map((p) => [p, `${(used(p, 'all') / wall).toFixed(2)}/${(used(p, 'main') / wall).toFixed(2)}`]));
  // The other threads' CPU per request, by name.
  r.threadMsPerRequest = Object.fromEntries(Object.keys(after).map((p) => [p, Object.fromEntries(Object.keys(after[p]).filter((k) => k.startsWith('t:') && used(p, k) > 0).map((k) => [k.slice(2), +(used(p, k) / r.requests).toFixed(2)]))]));
  r.cores.bench = ((mine.user + mine.system) / 1000 / wall).toFixed(2);
  // Every process on the machine, in cores: beside the above, whatever the neighbours ran.
  r.cores.machine = (((m1.busy - m0.busy) / (m1.all - m0.all)) * availableParallelism()).toFixed(2);
  return r;
}
const show = (name, r) => process.stdout.write(`${name}: ${r.rps}/s p50 ${r.p50} p99 ${r.p99} errors ${r.errors} ${JSON.stringify(r.statuses)}${r.cpuMsPerRequest ? ` CPU ms/request by process ${JSON.stringify(r.cpuMsPerRequest)} cores (all threads/main thread) ${JSON.stringify(r.cores)} other threads ms/request ${JSON.stringify(r.threadMsPerRequest)}` : ''}\n`);
prepareDatabase(db);
const { firstRef } = await fill(db, size);
async function session(workers, fn) {
  const server = await startServer(db, port, env(workers));
  try {
    const headers = await signIn(server.base);
    const url = (p) => server.base + p;
    const dealer = JSON.parse(await get(url('/api/dealers'), headers)).find((d) => d.country === 'nl' && d.name === 'Autohuis Utrecht');
    const body = intakeBody(dealer);
    const intake = () => ({ url: url('/api/tickets'), method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body });
    const readers = () => ({ url: url('/'), requests: [
      { method: 'GET', path: `/api/tickets?${qs({})}`, headers },
      { method: 'GET', path: `/api/tickets/${firstRef}`, headers },
      { method: 'GET', path: '/tickets', headers: { ...headers, accept: 'text/html' } },
    ] });
    const calm = () => settle(url('/api/tickets?limit=1'), headers);
    await throughput(readers(), 3);
    await calm();
    await fn({ intake, readers, calm, server });
  } finally { await server.stop(); }
}
await session(1, async ({ intake, readers, calm, server }) => {
  if (what.has('intake')) { show('intake alone (10)', await throughput(intake(), seconds, 10)); await calm(); }
  if (what.has('mixed')) {
    let i;
    const r = await withCpu(server, async () => { let reads; [i, reads] = await Promise.all([throughput(intake(), Math.max(seconds, 10), 10), throughput(readers(), Math.max(seconds, 10), 40)]); return reads; });
    show('mixed intake (10)', i); show('mixed reads (40)', r); await calm();
  }
  if (what.has('reads1')) show('reads 1 worker (50)', await withCpu(server, () => throughput(readers(), seconds)));
});
if (what.has('reads2')) await session(2, async ({ readers, server }) => {
  show('reads 2 workers (50)', await withCpu(server, () => throughput(readers(), seconds)));
  if (what.has('again')) show('reads 2 workers again (50)', await withCpu(server, () => throughput(readers(), seconds)));
});
rmSync(dir, { recursive: true, force: true });
