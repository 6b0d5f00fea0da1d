/**
 * The read paths of two builds, side by side on the same fill (issue 15, "less work per read"):
 *
 *   git archive <base-commit> | tar -x -C /tmp/base && ln -s "$PWD/node_modules" /tmp/base/ && (cd /tmp/base && npx nest build)
 *   npm run build && node bench/reads-ab.mjs /tmp/base "$PWD" 10000 6 2
 *
 * Each build migrates and seeds its own SQLite file (bench/fill.mjs fills both the same),
 * then serves it in production mode in turn, rounds alternating the order. Besides req/s
 * at 50 connections it reports the server's CPU time per request (user + system, from
 * /proc): on a machine shared with other work, throughput swings with the neighbours while
 * CPU per request says what a request costs.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
const [,, baseDir, newDir, sizeArg, secondsArg, roundsArg] = process.argv;
const size = Number(sizeArg ?? 10000), SECONDS = Number(secondsArg ?? 8), ROUNDS = Number(roundsArg ?? 2);
const { fill } = await import(join(newDir, 'bench/fill.mjs'));
const { throughput, get, settle } = await import(join(newDir, 'bench/lib/load.mjs'));
const server = await import(join(newDir, 'bench/lib/server.mjs'));
const dir = mkdtempSync(join(tmpdir(), 'amends-ab-'));
const dbFor = (name) => ({ kind: 'sqlite', path: join(dir, `${name}.sqlite`) });
// Each build migrates its own copy (the branch adds a migration); both get the same fill.
const prepare = (cwd, db) => { for (const cli of ['migrate', 'seed-demo']) execFileSync(process.execPath, [`dist/src/cli/${cli}.js`], { cwd, env: server.appEnv(db, 0), stdio: ['ignore', 'ignore', 'inherit'] }); };
const dbs = { base: dbFor('base'), new: dbFor('new') };
prepare(baseDir, dbs.base); prepare(newDir, dbs.new);
const refs = {};
for (const [k, db] of Object.entries(dbs)) refs[k] = (await fill(db, size)).firstRef;
async function start(cwd, db, port) {
  const child = spawn(process.execPath, ['-r', './src/thread-pool.cjs', 'dist/src/main.js'], { cwd, env: server.appEnv(db, port), stdio: ['ignore', 'ignore', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 400; i++) { try { if ((await fetch(`${base}/health/ready`)).ok) return { child, base }; } catch {} await new Promise((r) => setTimeout(r, 250)); }
  throw new Error('not ready');
}
/** The server process's CPU time (user + system), in ms: what a request costs whatever else the machine runs. */
const cpuMs = (pid) => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
const stop = (child) => new Promise((r) => { child.once('exit', r); child.kill('SIGTERM'); });
const results = { base: {}, new: {} };
for (let round = 0; round < ROUNDS; round++) {
  for (const k of round % 2 ? ['new', 'base'] : ['base', 'new']) {
    const { child, base } = await start(k === 'base' ? baseDir : newDir, dbs[k], 4900 + Math.floor(Math.random() * 90));
    const headers = await server.signIn(base);
    const paths = { bare: '/health/live', queue0: '/api/tickets?limit=50', queue1: '/api/tickets?limit=50&status=open', ticket50: `/api/tickets/${refs[k]}`, queuePage: '/tickets', ticketPage: `/tickets/${refs[k]}` };
    await throughput({ url: base + paths.queue0, headers }, 2);
    for (const [name, p] of Object.entries(paths)) {
      const h = name.endsWith('Page') ? { ...headers, accept: 'text/html' } : headers;
      await get(base + p, h);
      const cpu0 = cpuMs(child.pid);
      const r = await throughput({ url: base + p, headers: h }, SECONDS);
      r.cpuMsPerRequest = +((cpuMs(child.pid) - cpu0) / r.requests).toFixed(3);
      await settle(base + '/api/tickets?limit=1', headers);
      (results[k][name] ??= []).push(r);
      process.stdout.write(`${k} round ${round} ${name}: ${r.rps}/s p50 ${r.p50} p99 ${r.p99} errors ${r.errors} cpu ${r.cpuMsPerRequest} ms/req\n`);
    }
    await stop(child);
  }
}
const avg = (xs) => Math.round(xs.reduce((a, r) => a + r.rps, 0) / xs.length);
const cpu = (xs) => +(xs.reduce((a, r) => a + r.cpuMsPerRequest, 0) / xs.length).toFixed(3);
process.stdout.write('\npath | base req/s | branch req/s | ratio | base CPU ms/req | branch CPU ms/req | CPU ratio (base/branch)\n');
for (const name of Object.keys(results.base)) {
  const a = avg(results.base[name]), b = avg(results.new[name]);
  const ca = cpu(results.base[name]), cb = cpu(results.new[name]);
  process.stdout.write(`${name} | ${a} | ${b} | ${(b / a).toFixed(2)}x | ${ca} | ${cb} | ${(ca / cb).toFixed(2)}x\n`);
}
rmSync(dir, { recursive: true, force: true });
