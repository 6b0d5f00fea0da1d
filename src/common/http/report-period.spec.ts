import { describe, expect, it } from 'vitest';
import { earliestReportFrom, reportPeriodTooLong } from './report-period.js';

describe('the report period cap', () => {
  const to = new Date('2026-11-30T10:00:00.000Z');

  it('allows exactly two calendar years, and not a millisecond more', () => {
    expect(earliestReportFrom(to).toISOString()).toBe('2024-11-30T10:00:00.000Z');
    expect(reportPeriodTooLong(new Date('2024-11-30T10:00:00.000Z'), to)).toBe(false);
    expect(reportPeriodTooLong(new Date('2024-11-30T09:59:59.999Z'), to)).toBe(true);
    expect(reportPeriodTooLong(new Date('1896-01-01T00:00:00.000Z'), to)).toBe(true);
  });

  it('counts a leap day in as a calendar year does', () => {
    expect(earliestReportFrom(new Date('2026-02-28T00:00:00.000Z')).toISOString()).toBe('2024-02-28T00:00:00.000Z');
    expect(reportPeriodTooLong(new Date('2024-02-29T00:00:00.000Z'), new Date('2026-02-28T23:59:59.000Z'))).toBe(false);
  });
});
