import cluster, { type Worker } from 'node:cluster';
import { ClusterStart, type StartAction } from './cluster-start.js';

/** What a worker tells the primary; `migrate` is the worker's env flag for migrations and the demo seed. */
export const READY_MESSAGE = 'amends:ready';
export const MIGRATE_ENV = 'AMENDS_WORKER_MIGRATES';
/** A worker has built its app and waits for LISTEN_MESSAGE before it listens (src/cluster/cluster-start.ts). */
export const PREPARED_MESSAGE = 'amends:prepared';
export const LISTEN_MESSAGE = 'amends:listen';

/** In a cluster, waits until the primary says every worker is built; a single process goes on at once. */
export function awaitTurnToListen(): Promise<void> {
  if (!cluster.isWorker || !process.send) return Promise.resolve();
  return new Promise((resolve) => {
    const onMessage = (message: unknown) => {
      if (message !== LISTEN_MESSAGE) return;
      process.off('message', onMessage);
      resolve();
    };
    process.on('message', onMessage);
    process.send!(PREPARED_MESSAGE);
  });
}

/** Whether this process runs the migrations (and the seed): a single process does; of a cluster's workers, only the first. */
export function runsMigrations(): boolean {
  return !cluster.isWorker || process.env[MIGRATE_ENV] === '1';
}

/** A worker tells the primary it is listening. */
export function reportReady(): void {
  if (cluster.isWorker) process.send?.(READY_MESSAGE);
}

/**
 * The primary of `WEB_CONCURRENCY` workers on one port (node:cluster shares the listening
 * socket). It opens no database itself. The first worker migrates and seeds, alone; the
 * others start once it has, so migrations never run twice at once; none listens until all are
 * built (ClusterStart). A worker that dies
 * after it was ready is replaced; one that dies before (a bad database, say) ends the whole
 * start with its exit code. SIGTERM or SIGINT pass the signal on to every worker, wait for
 * them to finish what they are answering, and exit.
 */
export function runPrimary(workers: number, announce: () => void): void {
  let stopping = false;
  const start = new ClusterStart(workers);
  const act = (actions: StartAction[]) => {
    for (const action of actions) {
      if (action.kind === 'fork-others') for (let i = 0; i < action.count; i++) fork(false);
      else if (action.kind === 'listen') for (const id of action.workers) cluster.workers?.[id]?.send(LISTEN_MESSAGE);
      else announce();
    }
  };
  const fork = (migrate: boolean): Worker => {
    const worker = cluster.fork({ [MIGRATE_ENV]: migrate ? '1' : '0' });
    worker.on('message', (message) => {
      if (message === PREPARED_MESSAGE) act(start.on({ kind: 'prepared', worker: worker.id, migrated: migrate }));
      else if (message === READY_MESSAGE) act(start.on({ kind: 'ready', worker: worker.id }));
    });
    return worker;
  };
  cluster.on('exit', (worker, code, signal) => {
    const wasReady = start.stopped(worker.id);
    if (stopping) {
      if (!Object.keys(cluster.workers ?? {}).length) process.exit();
      return;
    }
    if (!wasReady) {
      process.stderr.write(`A worker stopped while starting (${signal ?? `exit code ${code}`}); stopping.\n`);
      process.exitCode = code || 1;
      stop();
      return;
    }
    process.stderr.write(`Worker ${worker.process.pid} stopped (${signal ?? `exit code ${code}`}); starting another.\n`);
    fork(false);
  });
  const stop = () => {
    if (stopping) return;
    stopping = true;
    const alive = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());
    if (!alive.length) process.exit();
    for (const w of alive) w.process.kill('SIGTERM');
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  fork(true);
}
