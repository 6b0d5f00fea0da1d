import { describe, expect, it } from 'vitest';
import { writtenDateTime, writtenPromise } from './written-date.js';

// Sunday 29 November 2026, 14:00 UTC: 15:00 in Utrecht, Oslo and Gothenburg.
const SUNDAY = '2026-11-29T14:00:00.000Z';

describe('dates written out in the reader\'s language and the dealer\'s zone', () => {
  it('writes the weekday, day, month, year and time', () => {
    expect(writtenDateTime(SUNDAY, 'Europe/Amsterdam', 'nl')).toBe('zondag 29 november 2026, 15:00');
    expect(writtenDateTime(SUNDAY, 'Europe/Oslo', 'nb')).toBe('søndag 29. november 2026 kl. 15:00');
    expect(writtenDateTime(SUNDAY, 'Europe/Stockholm', 'sv')).toBe('söndag 29 november 2026 kl. 15:00');
    expect(writtenDateTime(new Date(SUNDAY), 'Europe/London', 'en')).toBe('Sunday 29 November 2026, 14:00');
  });

  it('writes a promise as day, month and time, with the year only when it is another', () => {
    const now = new Date('2026-11-30T09:00:00Z');
    expect(writtenPromise('2026-12-02T14:00:00Z', 'Europe/Amsterdam', 'nl', now)).toBe('2 december om 15:00');
    expect(writtenPromise('2026-12-02T14:00:00Z', 'Europe/Oslo', 'nb', now)).toBe('2. desember kl. 15:00');
    expect(writtenPromise('2026-12-02T14:00:00Z', 'Europe/Stockholm', 'sv', now)).toBe('2 december kl. 15:00');
    expect(writtenPromise('2027-01-04T08:00:00Z', 'Europe/Amsterdam', 'en', now)).toBe('4 January 2027 at 09:00');
  });

  it('falls back to English and UTC rather than failing, and to nothing for no date', () => {
    expect(writtenDateTime(SUNDAY, 'Not/AZone', 'xx')).toBe('Sunday 29 November 2026, 14:00');
    expect(writtenDateTime('not a date', 'Europe/Oslo', 'nb')).toBe('');
  });
});
