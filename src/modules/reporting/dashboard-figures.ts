import { DateTime } from 'luxon';

/** The dashboard's arithmetic on what the database added up, pure. */

export function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = Float64Array.from(xs).sort();
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** A share in percent with one decimal; null when there is nothing to divide by. */
export const pct = (part: number, whole: number): number | null => (whole ? Math.round((1000 * part) / whole) / 10 : null);

export function round1(x: number | null): number | null {
  return x === null ? null : Math.round(x * 10) / 10;
}

/** Tickets per ISO week (`2026-W48`, weeks of the UTC calendar) from tickets per UTC day, oldest week first. */
export function weeklyTrend(perDay: { day: string; count: number }[]): { week: string; count: number }[] {
  const weeks = new Map<string, number>();
  for (const { day, count } of perDay) {
    const week = DateTime.fromISO(day, { zone: 'UTC' }).toFormat("kkkk-'W'WW");
    weeks.set(week, (weeks.get(week) ?? 0) + count);
  }
  return [...weeks].sort(([a], [b]) => a.localeCompare(b)).map(([week, count]) => ({ week, count }));
}

