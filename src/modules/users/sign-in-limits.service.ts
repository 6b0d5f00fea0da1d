import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock/clock.js';
import { RetryLaterError } from '../../common/errors/retry-later.error.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { FORGET_AFTER_MS, secondsToWait, withFailure, type FailureRecord } from './login-delay.js';

/** Beyond this many accounts with failures, the forgotten and then the oldest are dropped (memory stays bounded under a spray). */
const MAX_TRACKED = 100_000;

/**
 * What sign-in may cost, kept in memory beside the address budgets (the throttler's store):
 * failures per account from any address, answered with a growing delay; and a cap on password
 * verifications running at once, since each holds a thread of the libuv pool (which the
 * database driver needs too) for tens of milliseconds.
 */
@Injectable()
export class SignInLimitsService {
  private readonly failures = new Map<string, FailureRecord>();
  private hashing = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** 429 with Retry-After while the account must still wait; checked before any hashing. */
  checkAccount(email: string): void {
    const wait = secondsToWait(this.failures.get(key(email)), this.clock.now().getTime(), this.config.loginAccountDelay);
    if (wait > 0) throw new RetryLaterError('auth.login.rate-limited', `Too many failed sign-ins for this account; try again in ${wait} s`, wait);
  }

  recordFailure(email: string): void {
    const k = key(email);
    const next = withFailure(this.failures.get(k), this.clock.now().getTime());
    this.failures.delete(k); // re-inserted last: the map's order is the order of last failure
    this.failures.set(k, next);
    if (this.failures.size > MAX_TRACKED) this.prune();
  }

  recordSuccess(email: string): void {
    this.failures.delete(key(email));
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

  private prune(): void {
    const now = this.clock.now().getTime();
    for (const [k, r] of this.failures) if (now - r.lastFailureAt >= FORGET_AFTER_MS) this.failures.delete(k);
    for (const k of this.failures.keys()) {
      if (this.failures.size <= MAX_TRACKED) break;
      this.failures.delete(k);
    }
  }
}

const key = (email: string) => email.trim().toLowerCase();
