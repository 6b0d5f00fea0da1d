import { plainToInstance, Transform } from 'class-transformer';
import { availableParallelism } from 'node:os';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, validateSync } from 'class-validator';

/** A whole number in a range, with one message for every way it can be wrong. */
function IntRange(min: number, max: number): PropertyDecorator {
  const message = `$property must be a whole number from ${min} to ${max}`;
  const decorators = [IsInt({ message }), Min(min, { message }), Max(max, { message })];
  return (target, key) => decorators.forEach((d) => d(target, key));
}

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;

/** Half the cores, at least one (src/thread-pool.cjs sizes the pool with the same rule). */
export function defaultHashSlots(): number {
  return Math.max(1, Math.floor(availableParallelism() / 2));
}

/** The environment Amends reads, validated once at start. Names are the variables themselves. */
export class EnvironmentVariables {
  @IsOptional() @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsOptional() @Transform(toInt) @IntRange(0, 65535)
  PORT = 3000;

  @IsOptional() @IsString()
  HOST = '0.0.0.0';

  /** Unset: the embedded SQLite file. `postgres://…`: PostgreSQL. */
  @IsOptional() @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL (leave it unset for SQLite)' })
  DATABASE_URL?: string;

  @IsOptional() @IsString()
  SQLITE_PATH = 'data/amends.sqlite';

