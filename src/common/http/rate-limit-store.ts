import { Injectable, Module } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface.js';
import { Clock } from '../clock/clock.js';
import { numbered } from '../database/numbered-params.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { hashToken } from '../security/tokens.js';

/** Every this many counts a process clears the windows that have ended (the table stays the size of the live budgets). */
const PRUNE_EVERY = 500;

/**
 * The rate limits' budgets in the database, so every worker process (and instance) spends
 * from the same one: in memory, each of N workers gave a client its own full budget. A budget
 * is a fixed window its first hit starts, counted up and read in one short transaction,
 * bookkeeping rather than data (UnitOfWork.runBookkeeping). Keys are stored hashed (they hold
 * addresses and e-mails).
 */
@Injectable()
export class DatabaseThrottlerStorage implements ThrottlerStorage {
  private counted = 0;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async increment(key: string, ttl: number, limit: number): Promise<ThrottlerStorageRecord> {
    const now = this.clock.now().getTime();
    const keyHash = hashToken(key);
    const prune = ++this.counted % PRUNE_EVERY === 0;
    const row: { hits: number | string; windowEndsAt: number | string } = await this.uow.runBookkeeping(async (m) => {
      await m.query(
        numbered(
          m,
          `INSERT INTO "rate_limit_buckets" ("keyHash", "hits", "windowEndsAt") VALUES ($1, 1, $2)
           ON CONFLICT ("keyHash") DO UPDATE SET
             "hits" = CASE WHEN "rate_limit_buckets"."windowEndsAt" <= $3 THEN 1 ELSE "rate_limit_buckets"."hits" + 1 END,
             "windowEndsAt" = CASE WHEN "rate_limit_buckets"."windowEndsAt" <= $3 THEN $2 ELSE "rate_limit_buckets"."windowEndsAt" END`,
        ),
        [keyHash, now + ttl, now],
      );
      if (prune) await m.query(numbered(m, `DELETE FROM "rate_limit_buckets" WHERE "windowEndsAt" <= $1`), [now]);
      return (await m.query(numbered(m, `SELECT "hits", "windowEndsAt" FROM "rate_limit_buckets" WHERE "keyHash" = $1`), [keyHash]))[0];
    });
    const hits = Number(row.hits);
    const secondsLeft = Math.max(1, Math.ceil((Number(row.windowEndsAt) - now) / 1000));
    const isBlocked = hits > limit;
    return { totalHits: hits, timeToExpire: secondsLeft, isBlocked, timeToBlockExpire: isBlocked ? secondsLeft : 0 };
  }
}

@Module({ providers: [DatabaseThrottlerStorage], exports: [DatabaseThrottlerStorage] })
export class RateLimitStoreModule {}
