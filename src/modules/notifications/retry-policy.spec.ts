import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './retry-policy.js';

describe('retry backoff', () => {
  it('doubles from a minute up to an hour', () => {
    expect([1, 2, 3, 4, 7, 8, 12].map((n) => retryDelayMs(n) / 60_000)).toEqual([1, 2, 4, 8, 60, 60, 60]);
  });
});
