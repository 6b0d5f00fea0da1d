import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module.js';
import type { AppConfig } from './config/app-config.js';
import type { Clock } from './common/clock/clock.js';
import { quietStartup } from './common/logging/quiet-startup.js';
import { formBodiesOnly } from './common/http/form-bodies.js';
import { refuseDeepJson } from './common/http/json-depth.js';
import { noStore } from './common/http/no-store.js';
import { ReadAdmission } from './common/http/read-admission.js';
import { openApiDocument } from './common/openapi/openapi-document.js';
import { createValidationPipe } from './common/http/validation.js';
import { setupViews } from './common/views/setup-views.js';
import { tuneDatabase } from './database/data-source-options.js';
import { seedDemoExtras, seedDemoIfEmpty } from './database/seeds/demo.seed.js';

/**
 * The whole app, configured and migrated, not yet listening: used by `main.ts`, the
 * commands and the end-to-end tests alike, so tests run exactly what ships.
 */
export async function createApp(config: AppConfig, options: { seed?: boolean | 'story'; migrate?: boolean; clock?: Clock; logStream?: DestinationStream } = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, { clock: options.clock, logStream: options.logStream }), {
    bufferLogs: true,
  });
  // Nest's hundred lines of modules and routes at start are debug, not info.
  app.useLogger(quietStartup(app.get(Logger)));
  app.enableShutdownHooks();
  // req.ip (sign-in budgets, logs) is the proxy's address unless we are told how many proxies to believe;
  // never `true`, or anyone could name their own address in X-Forwarded-For.
  app.set('trust proxy', config.trustProxyHops > 0 ? config.trustProxyHops : false);
  // Every dynamic answer is no-store (noStore below): no browser keeps one to revalidate, so
  // Express's ETag would only hash each body (an 84 KB queue page, 50 events) for nothing.
  // Static files keep theirs (serve-static's own).
  app.set('etag', false);
  closeConnectionsWhenClosing(app);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          upgradeInsecureRequests: null,
        },
      },
      referrerPolicy: { policy: 'same-origin' },
    }),
  );
  app.use(noStore);
  // Reads wait their turn here, before anything is parsed; writes pass at once (issue 15: writes never queue behind reads).
  app.use(app.get(ReadAdmission).middleware);
  app.use(cookieParser());
  app.use(formBodiesOnly);
  // `verify` is left out of Nest's types (Nest's own rawBody option would replace it): the depth check sees the raw body
  // before JSON.parse, and keeps it as req.rawBody, since a signed survey delivery's HMAC covers the bytes as sent.
  app.useBodyParser('json', { limit: '100kb', verify: refuseDeepJson() } as Parameters<NestExpressApplication['useBodyParser']>[1]);
  app.useBodyParser('urlencoded', { limit: '100kb', extended: false });
  app.useGlobalPipes(createValidationPipe());
  setupViews(app);
  setupOpenApi(app);

  // Providers (and so the DataSource) exist once the app is created; migrate before anything starts.
  const dataSource = app.get(DataSource);
  await tuneDatabase(dataSource);
  // A cluster's other workers skip it: the first worker has migrated before they start.
  if (options.migrate ?? true) await dataSource.runMigrations({ transaction: 'each' });
  // Seeded before init, so that no scheduled job (the outbox, the sweep) runs while the demo story replays past weeks.
  // `seed: true` is the minimal demo (the suites); unset follows the configuration, where npm start tells the story.
  const seed = options.seed ?? config.seedDemo;
  // The test suites' figures count the plain demo: the outer-loop and loyalty demos are left out under NODE_ENV=test.
  const seeded = seed ? await seedDemoIfEmpty(app, { story: seed === 'story' || (options.seed === undefined && config.demoStory.enabled) ? config.demoStory.seed : null, outerLoop: false }) : false;
  await app.init();
  // The improvements and loyalty demos go through hooks registered at init; the suites leave them out.
  if (seeded && config.env !== 'test') await seedDemoExtras(app);
  return app;
}

/**
 * Once shutdown begins, every answer closes its connection. Otherwise clients that keep
 * connections alive hold the closing server open for ever: found by the load test, where
 * after SIGTERM the app stopped accepting but went on serving its open connections and
 * never exited. The database stays open until the server has closed.
 */
function closeConnectionsWhenClosing(app: NestExpressApplication): void {
  const adapter = app.getHttpAdapter() as unknown as { isShuttingDown?: boolean };
  app.use((_req: unknown, res: { setHeader(name: string, value: string): void }, next: () => void) => {
    if (adapter.isShuttingDown) res.setHeader('Connection', 'close');
    next();
  });
}

function setupOpenApi(app: NestExpressApplication): void {
  SwaggerModule.setup('api/docs', app, openApiDocument(app), { jsonDocumentUrl: 'api/docs-json' });
}
