import { describe, expect, it } from 'vitest';
import { median, pct, round1, weeklyTrend } from './dashboard-figures.js';

describe('dashboard arithmetic', () => {
  it('takes medians, shares and roundings as the dashboard shows them', () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([10, 2, 4, 1])).toBe(3);
    expect(pct(1, 3)).toBe(33.3);
    expect(pct(0, 0)).toBeNull();
    expect(round1(2.25)).toBe(2.3);
    expect(round1(null)).toBeNull();
  });

  it('folds days into ISO weeks, across a year end', () => {
    const perDay = [
      { day: '2026-12-31', count: 2 },
      { day: '2026-12-28', count: 1 },
      { day: '2027-01-04', count: 4 },
      { day: '2027-01-03', count: 1 },
    ];
    expect(weeklyTrend(perDay)).toEqual([{ week: '2026-W53', count: 4 }, { week: '2027-W01', count: 4 }]);
  });
});
