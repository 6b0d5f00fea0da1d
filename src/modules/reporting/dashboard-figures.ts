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

export const TREND_WEEKS = 12;

/** The ISO week (`2026-W48`, UTC) of an instant. */
export const isoWeek = (at: Date): string => DateTime.fromJSDate(at, { zone: 'UTC' }).toFormat("kkkk-'W'WW");

/** Where the trend starts: Monday 00:00 UTC of the week `weeks - 1` before the one holding the period's (exclusive) end. */
export function trendStart(to: Date, weeks = TREND_WEEKS): Date {
  return DateTime.fromMillis(to.getTime() - 1, { zone: 'UTC' }).startOf('week').minus({ weeks: weeks - 1 }).toJSDate();
}

export interface TrendWeek {
  week: string;
  slaCompliance: number | null;
  recoveryRate: number | null;
}

/**
 * SLA compliance and recovery rate per ISO week, from per-day sums, oldest week first:
 * every one of the `weeks` weeks from `start` is present; a week without anything to
 * divide by is null (not 0, which would read as a bad week).
 */
export function slaTrend(
  start: Date,
  timers: { day: string; done: number; onTime: number }[],
  recovery: { day: string; answered: number; recovered: number }[],
  weeks = TREND_WEEKS,
): TrendWeek[] {
  const sums = new Map<string, { done: number; onTime: number; answered: number; recovered: number }>();
  for (let i = 0; i < weeks; i++) sums.set(isoWeek(new Date(start.getTime() + i * 7 * 86_400_000)), { done: 0, onTime: 0, answered: 0, recovered: 0 });
  const weekOf = (day: string) => sums.get(isoWeek(DateTime.fromISO(day, { zone: 'UTC' }).toJSDate()));
  for (const r of timers) {
    const w = weekOf(r.day);
    if (w) [w.done, w.onTime] = [w.done + r.done, w.onTime + r.onTime];
  }
  for (const r of recovery) {
    const w = weekOf(r.day);
    if (w) [w.answered, w.recovered] = [w.answered + r.answered, w.recovered + r.recovered];
  }
  return [...sums].map(([week, s]) => ({ week, slaCompliance: pct(s.onTime, s.done), recoveryRate: pct(s.recovered, s.answered) }));
}

interface LeagueRow {
  dealerName: string;
  satisfactionIndex: number | null;
  slaCompliance: number | null;
  recoveryRate: number | null;
}

/**
 * The league table's order: dealers with figures by satisfaction index, then SLA
 * compliance, ranked 1, 2, …; dealers with none of the three have no rank (a 0 would
 * rank them as worst) and come last, by name.
 */
export function leagueOrder<T extends LeagueRow>(rows: T[]): (T & { rank: number | null })[] {
  const hasData = (r: T) => r.satisfactionIndex !== null || r.slaCompliance !== null || r.recoveryRate !== null;
  const ranked = rows.filter(hasData).sort((a, b) => (b.satisfactionIndex ?? -1) - (a.satisfactionIndex ?? -1) || (b.slaCompliance ?? -1) - (a.slaCompliance ?? -1));
  const rest = rows.filter((r) => !hasData(r)).sort((a, b) => a.dealerName.localeCompare(b.dealerName));
  return [...ranked.map((r, i) => ({ rank: i + 1, ...r })), ...rest.map((r) => ({ rank: null, ...r }))];
}
