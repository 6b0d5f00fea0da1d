import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { Options } from 'pino-http';
import type { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import type { Clock } from './common/clock/clock.js';
import { ClockModule } from './common/clock/clock.module.js';
import { DatabaseModule } from './common/database/database.module.js';
import { redactUrl } from './common/http/log-redaction.js';
import { IdempotencyModule } from './common/idempotency/idempotency.module.js';
import { rateLimits } from './common/http/rate-limit.js';
import { DatabaseThrottlerStorage, RateLimitStoreModule } from './common/http/rate-limit-store.js';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter.js';
import { ReadAdmission } from './common/http/read-admission.js';
import { dataSourceOptions } from './database/data-source-options.js';
import { DealersModule } from './modules/dealers/dealers.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { TicketsModule } from './modules/tickets/tickets.module.js';
import { ScheduleModule } from '@nestjs/schedule';
import { EscalationModule } from './modules/escalation/escalation.module.js';
import { ImprovementsModule } from './modules/improvements/improvements.module.js';
import { NotificationsModule } from './modules/notifications/notifications.module.js';
import { AdminModule } from './modules/admin/admin.module.js';
import { ReportingModule } from './modules/reporting/reporting.module.js';
import { SurveysModule } from './modules/surveys/surveys.module.js';
import { SlaModule } from './modules/sla/sla.module.js';
import { TrackingModule } from './modules/tracking/tracking.module.js';
import { UsersModule } from './modules/users/users.module.js';
import { ContactsModule } from './modules/contacts/contacts.module.js';


@Module({})
export class AppModule {
  /** `logStream`: where the logs go instead of stdout (the security suite reads them for secrets). */
  static forRoot(config: AppConfig, options: { clock?: Clock; logStream?: DestinationStream } = {}): DynamicModule {
    const pinoOptions: Options = {
      level: config.logLevel,
      redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
      serializers: {
        req: (req: { method: string; url: string; id: unknown }) => ({ id: req.id, method: req.method, url: redactUrl(req.url) }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health') || (req.url ?? '').startsWith('/static') },
    };
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({ pinoHttp: options.logStream ? [pinoOptions, options.logStream] : pinoOptions }),
        TypeOrmModule.forRoot(dataSourceOptions(config)),
        // The budgets live in the database: every worker process spends from the same ones.
        ThrottlerModule.forRootAsync({
          imports: [RateLimitStoreModule],
          inject: [DatabaseThrottlerStorage],
          useFactory: (storage: DatabaseThrottlerStorage) => ({
            throttlers: rateLimits({ login: config.loginRateLimit, tracking: { limit: config.trackingRateLimit, windowSeconds: 60 } }),
            storage,
          }),
        }),
        ClockModule.forRoot(options.clock),
        DatabaseModule,
        IdempotencyModule,
        DealersModule,
        UsersModule,
        TicketsModule,
        TrackingModule,
        ContactsModule,
        SlaModule,
        NotificationsModule,
        EscalationModule,
        ImprovementsModule,
        SurveysModule,
        ReportingModule,
        AdminModule,
        ScheduleModule.forRoot(),
        HealthModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }, ReadAdmission],
    };
  }
}
