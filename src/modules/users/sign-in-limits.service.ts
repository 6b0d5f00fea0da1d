import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock/clock.js';
import { RetryLaterError } from '../../common/errors/retry-later.error.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { numbered } from '../../common/database/numbered-params.js';
import { UnitOfWork } from '../../common/database/unit-of-work.js';
import { hashToken } from '../../common/security/tokens.js';
import { FORGET_AFTER_MS, secondsToWait } from './login-delay.js';

/** Every this many failures a process clears the records that are forgotten anyway. */
const PRUNE_EVERY = 500;

/**
 * What sign-in may cost: failures per account from any address, answered with a growing
 * delay, kept in the database so every worker process (and instance) sees the same count
 * (hashed e-mails, one atomic upsert per failure, bookkeeping like the address budgets in
 * src/common/http/rate-limit-store.ts); and a cap on password
 * verifications running at once, per process, since each holds a thread of this process's
 * libuv pool (which its database driver needs too) for tens of milliseconds.
 */
@Injectable()
export class SignInLimitsService {
  private hashing = 0;
  private recorded = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
  ) {}

  /** 429 with Retry-After while the account must still wait; checked before any hashing. */
  async checkAccount(email: string): Promise<void> {
    const db = this.dataSource;
    const [row] = await db.query(numbered(db, `SELECT "failures", "lastFailureAt" FROM "sign_in_failures" WHERE "emailHash" = $1`), [key(email)]);
    const record = row ? { failures: Number(row.failures), lastFailureAt: Number(row.lastFailureAt) } : undefined;
    const wait = secondsToWait(record, this.clock.now().getTime(), this.config.loginAccountDelay);
    if (wait > 0) throw new RetryLaterError('auth.login.rate-limited', `Too many failed sign-ins for this account; try again in ${wait} s`, wait);
  }

  /** One more failure (withFailure's rule, in one statement: a forgotten record starts again). */
  async recordFailure(email: string): Promise<void> {
    const now = this.clock.now().getTime();
    const prune = ++this.recorded % PRUNE_EVERY === 0;
    await this.uow.runBookkeeping(async (m) => {
      await m.query(
      numbered(
        m,
        `INSERT INTO "sign_in_failures" ("emailHash", "failures", "lastFailureAt") VALUES ($1, 1, $2)
         ON CONFLICT ("emailHash") DO UPDATE SET
           "failures" = CASE WHEN $2 - "sign_in_failures"."lastFailureAt" < $3 THEN "sign_in_failures"."failures" + 1 ELSE 1 END,
           "lastFailureAt" = $2`,
      ),
      [key(email), now, FORGET_AFTER_MS],
      );
      if (prune) await m.query(numbered(m, `DELETE FROM "sign_in_failures" WHERE "lastFailureAt" <= $1`), [now - FORGET_AFTER_MS]);
    });
  }

  async recordSuccess(email: string): Promise<void> {
    await this.uow.runBookkeeping((m) => m.query(numbered(m, `DELETE FROM "sign_in_failures" WHERE "emailHash" = $1`), [key(email)]));
  }

  /** Runs a password verification in one of the slots, or answers 503 with Retry-After when all are taken. */
  async withHashSlot<T>(work: () => Promise<T>): Promise<T> {
    if (this.hashing >= this.config.loginMaxConcurrentHashes) {
      throw new RetryLaterError('auth.login.unavailable', 'Too many sign-ins at once; try again in a moment', 1);
    }
    this.hashing++;
    try {
      return await work();
    } finally {
      this.hashing--;
    }
  }
}

/** The e-mail as stored: hashed, like the budgets' keys. */
const key = (email: string) => hashToken(email.trim().toLowerCase());
