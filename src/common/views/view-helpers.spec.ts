import { describe, expect, it } from 'vitest';
import { viewHelpers } from './view-helpers.js';

describe('view helpers', () => {
  it('format times in the dealer zone', () => {
    expect(viewHelpers.datetime('2026-11-20T08:25:00Z', 'Europe/Amsterdam')).toBe('20 Nov 2026, 09:25');
    expect(viewHelpers.datetime('not a date', 'UTC')).toBe('');
    expect(viewHelpers.datetime('2026-11-20T08:25:00Z', 'Europe/Amsterdam', 'nl')).toBe('20 nov 2026, 09:25');
  });
  it('show 0 as a figure and only missing figures as a dash', () => {
    expect([0, 12.5, null, undefined].map((v) => viewHelpers.orDash(v))).toEqual(['0', '12.5', '–', '–']);
  });
  it('write business time in hours and minutes', () => {
    expect([0, 45, 60, 115, -130].map((m) => viewHelpers.duration(m))).toEqual(['0 min', '45 min', '1 h', '1 h 55 min', '2 h 10 min']);
  });
  it('humanize slugs and money', () => {
    expect(viewHelpers.humanize('waiting-time')).toBe('Waiting time');
    expect(viewHelpers.humanize('e-mail')).toBe('E-mail');
    expect(viewHelpers.humanize('nb')).toBe('Norsk bokmål');
    expect(viewHelpers.money({ amount: 45, currency: 'EUR' })).toBe('€45.00');
  });
});
