import { Injectable, Module } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface.js';
import { DataSource } from 'typeorm';
import { Clock } from '../clock/clock.js';
import { numbered } from '../database/numbered-params.js';
import { hashToken } from '../security/tokens.js';

/** Every this many counts a process clears the windows that have ended (the table stays the size of the live budgets). */
const PRUNE_EVERY = 500;

/**
 * The rate limits' budgets in the database, so every worker process (and instance) spends
 * from the same one: in memory, each of N workers gave a client its own full budget. A budget
 * is a fixed window its first hit starts, counted up by one atomic upsert. Bookkeeping, not
 * business: single statements outside the unit of work, so a refused request's count is not
 * a change to the data (the fuzz suites check refusals change nothing on the writer). Keys are
 * stored hashed (they hold addresses and e-mails).
 */
@Injectable()
export class DatabaseThrottlerStorage implements ThrottlerStorage {
  private counted = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async increment(key: string, ttl: number, limit: number): Promise<ThrottlerStorageRecord> {
    const db = this.dataSource;
    const now = this.clock.now().getTime();
    const keyHash = hashToken(key);
    await db.query(
      numbered(
        db,
        `INSERT INTO "rate_limit_buckets" ("keyHash", "hits", "windowEndsAt") VALUES ($1, 1, $2)
         ON CONFLICT ("keyHash") DO UPDATE SET
           "hits" = CASE WHEN "rate_limit_buckets"."windowEndsAt" <= $3 THEN 1 ELSE "rate_limit_buckets"."hits" + 1 END,
           "windowEndsAt" = CASE WHEN "rate_limit_buckets"."windowEndsAt" <= $3 THEN $2 ELSE "rate_limit_buckets"."windowEndsAt" END`,
      ),
      [keyHash, now + ttl, now],
    );
    // Read after the count: a hit from another process in between only makes this answer stricter.
    const [row] = await db.query(numbered(db, `SELECT "hits", "windowEndsAt" FROM "rate_limit_buckets" WHERE "keyHash" = $1`), [keyHash]);
    if (++this.counted % PRUNE_EVERY === 0) await db.query(numbered(db, `DELETE FROM "rate_limit_buckets" WHERE "windowEndsAt" <= $1`), [now]);
    const hits = Number(row.hits);
    const secondsLeft = Math.max(1, Math.ceil((Number(row.windowEndsAt) - now) / 1000));
    const isBlocked = hits > limit;
    return { totalHits: hits, timeToExpire: secondsLeft, isBlocked, timeToBlockExpire: isBlocked ? secondsLeft : 0 };
  }
}

@Module({ providers: [DatabaseThrottlerStorage], exports: [DatabaseThrottlerStorage] })
export class RateLimitStoreModule {}
