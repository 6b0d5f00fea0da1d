import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './passwords.js';

describe('passwords', () => {
  it('are stored as argon2id and verify only the right password', async () => {
    const hash = await hashPassword('demo-password');
    expect(hash.startsWith('$argon2id$')).toBe(true);
    expect(hash).not.toContain('demo-password');
    expect(await verifyPassword(hash, 'demo-password')).toBe(true);
    expect(await verifyPassword(hash, 'Demo-password')).toBe(false);
  });
  it('refuse an unknown user without failing', async () => {
    expect(await verifyPassword(undefined, 'not-a-real-password')).toBe(false);
  });
});
