import { describe, expect, it } from 'vitest';
import { FORGET_AFTER_MS, secondsToWait, withFailure, type FailureRecord } from './login-delay.js';

const rule = { freeFailures: 3, maxDelaySeconds: 60 };
const after = (n: number, at = 0): FailureRecord => ({ failures: n, lastFailureAt: at });

describe('the per-account sign-in delay', () => {
  it('lets the free failures through without a wait', () => {
    expect(secondsToWait(undefined, 0, rule)).toBe(0);
    expect(secondsToWait(after(2), 0, rule)).toBe(0);
  });

  it('then doubles the wait after each further failure, up to the maximum', () => {
    expect([3, 4, 5, 6, 7, 8, 9, 40].map((n) => secondsToWait(after(n), 0, rule))).toEqual([1, 2, 4, 8, 16, 32, 60, 60]);
  });

  it('counts the wait from the last failure', () => {
    expect(secondsToWait(after(5, 0), 1500, rule)).toBe(3);
    expect(secondsToWait(after(5, 0), 4000, rule)).toBe(0);
  });

  it('forgets failures after a quiet hour', () => {
    expect(secondsToWait(after(30, 0), FORGET_AFTER_MS, rule)).toBe(0);
    expect(withFailure(after(30, 0), FORGET_AFTER_MS)).toEqual({ failures: 1, lastFailureAt: FORGET_AFTER_MS });
    expect(withFailure(after(3, 0), 10)).toEqual({ failures: 4, lastFailureAt: 10 });
    expect(withFailure(undefined, 10)).toEqual({ failures: 1, lastFailureAt: 10 });
  });
});
