/** The built app in its own process, as production runs it, and what it costs in memory. */
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** One worker unless WEB_CONCURRENCY says otherwise: the memory figures are of one process, comparable with earlier runs. */
export function appEnv(db, port) {
  const database = db.kind === 'postgres' ? { DATABASE_URL: db.url } : { SQLITE_PATH: db.path };
  return { ...process.env, NODE_ENV: 'production', SEED_DEMO: 'true', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'error', SCHEDULER: 'false', COOKIE_SECURE: 'false', LOGIN_RATE_LIMIT: '10000', LOGIN_ADDRESS_RATE_LIMIT: '10000', WEB_CONCURRENCY: process.env.WEB_CONCURRENCY ?? '1', MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2', ...database };
}

/** Migrates and seeds the demo with the app's own commands. */
export function prepareDatabase(db) {
  for (const cli of ['migrate', 'seed-demo']) execFileSync(process.execPath, [`dist/src/cli/${cli}.js`], { env: appEnv(db, 0), stdio: ['ignore', 'ignore', 'inherit'] });
}

/** `env` adds to or overrides appEnv (WEB_CONCURRENCY, the scheduler and SMTP for the outbox). */
export async function startServer(db, port, env = {}) {
  const child = spawn(process.execPath, ['-r', './src/thread-pool.cjs', 'dist/src/main.js'], { env: { ...appEnv(db, port), ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/health/ready`)).ok) return { child, base, stop: () => stop(child), rssMiB: () => rssMiB(child.pid) };
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill('SIGKILL');
  throw new Error('the server did not become ready');
}

const stop = (child) => new Promise((r) => { if (child.exitCode !== null || child.signalCode !== null) return r(); child.once('exit', r); child.kill('SIGTERM'); });

export function rssMiB(pid) {
  const kib = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  return +(kib / 1024).toFixed(1);
}

/** The processes that serve: a cluster's workers, or the process itself. */
export function servingPids(pid) {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    if (children.length) return children;
  } catch { /* exited */ }
  return [pid];
}

/** A process's resident memory, split: anonymous (heaps: V8's, SQLite's page caches, malloc) and file-backed (code, mapped files). */
function rssParts(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const mib = (field) => +(Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024).toFixed(1);
  return { rss: mib('VmRSS'), anon: mib('RssAnon'), file: mib('RssFile'), threads: Number(/Threads:\s+(\d+)/.exec(status)?.[1] ?? 0) };
}

/**
 * Samples the RSS of each serving process every 250 ms until stopped; the highest of any one
 * (per worker). `phase(name)` starts a phase: `peaks` (shared across samplers, so a phase may
 * span server restarts) holds each phase's highest worker, with its anonymous and file-backed parts.
 */
export function rssSampler(pid, peaks = {}, first = 'start') {
  let phase = first;
  let peak = 0;
  const sample = () => {
    for (const p of servingPids(pid)) {
      let parts;
      try { parts = rssParts(p); } catch { continue; }
      peak = Math.max(peak, parts.rss);
      if (!(peaks[phase]?.rss >= parts.rss)) peaks[phase] = parts;
    }
  };
  sample();
  const timer = setInterval(sample, 250);
  return {
    phase: (name) => { sample(); phase = name; },
    stop: () => { clearInterval(timer); sample(); return peak; },
  };
}

/** Signs in as the demo admin: the headers a session caller sends. */
export async function signIn(base, email = 'admin@demo.test') {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'demo-password' }) });
  if (!res.ok) throw new Error(`sign-in answered ${res.status}`);
  const { csrfToken } = await res.json();
  return { cookie: res.headers.get('set-cookie').split(';')[0], 'x-csrf-token': csrfToken };
}