  /** Where customers and staff reach the app; used to build tracking links. */
  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'PUBLIC_URL must be an http(s) URL' })
  PUBLIC_URL?: string;

  @IsOptional() @Transform(toInt) @IntRange(1, 24 * 60)
  SESSION_IDLE_MINUTES = 30;

  @IsOptional() @Transform(toInt) @IntRange(1, 7 * 24)
  SESSION_ABSOLUTE_HOURS = 12;

  /** Force the Secure cookie flag on or off; by default it is on unless the request is to plain localhost. */
  @IsOptional() @Transform(toBool) @IsBoolean({ message: 'COOKIE_SECURE must be true or false' })
  COOKIE_SECURE?: boolean;

  @IsOptional() @Transform(toInt) @IntRange(1, 10_000)
  LOGIN_RATE_LIMIT = 10;

  @IsOptional() @Transform(toInt) @IntRange(1, 3600)
  LOGIN_RATE_WINDOW_SECONDS = 60;

  /** Sign-in attempts per client address across all e-mails, in the same window (an office behind one address shares it). */
  @IsOptional() @Transform(toInt) @IntRange(1, 100_000)
  LOGIN_ADDRESS_RATE_LIMIT = 30;

  /** Failed sign-ins an account may have (from any address) before each further attempt waits 1, 2, 4 … seconds. */
  @IsOptional() @Transform(toInt) @IntRange(1, 100_000)
  LOGIN_ACCOUNT_FREE_FAILURES = 5;

  /** The longest wait between attempts on one account: a growing delay, never a lockout. */
  @IsOptional() @Transform(toInt) @IntRange(1, 24 * 3600)
  LOGIN_ACCOUNT_MAX_DELAY_SECONDS = 900;

  /**
   * Password verifications running at once; beyond it sign-in answers 503 with Retry-After. Each
   * takes a core for a while, so by default half the cores (at least one) and the rest stay free.
   */
  @IsOptional() @Transform(toInt) @IntRange(1, 64)
  LOGIN_MAX_CONCURRENT_HASHES = defaultHashSlots();

  /** Proxies in front of the app (hops) whose X-Forwarded-For is believed; 0: none, the header is ignored. */
  @IsOptional() @Transform(toInt) @IntRange(0, 10)
  TRUST_PROXY = 0;

  /** Customer posts per tracking link per minute. */
  @IsOptional() @Transform(toInt) @IntRange(1, 100_000)
  TRACKING_RATE_LIMIT = 20;

  /**
   * A queue search matching more tickets than this walks the queue in its order and checks
   * each ticket against the full-text index; fewer are read from the index and sorted.
   */
  @IsOptional() @Transform(toInt) @IntRange(1, 1_000_000)
  QUEUE_SEARCH_WALK_ABOVE = 5000;

  /** Days after a ticket closes that its tracking links stop working (then they answer as unknown links). */
  @IsOptional() @Transform(toInt) @IntRange(1, 3650)
  TRACKING_LINK_DAYS_AFTER_CLOSE = 90;

  /** Seed the demo on an empty database at start (never in production unless set to true). */
  @IsOptional() @Transform(toBool) @IsBoolean({ message: 'SEED_DEMO must be true or false' })
  SEED_DEMO?: boolean;

  /** The demo seeds twelve weeks of history (src/database/seeds/story); default on in development (npm start), off in test and production (the suites, bench and load test keep the minimal demo). */
  @IsOptional() @Transform(toBool) @IsBoolean({ message: 'DEMO_STORY must be true or false' })
  DEMO_STORY?: boolean;

  /** The story's seed: the same seed and start time give the same history. */
  @IsOptional() @Transform(toInt) @IntRange(0, 4_294_967_295)
  DEMO_STORY_SEED = 20261130;

  @IsOptional() @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** SMTP server for e-mail; unset: mails are written to the log (development). */
  @IsOptional() @IsString()
  SMTP_HOST?: string;

  @IsOptional() @Transform(toInt) @IntRange(1, 65535)
  SMTP_PORT = 25;

  @IsOptional() @IsString()
  SMTP_FROM = 'Amends <no-reply@amends.local>';

  @IsOptional() @Transform(toBool) @IsBoolean({ message: 'SMTP_STARTTLS must be true or false' })
  SMTP_STARTTLS?: boolean;

  /**
   * Worker processes serving the port (node:cluster), all on the one database; by default one per
   * core. 1: a single process, no cluster.
   */
  @IsOptional() @Transform(toInt) @IntRange(1, 64)
  WEB_CONCURRENCY = availableParallelism();

  /**
   * How far V8 lets the old generation grow past what survived its last full collection, in
   * percent (100: to twice the live heap). V8's own choice, up to four times under a high rate
   * of promotion, took a worker's RSS past 300 MB on a 60 MB live heap. 0: V8 decides.
   */
  @IsOptional() @Transform(toInt) @IntRange(0, 300)
  HEAP_GROWING_PERCENT = 100;

  /**
   * Reads (GET and HEAD, not /health or /static) one worker processes at once; the rest wait in
   * order of arrival while writes pass at once (src/common/http/read-gate.ts). Reads are bound by
   * the one main thread, so more at once only makes each slower and every write wait behind more
   * of them. 1 measured best beside 10 posting intakes (bench/mixed.mjs: twice the intakes of no
   * gate, more reads answered; 2 and 4 in between). 0: no gate.
   */
  @IsOptional() @Transform(toInt) @IntRange(0, 10_000)
  READS_IN_FLIGHT = 1;

  /** Reads that may wait for a turn; one more answers 503 with Retry-After at once. */
  @IsOptional() @Transform(toInt) @IntRange(1, 100_000)
  READ_QUEUE_LIMIT = 1000;

  /** Milliseconds a read may wait for its turn before it answers 503 with Retry-After. */
  @IsOptional() @Transform(toInt) @IntRange(1, 600_000)
  READ_QUEUE_WAIT_MS = 10_000;

  /** The in-app schedule (SLA sweep every minute, outbox every few seconds); off in tests that drive them. */
  @IsOptional() @Transform(toBool) @IsBoolean({ message: 'SCHEDULER must be true or false' })
  SCHEDULER?: boolean;

  /** Seconds between SLA sweeps (the resilience suite shortens it; a minute is plenty in production). */
  @IsOptional() @Transform(toInt) @IntRange(1, 3600)
  SWEEP_INTERVAL_SECONDS = 60;

  /** Seconds between outbox rounds. */
  @IsOptional() @Transform(toInt) @IntRange(1, 3600)
  OUTBOX_INTERVAL_SECONDS = 5;

  /** How long a mail being sent stays claimed before another worker may retry it (a sender that died mid-send). */
  @IsOptional() @Transform(toInt) @IntRange(5, 3600)
  OUTBOX_LEASE_SECONDS = 120;

  /** Mails claimed per outbox transaction (and marked sent in one statement). */
  @IsOptional() @Transform(toInt) @IntRange(1, 1000)
  OUTBOX_BATCH = 50;

  /** Mails of a batch in flight at once: the SMTP pool's connections. */
  @IsOptional() @Transform(toInt) @IntRange(1, 50)
  OUTBOX_CONCURRENCY = 5;

  /**
   * Due SLA timers per sweep transaction. 40 keeps one batch well under 50 ms of the writer at
   * 1 M tickets (100 held it ~100 ms).
   */
  @IsOptional() @Transform(toInt) @IntRange(1, 1000)
  SWEEP_BATCH = 40;

  /**
   * A write transaction holding the writer (SQLite) or staying open (PostgreSQL) longer than this
   * many milliseconds is logged as a warning, with what it was; 0 logs every one.
   */
  @IsOptional() @Transform(toInt) @IntRange(0, 600_000)
  WRITER_HOLD_WARN_MS = 50;

  /**
   * SQLite: the size in MiB the WAL file is cut back to once a checkpoint has copied it all into
   * the database (the writer's journal_size_limit). The writer never checkpoints itself; each
   * process checkpoints every second from a connection of its own (src/database/wal-checkpointer.ts).
   */
  @IsOptional() @Transform(toInt) @IntRange(1, 4096)
  WAL_SIZE_LIMIT_MB = 64;
}

