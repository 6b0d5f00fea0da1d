import 'reflect-metadata';
import { ConfigError, loadConfig } from './config/app-config.js';
import { createApp } from './app.factory.js';

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
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  // The pool is sized by the preload (src/thread-pool.cjs); started without it, libuv's default of 4 applies.
  const pool = process.env.UV_THREADPOOL_SIZE ?? '4, start with npm start to size it';
  process.stdout.write(`Amends is listening on ${config.publicUrl} (database: ${config.database.kind}, thread pool: ${pool})\n`);
}

void bootstrap();
