import { describe, expect, it } from 'vitest';
import { CUSTOMER_LANGUAGES, loadLocales } from '../i18n/translator.js';
import { DomainError } from './domain-error.js';
import { ERROR_CODES, isErrorCode, messageKeyForCode, statusForCode, type ErrorCode } from './error-codes.js';

const locales = loadLocales();
const lookup = (tree: unknown, key: string) => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);

describe('the error code table', () => {
  const codes = Object.keys(ERROR_CODES) as ErrorCode[];

  it.each(codes)('%s has a 4xx/5xx status and a message in every language', (code) => {
    const status = statusForCode(code);
    expect(status >= 400 && status < 600).toBe(true);
    for (const language of CUSTOMER_LANGUAGES) {
      const message = lookup(locales[language], messageKeyForCode(code));
      expect(typeof message, `${language} ${messageKeyForCode(code)}`).toBe('string');
      expect((message as string).trim()).not.toBe('');
    }
  });

  it('keeps the statuses the API has always answered with', () => {
    expect(statusForCode('ticket.not-found')).toBe(404);
    expect(statusForCode('auth.unauthenticated')).toBe(401);
    expect(statusForCode('scope.forbidden')).toBe(403);
    expect(statusForCode('password.change-required')).toBe(403);
    expect(statusForCode('stage.out-of-order')).toBe(422);
    expect(statusForCode('compensation.over-limit')).toBe(422);
    expect(statusForCode('user.email.conflict')).toBe(409);
    expect(statusForCode('survey-import.file.too-large')).toBe(413);
    expect(statusForCode('auth.login.rate-limited')).toBe(429);
    expect(statusForCode('auth.login.unavailable')).toBe(503);
    expect(statusForCode('form.invalid')).toBe(400);
  });

  it('agrees with the old suffix rule wherever the suffix named a status (no code changed its answer)', () => {
    const bySuffix: Record<string, number> = { 'not-found': 404, unauthenticated: 401, forbidden: 403, invalid: 400, conflict: 409, 'out-of-order': 422, 'invalid-state': 422, 'over-limit': 422, 'rate-limited': 429, 'too-large': 413, unavailable: 503 };
    for (const code of codes) expect([code, statusForCode(code)]).toEqual([code, bySuffix[code.split('.').pop()!] ?? statusForCode(code)]);
  });

  it('knows its codes and no others', () => {
    expect(isErrorCode('ticket.not-found')).toBe(true);
    expect(isErrorCode('ticket.not-fuond')).toBe(false);
    expect(isErrorCode('toString')).toBe(false);
  });

  it('lets a DomainError carry only a known code', () => {
    expect(new DomainError('ticket.not-found', 'x').code).toBe('ticket.not-found');
    // @ts-expect-error a typo in a code does not compile
    expect(new DomainError('ticket.not-fuond', 'x').code).toBe('ticket.not-fuond');
  });
});
