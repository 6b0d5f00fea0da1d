import { DateTime } from 'luxon';
import { addBusinessMinutes, businessMinutesBetween, intervalsOn, openSpans, type ZonedCalendar } from './business-time.js';

/**
 * Why a deadline falls where it does, pure: the business-time spans that were counted, the
 * days the dealer was closed, and the pauses while the ticket waited on the customer. It
 * walks the same opening spans as `addBusinessMinutes`, and skips each pause by the business
 * minutes the timer was moved on for it (`SlaTimersService` rounds them the same way), so
 * the spans add up to the target and end where the SLA clock put the deadline.
 */
export interface PauseInput {
  from: Date;
  /** null: still waiting; the deadline shown moves on only when the ticket resumes. */
  to: Date | null;
}

export interface ExplainInput {
  target: string;
  startedAt: Date;
  targetMinutes: number;
  calendar: ZonedCalendar;
  /** The waits that began while this timer ran (from its start, before it was met). */
  pauses: PauseInput[];
}

export interface ExplainedSpan {
  from: string;
  to: string;
  minutes: number;
}

export interface ClosedDay {
  date: string;
  reason: 'closed' | 'holiday';
  name?: string;
}

export interface ExplainedPause {
  from: string;
  to: string | null;
  /** Business minutes the deadline moved on for it; null while it lasts. */
  minutes: number | null;
}

export interface SlaExplanation {
  target: string;
  startedAt: string;
  dueAt: string;
  businessMinutes: number;
  timeZone: string;
  spans: ExplainedSpan[];
  closed: ClosedDay[];
  pauses: ExplainedPause[];
  /**
   * Business minutes of waits that began after the deadline had already passed: the clock
   * still moves the deadline on by them ("due times move by the paused business time"), so
   * the deadline lies that much past the end of the last span. Almost always 0.
   */
  pausedAfterDeadline: number;
}

const MINUTE = 60_000;
/** As far as `addBusinessMinutes` looks before deciding a calendar has no hours. */
const MAX_DAYS = 3 * 366;

/** The business minutes a wait moves the deadline by, exactly as the timer counts them on resume. */
export function pauseMinutes(p: { from: Date; to: Date }, calendar: ZonedCalendar): number {
  return Math.max(0, Math.round(businessMinutesBetween(p.from, p.to, calendar)));
}

export function explainDeadline(input: ExplainInput): SlaExplanation {
  const { calendar, startedAt } = input;
  const start = startedAt.getTime();
  const pauses = input.pauses.filter((p) => p.from.getTime() >= start).sort((a, b) => a.from.getTime() - b.from.getTime());
  const ended = pauses.filter((p): p is { from: Date; to: Date } => p.to !== null).map((p) => ({ ...p, minutes: pauseMinutes(p, calendar) }));

  const spans: [number, number][] = [];
  let remaining = Math.max(0, Math.ceil(input.targetMinutes)) * MINUTE;
  let skip = 0; // business ms of the current pause still to pass over
  let next = 0; // the next pause to reach
  let end = start;
  if (remaining > 0) {
    walk: for (const [a, b] of openSpans(start, calendar)) {
      if (b <= start) continue;
      let s = Math.max(a, start);
      let open: [number, number] | null = null;
      while (s < b) {
        if (skip > 0) {
          const passed = Math.min(skip, b - s);
          skip -= passed;
          s += passed;
          open = null;
          continue;
        }
        const pause = ended[next];
        if (pause && pause.from.getTime() <= s) {
          // Skipped from here, even if the previous one ran on past its start by rounding: the clock adds minutes, not intervals.
          skip = pause.minutes * MINUTE;
          next++;
          continue;
        }
        const stop = pause ? Math.min(b, pause.from.getTime()) : b;
        const counted = Math.min(stop - s, remaining);
        if (open && open[1] === s) open[1] = s + counted;
        else spans.push((open = [s, s + counted]));
        remaining -= counted;
        s += counted;
        if (remaining === 0) {
          end = s;
          break walk;
        }
      }
    }
    if (remaining > 0) throw new Error(`The calendar has no opening hours within ${MAX_DAYS} days of ${startedAt.toISOString()}`);
  }
  const late = ended.slice(next).reduce((sum, p) => sum + p.minutes, 0);
  const dueAt = late ? addBusinessMinutes(new Date(end), late, calendar) : new Date(end);

  return {
    target: input.target,
    startedAt: startedAt.toISOString(),
    dueAt: dueAt.toISOString(),
    businessMinutes: Math.max(0, Math.ceil(input.targetMinutes)),
    timeZone: calendar.timeZone,
    spans: spans.map(([f, t]) => ({ from: new Date(f).toISOString(), to: new Date(t).toISOString(), minutes: (t - f) / MINUTE })),
    closed: closedDays(start, end, calendar, pauses),
    pauses: pauses.map((p) => ({
      from: p.from.toISOString(),
      to: p.to?.toISOString() ?? null,
      minutes: p.to ? pauseMinutes({ from: p.from, to: p.to }, calendar) : null,
    })),
    pausedAfterDeadline: late,
  };
}

/**
 * The local days from the start's to the deadline's without opening hours: a holiday (with
 * its name) or a day the week leaves closed. Days wholly inside a wait are left out: the
 * clock stood still anyway, and a month of waiting would otherwise list every weekend.
 */
function closedDays(from: number, to: number, calendar: ZonedCalendar, pauses: PauseInput[]): ClosedDay[] {
  const out: ClosedDay[] = [];
  const last = DateTime.fromMillis(to, { zone: calendar.timeZone }).startOf('day');
  for (let day = DateTime.fromMillis(from, { zone: calendar.timeZone }).startOf('day'); day <= last; day = day.plus({ days: 1 })) {
    const date = day.toISODate()!;
    if (intervalsOn(calendar, date, day.weekday).length) continue;
    const [dayStart, dayEnd] = [day.toMillis(), day.plus({ days: 1 }).startOf('day').toMillis()];
    if (pauses.some((p) => p.from.getTime() <= dayStart && (p.to === null || p.to.getTime() >= dayEnd))) continue;
    const holiday = calendar.holidays.find((h) => h.date === date);
    out.push(holiday ? { date, reason: 'holiday', ...(holiday.name ? { name: holiday.name } : {}) } : { date, reason: 'closed' });
  }
  return out;
}
