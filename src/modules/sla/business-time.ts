import { DateTime } from 'luxon';
import type { BusinessCalendar, Interval } from '../dealers/calendar.js';

/**
 * Business-time arithmetic on a dealer's calendar, in the dealer's zone: only opening
 * intervals count, holidays replace the weekday's hours, and daylight-saving days are as
 * long as the clock says (luxon turns local times into instants). Pure: no I/O, no clock.
 */
export interface ZonedCalendar extends BusinessCalendar {
  timeZone: string;
}

const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const MINUTE = 60_000;
/** How far ahead we look for opening hours before deciding a calendar has none. */
const MAX_DAYS = 3 * 366;

/** The opening intervals of one local date (a holiday's own, or the weekday's). */
export function intervalsOn(calendar: ZonedCalendar, isoDate: string, weekday: number): Interval[] {
  const holiday = calendar.holidays.find((h) => h.date === isoDate);
  if (holiday) return holiday.intervals;
  return calendar.weekly[WEEKDAY_KEYS[weekday - 1]] ?? [];
}

/**
 * A local day as stretches of constant UTC offset: one, or two on a daylight-saving day.
 * Within a stretch, local minute m of the date is the instant dateAsUtc + m − offset.
 */
function offsetStretches(day: DateTime): { from: number; to: number; offset: number }[] {
  const from = day.toMillis();
  const to = day.plus({ days: 1 }).startOf('day').toMillis();
  const offsetAt = (t: number) => DateTime.fromMillis(t, { zone: day.zone }).offset * MINUTE;
  const [o1, o2] = [offsetAt(from), offsetAt(to - 1)];
  if (o1 === o2) return [{ from, to, offset: o1 }];
  // Find the change to the minute (zones change on whole minutes).
  let [lo, hi] = [from, to - 1];
  while (hi - lo > MINUTE) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE || lo + MINUTE;
    if (offsetAt(mid) === o1) lo = mid;
    else hi = mid;
  }
  const change = offsetAt(lo) === o1 ? lo + MINUTE : lo;
  return [{ from, to: change, offset: o1 }, { from: change, to, offset: o2 }];
}

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h * 60 + m) * MINUTE;
};

/**
 * Opening intervals as [start, end) instants, day by day from the local date of `from`.
 * An instant is open when its local date and time of day fall in an interval; on the
 * day the clocks go back, the repeated hour counts twice, and on the day they go
 * forward the missing hour never comes.
 */
export function* openSpans(from: number, calendar: ZonedCalendar): Generator<[number, number]> {
  let { day, key } = localDay(from, calendar.timeZone);
  const cache = dayCache(calendar);
  for (let i = 0; i < MAX_DAYS; i++) {
    const entry = cachedDay(cache, calendar, day, key);
    yield* entry.spans;
    // Following the cached link spares luxon's date arithmetic on every day walked.
    day = entry.next;
    key = entry.nextKey;
  }
}

/**
 * The spans of `openSpans`, handed to `visit` until it answers false, without a generator:
 * the queue asks for business time left on every row, and a generator's iterator and result
 * objects, per span walked, were a tenth of everything a loaded app allocated (issue 15).
 */
function eachOpenSpan(from: number, calendar: ZonedCalendar, visit: (start: number, end: number) => boolean): void {
  let { day, key } = localDay(from, calendar.timeZone);
  const cache = dayCache(calendar);
  for (let i = 0; i < MAX_DAYS; i++) {
    const entry = cachedDay(cache, calendar, day, key);
    const spans = entry.spans;
    for (let j = 0; j < spans.length; j++) if (!visit(spans[j][0], spans[j][1])) return;
    day = entry.next;
    key = entry.nextKey;
  }
}

function cachedDay(cache: Map<string, CachedDay>, calendar: ZonedCalendar, day: DateTime, key: string): CachedDay {
  let entry = cache.get(key);
  if (!entry) {
    const next: DateTime = day.plus({ days: 1 });
    entry = { spans: daySpans(calendar, day), next, nextKey: next.toISODate()! };
    if (cache.size > 5000) cache.clear();
    cache.set(key, entry);
  }
  return entry;
}

/**
 * The local day an instant falls on. Asking luxon costs a time-zone lookup each time, and
 * the queue asks for the same "now" fifty times a page; every zone's midnight falls on a
 * quarter hour of UTC (offsets are whole quarter hours), so the day is the same for all
 * instants of one quarter hour.
 */
const dayStarts = new Map<string, { day: DateTime; key: string }>();
const QUARTER_HOUR = 15 * MINUTE;

