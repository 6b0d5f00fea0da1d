import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Interval, Weekday } from '../dealers/calendar.js';
import { addBusinessMinutes, afterBusinessDays, businessMinutesBetween, isOpenAt, type ZonedCalendar } from './business-time.js';

const MINUTE = 60_000;
const DAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** The Utrecht demo calendar: Mon–Thu 09–18, Fri 09–17, Sat–Sun 11–16. */
const utrecht: ZonedCalendar = {
  timeZone: 'Europe/Amsterdam',
  weekly: { mon: [['09:00', '18:00']], tue: [['09:00', '18:00']], wed: [['09:00', '18:00']], thu: [['09:00', '18:00']], fri: [['09:00', '17:00']], sat: [['11:00', '16:00']], sun: [['11:00', '16:00']] },
  holidays: [{ date: '2026-12-25', intervals: [] }, { date: '2026-12-24', intervals: [['09:00', '12:00']] }],
};

describe('business time, by example', () => {
  it('a high listen target (2 h) from Friday 16:30 ends Saturday 12:30', () => {
    const due = addBusinessMinutes(new Date('2026-11-20T15:30:00Z'), 120, utrecht); // Fri 16:30 CET
    expect(due.toISOString()).toBe('2026-11-21T11:30:00.000Z'); // Sat 12:30 CET
    expect(businessMinutesBetween(new Date('2026-11-20T15:30:00Z'), due, utrecht)).toBe(120);
  });

  it('starts counting at opening when received outside hours', () => {
    expect(addBusinessMinutes(new Date('2026-11-23T05:00:00Z'), 60, utrecht).toISOString()).toBe('2026-11-23T09:00:00.000Z');
  });

  it('skips a whole holiday and counts a partial one', () => {
    // Thu 24 Dec 11:00 local: one hour left that day (to 12:00), closed on the 25th, Sat 26th opens 11:00.
    expect(addBusinessMinutes(new Date('2026-12-24T10:00:00Z'), 90, utrecht).toISOString()).toBe('2026-12-26T10:30:00.000Z');
  });

  it('keeps local opening hours across the daylight-saving change', () => {
    // Sunday 29 March 2026: clocks go from 02:00 to 03:00 in Amsterdam; Sat 15:00 CET + 120 min → Sun 12:00 CEST.
    const due = addBusinessMinutes(new Date('2026-03-28T14:00:00Z'), 120, utrecht);
    expect(due.toISOString()).toBe('2026-03-29T10:00:00.000Z');
    // Sunday 25 October 2026: back from 03:00 to 02:00.
    // Sat 16:00 CEST is closing time, so all 120 minutes fall on Sunday, 11:00–13:00 CET.
    expect(addBusinessMinutes(new Date('2026-10-24T14:00:00Z'), 120, utrecht).toISOString()).toBe('2026-10-25T12:00:00.000Z');
  });

  it('counts several intervals in a day and a 24-hour day', () => {
    const split: ZonedCalendar = { timeZone: 'Europe/Stockholm', weekly: { mon: [['07:30', '12:00'], ['12:30', '17:00']] }, holidays: [] };
    expect(businessMinutesBetween(new Date('2026-11-23T06:00:00Z'), new Date('2026-11-23T17:00:00Z'), split)).toBe(540);
    const always: ZonedCalendar = { timeZone: 'Europe/Oslo', weekly: Object.fromEntries(DAYS.map((d) => [d, [['00:00', '24:00']]])), holidays: [] };
    // The spring-forward day in Oslo has 23 hours.
    expect(businessMinutesBetween(new Date('2026-03-28T23:00:00Z'), new Date('2026-03-29T22:00:00Z'), always)).toBe(23 * 60);
  });

  it('finds the opening of the second business day after a moment', () => {
    // Resolved Friday 16:00 in Utrecht: Saturday is day one, Sunday day two, opening 11:00.
    expect(afterBusinessDays(new Date('2026-11-20T15:00:00Z'), 2, utrecht).toISOString()).toBe('2026-11-22T10:00:00.000Z');
    // Resolved Wednesday 23 Dec: the 24th is day one (a half day), the 25th is closed, the 26th is day two.
    expect(afterBusinessDays(new Date('2026-12-23T12:00:00Z'), 2, utrecht).toISOString()).toBe('2026-12-26T10:00:00.000Z');
  });

  it('refuses a calendar that is never open', () => {
    expect(() => addBusinessMinutes(new Date(), 1, { timeZone: 'Europe/Oslo', weekly: {}, holidays: [] })).toThrow(/no opening hours/);
  });
});

