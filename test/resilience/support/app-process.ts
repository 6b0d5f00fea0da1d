import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/**
 * The built app as its own OS process (`node dist/src/main.js`), as it runs in production:
 * what a crash test kills with SIGKILL and what several-instance tests run three of.
 */
export interface AppProcess {
  pid: number;
  baseUrl: string;
  /** From spawn to /health/ready answering 200. */
  readyMs: number;
  /** Resolves with the exit code (or null when killed by a signal). */
  exited: Promise<number | null>;
  output(): string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** The production environment of the app process; `extra` adds or overrides. */
export function appEnv(port: number, extra: Record<string, string>): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    SEED_DEMO: 'true',
    LOG_LEVEL: 'error',
    COOKIE_SECURE: 'false',
    LOGIN_RATE_LIMIT: '10000', LOGIN_ADDRESS_RATE_LIMIT: '10000',
    // One process unless a test is about workers: the crash test's SIGKILL and the instance tests'
    // counts are about one process each (tests that want a cluster set WEB_CONCURRENCY themselves).
    WEB_CONCURRENCY: '1',
    ...extra,
  };
}

export async function startAppProcess(env: Record<string, string>, readyTimeoutMs = 60_000): Promise<AppProcess> {
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, ['-r', './src/thread-pool.cjs', 'dist/src/main.js'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const keep = (b: Buffer) => (out = (out + b.toString()).slice(-20_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let done = false;
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => ((done = true), resolve(code))));
  const baseUrl = `http://${env.HOST}:${env.PORT}`;
  for (;;) {
    if (done) throw new Error(`the app exited before it was ready:\n${out}`);
    if (performance.now() - started > readyTimeoutMs) {
      child.kill('SIGKILL');
      throw new Error(`the app was not ready in ${readyTimeoutMs} ms:\n${out}`);
    }
    const status = await fetch(`${baseUrl}/health/ready`, { signal: AbortSignal.timeout(2000) }).then((r) => r.status, () => 0);
    if (status === 200) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    pid: child.pid!,
    baseUrl,
    readyMs: Math.round(performance.now() - started),
    exited,
    output: () => out,
    kill: async (signal = 'SIGTERM') => {
      if (!done) child.kill(signal);
      await exited;
    },
  };
}

/**
 * A free port below the kernel's ephemeral range (32768 and up): the app takes seconds to
 * listen after we pick it, and a port from listen(0) could meanwhile be handed to another
 * suite on this machine that asks the same way.
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

/** Milliseconds, summarised. */
export function stats(values: number[]): { n: number; min: number; median: number; max: number } {
  const s = [...values].sort((a, b) => a - b);
  return { n: s.length, min: s[0] ?? 0, median: s[Math.floor(s.length / 2)] ?? 0, max: s[s.length - 1] ?? 0 };
}