function localDay(at: number, timeZone: string): { day: DateTime; key: string } {
  const cacheKey = `${timeZone}|${Math.floor(at / QUARTER_HOUR)}`;
  let found = dayStarts.get(cacheKey);
  if (!found) {
    const day = DateTime.fromMillis(at, { zone: timeZone }).startOf('day');
    if (!day.isValid) throw new Error(`Unknown time zone ${timeZone}`);
    found = { day, key: day.toISODate()! };
    if (dayStarts.size > 10_000) dayStarts.clear();
    dayStarts.set(cacheKey, found);
  }
  return found;
}

interface CachedDay {
  spans: [number, number][];
  next: DateTime;
  nextKey: string;
}

function daySpans(calendar: ZonedCalendar, day: DateTime): [number, number][] {
  const dateAsUtc = Date.UTC(day.year, day.month - 1, day.day);
  const spans: [number, number][] = [];
  for (const [a, b] of intervalsOn(calendar, day.toISODate()!, day.weekday)) {
    for (const s of offsetStretches(day)) {
      const start = Math.max(s.from, dateAsUtc + minutesOf(a) - s.offset);
      const end = Math.min(s.to, dateAsUtc + minutesOf(b) - s.offset);
      if (end > start) spans.push([start, end]);
    }
  }
  return spans.sort((x, y) => x[0] - y[0]);
}

/**
 * A day's spans depend only on the calendar and the date, and the queue asks for the same
 * days over and over (business time left on fifty tickets of a few dealers): keep them,
 * per calendar content, a few thousand days at most.
 */
const caches = new Map<string, Map<string, CachedDay>>();
const keys = new WeakMap<ZonedCalendar, string>();

function dayCache(calendar: ZonedCalendar): Map<string, CachedDay> {
  let key = keys.get(calendar);
  if (!key) {
    key = JSON.stringify([calendar.timeZone, calendar.weekly, calendar.holidays]);
    keys.set(calendar, key);
  }
  let cache = caches.get(key);
  if (!cache) {
    if (caches.size > 1000) caches.clear();
    cache = new Map();
    caches.set(key, cache);
  }
  return cache;
}

/** The moment `minutes` of business time after `start`. With no opening hours ahead, an error. */
export function addBusinessMinutes(start: Date, minutes: number, calendar: ZonedCalendar): Date {
  const from = start.getTime();
  let remaining = minutes * MINUTE;
  if (remaining <= 0) return new Date(from);
  let found: number | null = null;
  eachOpenSpan(from, calendar, (a, b) => {
    if (b <= from) return true;
    const s = Math.max(a, from);
    if (b - s >= remaining) {
      found = s + remaining;
      return false;
    }
    remaining -= b - s;
    return true;
  });
  if (found === null) throw new Error(`The calendar has no opening hours within ${MAX_DAYS} days of ${start.toISOString()}`);
  return new Date(found);
}

/** Business minutes between two moments (negative when `b` is before `a`). */
export function businessMinutesBetween(a: Date, b: Date, calendar: ZonedCalendar): number {
  if (b.getTime() < a.getTime()) return 0 - businessMinutesBetween(b, a, calendar) || 0;
  const [from, to] = [a.getTime(), b.getTime()];
  let total = 0;
  eachOpenSpan(from, calendar, (s, e) => {
    if (s >= to) return false;
    total += Math.max(0, Math.min(e, to) - Math.max(s, from));
    return true;
  });
  return total / MINUTE;
}

/** Whether the dealer is open at that moment; the slow, obvious definition the tests compare against. */
export function isOpenAt(at: Date, calendar: ZonedCalendar): boolean {
  const local = DateTime.fromJSDate(at, { zone: calendar.timeZone });
  const minuteOfDay = local.hour * 60 + local.minute;
  return intervalsOn(calendar, local.toISODate()!, local.weekday).some(([a, b]) => {
    const [ah, am] = a.split(':').map(Number);
    const [bh, bm] = b.split(':').map(Number);
    return minuteOfDay >= ah * 60 + am && minuteOfDay < bh * 60 + bm;
  });
}

/**
 * The opening moment of the `n`-th business day after the day of `start` (a day with any
 * opening hours counts): "two business days after resolution".
 */
export function afterBusinessDays(start: Date, n: number, calendar: ZonedCalendar): Date {
  let seen = 0;
  let lastDay: string | null = DateTime.fromJSDate(start, { zone: calendar.timeZone }).toISODate();
  for (const [s] of openSpans(start.getTime(), calendar)) {
    const day = DateTime.fromMillis(s, { zone: calendar.timeZone }).toISODate();
    if (day === lastDay) continue;
    lastDay = day;
    if (++seen === n) return new Date(s);
  }
  throw new Error(`The calendar has no ${n} business days after ${start.toISOString()}`);
}