/** A random calendar: 0–3 non-overlapping intervals per weekday on the quarter hour, some holidays around the start. */
const hhmm = (q: number) => `${String(Math.floor(q / 4)).padStart(2, '0')}:${String((q % 4) * 15).padStart(2, '0')}`;
const intervalsArb: fc.Arbitrary<Interval[]> = fc
  .uniqueArray(fc.integer({ min: 0, max: 96 }), { minLength: 0, maxLength: 6 })
  .map((qs) => {
    const sorted = [...qs].sort((a, b) => a - b);
    const out: Interval[] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) out.push([hhmm(sorted[i]), hhmm(sorted[i + 1])]);
    return out;
  });

const START = Date.parse('2026-03-20T00:00:00Z');
const calendarArb: fc.Arbitrary<ZonedCalendar> = fc.record({
  timeZone: fc.constantFrom('Europe/Oslo', 'Europe/Amsterdam', 'Europe/Stockholm', 'UTC'),
  weekly: fc.record(Object.fromEntries(DAYS.map((d) => [d, intervalsArb])) as Record<Weekday, fc.Arbitrary<Interval[]>>),
  holidays: fc.uniqueArray(
    fc.record({ offset: fc.integer({ min: 0, max: 12 }), intervals: intervalsArb }),
    { selector: (h) => h.offset, maxLength: 3 },
  ).map((hs) => hs.map((h) => ({ date: new Date(START + h.offset * 86_400_000).toISOString().slice(0, 10), intervals: h.intervals }))),
}).filter((c) => {
  // At least four open hours a week, so the minute-by-minute walk stays short.
  const weekly = Object.values(c.weekly).flat().reduce((sum, [a, b]) => sum + (Date.parse(`1970-01-01T${b === '24:00' ? '23:59' : b}Z`) - Date.parse(`1970-01-01T${a}Z`)), 0);
  return weekly >= 4 * 3_600_000;
});

/** Starts on the minute, in windows that include both 2026 daylight-saving weekends. */
const startArb = fc.oneof(
  fc.integer({ min: 0, max: 10 * 24 * 60 }).map((m) => new Date(START + m * MINUTE)),
  fc.integer({ min: 0, max: 10 * 24 * 60 }).map((m) => new Date(Date.parse('2026-10-20T00:00:00Z') + m * MINUTE)),
);

/** Brute force: walk minute by minute, counting open minutes. */
function bruteAdd(start: Date, minutes: number, calendar: ZonedCalendar): Date {
  let t = start.getTime();
  let left = minutes;
  while (left > 0) {
    if (isOpenAt(new Date(t), calendar)) left--;
    t += MINUTE;
  }
  // The deadline is the end of the last counted minute.
  return new Date(t);
}

function bruteBetween(a: Date, b: Date, calendar: ZonedCalendar): number {
  let n = 0;
  for (let t = a.getTime(); t < b.getTime(); t += MINUTE) if (isOpenAt(new Date(t), calendar)) n++;
  return n;
}

describe('business time, against a minute-by-minute walk', () => {
  it('addBusinessMinutes lands where the walk ends its last open minute', () => {
    fc.assert(
      fc.property(calendarArb, startArb, fc.integer({ min: 1, max: 600 }), (calendar, start, minutes) => {
        const fast = addBusinessMinutes(start, minutes, calendar);
        const slow = bruteAdd(start, minutes, calendar);
        // The walk stops at the end of the minute; the fast answer may be exactly that instant.
        expect(fast.toISOString()).toBe(slow.toISOString());
      }),
      { numRuns: 80 },
    );
  }, 120_000);

  it('businessMinutesBetween counts the open minutes the walk counts', () => {
    fc.assert(
      fc.property(calendarArb, startArb, fc.integer({ min: 0, max: 3 * 24 * 60 }), (calendar, a, span) => {
        const b = new Date(a.getTime() + span * MINUTE);
        expect(businessMinutesBetween(a, b, calendar)).toBe(bruteBetween(a, b, calendar));
        expect(businessMinutesBetween(b, a, calendar)).toBe(0 - bruteBetween(a, b, calendar) || 0);
      }),
      { numRuns: 80 },
    );
  }, 120_000);

  it('the two agree: between(start, add(start, n)) = n', () => {
    fc.assert(
      fc.property(calendarArb, startArb, fc.integer({ min: 0, max: 5000 }), (calendar, start, minutes) => {
        expect(businessMinutesBetween(start, addBusinessMinutes(start, minutes, calendar), calendar)).toBe(minutes);
      }),
      { numRuns: 200 },
    );
  });
});