export type DatabaseKind = 'sqlite' | 'postgres';

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  database: { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };
  publicUrl: string;
  session: { idleMinutes: number; absoluteHours: number; cookieSecure?: boolean };
  loginRateLimit: { limit: number; windowSeconds: number; perAddress: number };
  loginAccountDelay: { freeFailures: number; maxDelaySeconds: number };
  loginMaxConcurrentHashes: number;
  trustProxyHops: number;
  trackingRateLimit: number;
  trackingLinkDaysAfterClose: number;
  queueSearchWalkAbove: number;
  seedDemo: boolean;
  demoStory: { enabled: boolean; seed: number };
  logLevel: string;
  smtp: { host?: string; port: number; from: string; startTls: boolean };
  webConcurrency: number;
  readAdmission: { slots: number; maxWaiting: number; maxWaitMs: number };
  heapGrowingPercent: number;
  writerHoldWarnMs: number;
  walSizeLimitMb: number;
  scheduler: boolean;
  schedule: { sweepIntervalSeconds: number; outboxIntervalSeconds: number; outboxLeaseSeconds: number; outboxBatch: number; outboxConcurrency: number; sweepBatch: number };
}

export class ConfigError extends Error {}

/** Reads and validates the environment; throws ConfigError with one line naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.fromEntries(
    Object.keys(new EnvironmentVariables()).concat(['DATABASE_URL', 'PUBLIC_URL', 'COOKIE_SECURE', 'SEED_DEMO', 'DEMO_STORY', 'SMTP_HOST', 'SMTP_STARTTLS', 'SCHEDULER'])
      .filter((k) => env[k] !== undefined && env[k] !== '')
      .map((k) => [k, env[k]]),
  );
  const vars = plainToInstance(EnvironmentVariables, known);
  const errors = validateSync(vars, { skipMissingProperties: false });
  if (errors.length > 0) {
    const first = errors[0];
    const message = Object.values(first.constraints ?? {})[0] ?? 'is invalid';
    throw new ConfigError(`Invalid configuration: ${first.property}=${JSON.stringify(env[first.property])}: ${message}`);
  }
  const production = vars.NODE_ENV === 'production';
  return {
    env: vars.NODE_ENV,
    port: vars.PORT,
    host: vars.HOST,
    database: vars.DATABASE_URL ? { kind: 'postgres', url: vars.DATABASE_URL } : { kind: 'sqlite', path: vars.SQLITE_PATH },
    publicUrl: (vars.PUBLIC_URL ?? `http://localhost:${vars.PORT}`).replace(/\/+$/, ''),
    session: { idleMinutes: vars.SESSION_IDLE_MINUTES, absoluteHours: vars.SESSION_ABSOLUTE_HOURS, cookieSecure: vars.COOKIE_SECURE },
    loginRateLimit: { limit: vars.LOGIN_RATE_LIMIT, windowSeconds: vars.LOGIN_RATE_WINDOW_SECONDS, perAddress: vars.LOGIN_ADDRESS_RATE_LIMIT },
    loginAccountDelay: { freeFailures: vars.LOGIN_ACCOUNT_FREE_FAILURES, maxDelaySeconds: vars.LOGIN_ACCOUNT_MAX_DELAY_SECONDS },
    loginMaxConcurrentHashes: vars.LOGIN_MAX_CONCURRENT_HASHES,
    trustProxyHops: vars.TRUST_PROXY,
    trackingRateLimit: vars.TRACKING_RATE_LIMIT,
    trackingLinkDaysAfterClose: vars.TRACKING_LINK_DAYS_AFTER_CLOSE,
    queueSearchWalkAbove: vars.QUEUE_SEARCH_WALK_ABOVE,
    seedDemo: vars.SEED_DEMO ?? !production,
    demoStory: { enabled: vars.DEMO_STORY ?? vars.NODE_ENV === 'development', seed: vars.DEMO_STORY_SEED },
    logLevel: vars.LOG_LEVEL,
    smtp: { host: vars.SMTP_HOST, port: vars.SMTP_PORT, from: vars.SMTP_FROM, startTls: vars.SMTP_STARTTLS ?? false },
    webConcurrency: vars.WEB_CONCURRENCY,
    readAdmission: { slots: vars.READS_IN_FLIGHT, maxWaiting: vars.READ_QUEUE_LIMIT, maxWaitMs: vars.READ_QUEUE_WAIT_MS },
    heapGrowingPercent: vars.HEAP_GROWING_PERCENT,
    writerHoldWarnMs: vars.WRITER_HOLD_WARN_MS,
    walSizeLimitMb: vars.WAL_SIZE_LIMIT_MB,
    scheduler: vars.SCHEDULER ?? true,
    schedule: {
      sweepIntervalSeconds: vars.SWEEP_INTERVAL_SECONDS, outboxIntervalSeconds: vars.OUTBOX_INTERVAL_SECONDS, outboxLeaseSeconds: vars.OUTBOX_LEASE_SECONDS,
      outboxBatch: vars.OUTBOX_BATCH, outboxConcurrency: vars.OUTBOX_CONCURRENCY, sweepBatch: vars.SWEEP_BATCH,
    },
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
