import { describe, expect, it } from 'vitest';
import { statusForCode } from './domain-error.js';

describe('statusForCode', () => {
  it.each([
    ['ticket.not-found', 404],
    ['auth.unauthenticated', 401],
    ['scope.forbidden', 403],
    ['password.change-required', 403],
    ['stage.out-of-order', 422],
    ['compensation.over-limit', 422],
    ['ticket.received-at.invalid', 400],
    ['user.email.conflict', 409],
    ['something.else', 400],
  ])('%s → %i', (code, status) => {
    expect(statusForCode(code)).toBe(status);
  });
});
