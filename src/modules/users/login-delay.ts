/** Failed sign-ins of one account, from whatever address. */
export interface FailureRecord {
  failures: number;
  lastFailureAt: number;
}

export interface DelayRule {
  freeFailures: number;
  maxDelaySeconds: number;
}

/** Failures are forgotten after this long without a new one (and at once on a success). */
export const FORGET_AFTER_MS = 3_600_000;

/**
 * Seconds the next attempt on an account must still wait: none for the first free failures,
 * then 1, 2, 4 … seconds after the last failure, up to the maximum. A growing delay and never a
 * lockout, so a stranger who knows an e-mail can slow its owner down but not shut them out.
 */
export function secondsToWait(record: FailureRecord | undefined, now: number, rule: DelayRule): number {
  if (!record || now - record.lastFailureAt >= FORGET_AFTER_MS) return 0;
  const over = record.failures - rule.freeFailures;
  if (over < 0) return 0;
  const delayMs = Math.min(2 ** Math.min(over, 30), rule.maxDelaySeconds) * 1000;
  const left = record.lastFailureAt + delayMs - now;
  return left > 0 ? Math.ceil(left / 1000) : 0;
}

/** The record after one more failure at `now` (a forgotten one starts again). */
export function withFailure(record: FailureRecord | undefined, now: number): FailureRecord {
  const current = record && now - record.lastFailureAt < FORGET_AFTER_MS ? record.failures : 0;
  return { failures: current + 1, lastFailureAt: now };
}
