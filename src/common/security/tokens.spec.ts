import { describe, expect, it } from 'vitest';
import { hashToken, randomToken, safeEqual } from './tokens.js';

describe('tokens', () => {
  it('are at least 128 random bits and differ each time', () => {
    const a = randomToken();
    const b = randomToken();
    expect(Buffer.from(a, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[A-Za-z0-9_-]+$/);
  });
  it('hash to a fixed-length hex digest that does not contain the token', () => {
    const t = randomToken();
    expect(hashToken(t)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(t)).toBe(hashToken(t));
    expect(hashToken(t)).not.toContain(t);
  });
  it('compare in constant time, and unequal lengths are simply unequal', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
  });
});
