import 'reflect-metadata';
import cluster from 'node:cluster';
import { ConfigError, loadConfig, type AppConfig } from './config/app-config.js';
import { createApp } from './app.factory.js';
import { showsInfo, startupLine } from './common/logging/startup-line.js';
import { awaitTurnToListen, reportReady, runPrimary, runsMigrations } from './cluster/primary.js';
import { applyHeapGrowth } from './common/memory/heap-growth.js';

async function bootstrap(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  // Every process (the primary and each worker runs this) bounds its own old generation.
  applyHeapGrowth(config.heapGrowingPercent);
  // One worker process per core by default, all on the one database (SQLite in WAL, or PostgreSQL).
  if (config.webConcurrency > 1 && cluster.isPrimary) return runPrimary(config.webConcurrency, () => announce(config));
  const migrate = runsMigrations();
  const app = await createApp(config, { migrate, seed: migrate ? undefined : false });
  await awaitTurnToListen();
  await app.listen(config.port, config.host);
  if (cluster.isWorker) reportReady();
  else announce(config);
}

function announce(config: AppConfig): void {
  if (!showsInfo(config.logLevel)) return;
  // The pool is sized by the preload (src/thread-pool.cjs); started without it, libuv's default of 4 applies.
  const pool = process.env.UV_THREADPOOL_SIZE ?? '4, start with npm start to size it';
  process.stdout.write(`${startupLine(config, pool)}\n`);
}

void bootstrap();
