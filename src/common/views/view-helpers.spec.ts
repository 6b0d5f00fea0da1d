import { describe, expect, it } from 'vitest';
import { viewHelpers } from './view-helpers.js';

describe('view helpers', () => {
  it('format times in the dealer zone', () => {
    expect(viewHelpers.datetime('2026-11-20T08:25:00Z', 'Europe/Amsterdam')).toBe('20 Nov 2026, 09:25');
    expect(viewHelpers.datetime('not a date', 'UTC')).toBe('');
  });
  it('humanize slugs and money', () => {
    expect(viewHelpers.humanize('waiting-time')).toBe('Waiting time');
    expect(viewHelpers.humanize('e-mail')).toBe('E-mail');
    expect(viewHelpers.humanize('nb')).toBe('Norsk bokmål');
    expect(viewHelpers.money({ amount: 45, currency: 'EUR' })).toBe('€45.00');
  });
});
