import type { NestExpressApplication } from '@nestjs/platform-express';
import { createServer } from 'node:net';
import type { DestinationStream } from 'pino';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory.js';
import type { Clock } from '../../src/common/clock/clock.js';
import { loadConfig, type AppConfig } from '../../src/config/app-config.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface TestApp {
  app: NestExpressApplication;
  baseUrl: string;
  config: AppConfig;
  dataSource: DataSource;
  close(): Promise<void>;
}

/**
 * The real app on a real, fresh database, listening on a free loopback port, with the demo seeded.
 * Sign-in budgets are generous (the fuzz and the access matrix sign in thousands of times from one
 * address); the suites about them set their own.
 */
export async function startTestApp(env: Record<string, string> = {}, options: { clock?: Clock; logStream?: DestinationStream; seed?: true | 'story' } = {}): Promise<TestApp> {
  const db: TestDatabase = await createTestDatabase();
  // The port is chosen first so that tracking links (built on PUBLIC_URL) point at this server.
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', LOGIN_RATE_LIMIT: '1000', LOGIN_ADDRESS_RATE_LIMIT: '100000', LOGIN_ACCOUNT_FREE_FAILURES: '100000', LOGIN_MAX_CONCURRENT_HASHES: '64', SCHEDULER: 'false', PORT: String(port), PUBLIC_URL: baseUrl, ...db.env, ...env });
  const app = await createApp(config, { seed: options.seed ?? true, clock: options.clock, logStream: options.logStream });
  await app.listen(port, '127.0.0.1');
  return {
    app,
    baseUrl,
    config,
    dataSource: app.get(DataSource),
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
