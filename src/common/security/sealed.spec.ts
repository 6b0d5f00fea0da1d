import { describe, expect, it } from 'vitest';
import { seal, unseal } from './sealed.js';

describe('sealed text', () => {
  it('opens with the same secret and purpose only, and never shows the text', () => {
    const link = 'https://amends.example/track/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
    const sealed = seal(link, 'session-token', 'flash');
    expect(sealed).not.toContain('abcdefghijklmnop');
    expect(unseal(sealed, 'session-token', 'flash')).toBe(link);
    expect(unseal(sealed, 'other-token', 'flash')).toBeNull();
    expect(unseal(sealed, 'session-token', 'idempotency')).toBeNull();
    expect(seal(link, 'session-token', 'flash')).not.toBe(sealed);
  });

  it('refuses altered or truncated text', () => {
    const sealed = seal('{"a":1}', 's', 'p');
    const raw = Buffer.from(sealed, 'base64url');
    raw[raw.length - 1] ^= 1;
    expect(unseal(raw.toString('base64url'), 's', 'p')).toBeNull();
    expect(unseal(sealed.slice(0, 10), 's', 'p')).toBeNull();
    expect(unseal('', 's', 'p')).toBeNull();
  });
});
