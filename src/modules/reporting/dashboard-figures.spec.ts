import { describe, expect, it } from 'vitest';
import { leagueOrder, median, pct, round1, slaTrend, trendStart, weeklyTrend } from './dashboard-figures.js';

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

  it('folds per-day sums into the 12 ISO weeks ending with the period, empty weeks null', () => {
    // Thursday 3 Dec 2026 (week 49): the trend starts on Monday of week 38.
    const start = trendStart(new Date('2026-12-03T10:00:00Z'));
    expect(start.toISOString()).toBe('2026-09-14T00:00:00.000Z');
    // A period ending exactly at a Monday midnight ends with the week before.
    expect(trendStart(new Date('2026-12-07T00:00:00Z')).toISOString()).toBe('2026-09-14T00:00:00.000Z');
    const trend = slaTrend(start, [{ day: '2026-12-01', done: 4, onTime: 3 }, { day: '2026-12-03', done: 4, onTime: 0 }, { day: '2026-09-13', done: 9, onTime: 9 }], [{ day: '2026-09-14', answered: 3, recovered: 1 }]);
    expect(trend).toHaveLength(12);
    expect(trend[0]).toEqual({ week: '2026-W38', slaCompliance: null, recoveryRate: 33.3 });
    expect(trend[11]).toEqual({ week: '2026-W49', slaCompliance: 37.5, recoveryRate: null });
    expect(trend.slice(1, 11).every((w) => w.slaCompliance === null && w.recoveryRate === null)).toBe(true);
  });

  it('ranks dealers with figures and puts those without last, unranked, by name', () => {
    const row = (dealerName: string, satisfactionIndex: number | null, slaCompliance: number | null) => ({ dealerName, satisfactionIndex, slaCompliance, recoveryRate: null });
    const order = leagueOrder([row('Zed', null, null), row('Bravo', 70, 90), row('Alpha', null, null), row('Charlie', 80, null), row('Delta', null, 95)]);
    expect(order.map((r) => [r.rank, r.dealerName])).toEqual([[1, 'Charlie'], [2, 'Bravo'], [3, 'Delta'], [null, 'Alpha'], [null, 'Zed']]);
  });
});
