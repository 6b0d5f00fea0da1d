import { DateTime } from 'luxon';

/**
 * How long a report's period may be. Reports add up every ticket, timer and answer of the
 * period; past a bound a few callers could keep the database and the process busy for
 * minutes (four callers asking for 130 years once took the process from 0.4 to 2.8 GB).
 */
export const MAX_REPORT_YEARS = 2;

/** The earliest start of a period ending at `to`: the same instant, two calendar years before (UTC). */
export function earliestReportFrom(to: Date): Date {
  return DateTime.fromJSDate(to, { zone: 'UTC' }).minus({ years: MAX_REPORT_YEARS }).toJSDate();
}

/** Whether a period is longer than reports allow. */
export function reportPeriodTooLong(from: Date, to: Date): boolean {
  return from.getTime() < earliestReportFrom(to).getTime();
}

export const REPORT_PERIOD_TOO_LONG = `a period may span at most ${MAX_REPORT_YEARS} years`;
