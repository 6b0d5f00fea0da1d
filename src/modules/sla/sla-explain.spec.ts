import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Interval, Weekday } from '../dealers/calendar.js';
import { businessMinutesBetween, isOpenAt, type ZonedCalendar } from './business-time.js';
import { planMoments } from './sla-clock.js';
import { explainDeadline, type PauseInput } from './sla-explain.js';

const MINUTE = 60_000;
const DAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** The Utrecht demo calendar with a holiday on Saturday 24 October 2026 (the day before the clocks go back). */
const utrecht: ZonedCalendar = {
  timeZone: 'Europe/Amsterdam',
  weekly: { mon: [['09:00', '18:00']], tue: [['09:00', '18:00']], wed: [['09:00', '18:00']], thu: [['09:00', '18:00']], fri: [['09:00', '17:00']], sat: [['11:00', '16:00']], sun: [['11:00', '16:00']] },
  holidays: [{ date: '2026-10-24', intervals: [], name: 'Test holiday' }, { date: '2026-12-24', intervals: [['09:00', '12:00']], name: 'Christmas Eve' }],
};

describe('explaining a deadline, by example', () => {
  it('Friday 16:30 before a Saturday holiday: 30 min on Friday, the holiday, 90 min on Sunday across the DST change', () => {
    const e = explainDeadline({ target: 'listen', startedAt: new Date('2026-10-23T14:30:00Z'), targetMinutes: 120, calendar: utrecht, pauses: [] });
    expect(e).toEqual({
      target: 'listen',
      startedAt: '2026-10-23T14:30:00.000Z',
      dueAt: '2026-10-25T11:30:00.000Z',
      businessMinutes: 120,
      timeZone: 'Europe/Amsterdam',
      spans: [
        { from: '2026-10-23T14:30:00.000Z', to: '2026-10-23T15:00:00.000Z', minutes: 30 },
        { from: '2026-10-25T10:00:00.000Z', to: '2026-10-25T11:30:00.000Z', minutes: 90 },
      ],
      closed: [{ date: '2026-10-24', reason: 'holiday', name: 'Test holiday' }],
      pauses: [],
      pausedAfterDeadline: 0,
    });
    expect(e.dueAt).toBe(planMoments(new Date(e.startedAt), 120, 0.75, 0, utrecht).dueAt.toISOString());
  });

  it('takes a wait out of the spans and moves the deadline by its business minutes', () => {
    // Monday 26 Oct 10:00 CET, 240 min; waiting 11:00–13:30 (150 min): counted 10–11, 13:30–16:30.
    const pauses = [{ from: new Date('2026-10-26T10:00:00Z'), to: new Date('2026-10-26T12:30:00Z') }];
    const e = explainDeadline({ target: 'apologise', startedAt: new Date('2026-10-26T09:00:00Z'), targetMinutes: 240, calendar: utrecht, pauses });
    expect(e.spans).toEqual([
      { from: '2026-10-26T09:00:00.000Z', to: '2026-10-26T10:00:00.000Z', minutes: 60 },
      { from: '2026-10-26T12:30:00.000Z', to: '2026-10-26T15:30:00.000Z', minutes: 180 },
    ]);
    expect(e.pauses).toEqual([{ from: '2026-10-26T10:00:00.000Z', to: '2026-10-26T12:30:00.000Z', minutes: 150 }]);
    expect(e.dueAt).toBe(planMoments(new Date('2026-10-26T09:00:00Z'), 240, 0.75, 150, utrecht).dueAt.toISOString());
  });

  it('lists a wait still going on without moving the deadline shown, and leaves out closed days inside a wait', () => {
    const e = explainDeadline({ target: 'fix', startedAt: new Date('2026-10-23T08:00:00Z'), targetMinutes: 600, calendar: utrecht, pauses: [{ from: new Date('2026-10-23T09:00:00Z'), to: new Date('2026-11-02T09:00:00Z') }] });
    // Fri 10:00–11:00 CEST counted, the ten-day wait, then Mon 2 Nov from 10:00 CET.
    expect(e.spans[0]).toEqual({ from: '2026-10-23T08:00:00.000Z', to: '2026-10-23T09:00:00.000Z', minutes: 60 });
    expect(e.closed).toEqual([]);
    const waiting = explainDeadline({ target: 'fix', startedAt: new Date('2026-10-23T08:00:00Z'), targetMinutes: 600, calendar: utrecht, pauses: [{ from: new Date('2026-10-23T09:00:00Z'), to: null }] });
    expect(waiting.pauses).toEqual([{ from: '2026-10-23T09:00:00.000Z', to: null, minutes: null }]);
    expect(waiting.dueAt).toBe(planMoments(new Date('2026-10-23T08:00:00Z'), 600, 0.75, 0, utrecht).dueAt.toISOString());
  });

  it('says so when a wait began after the deadline had passed (the clock still moves the deadline on)', () => {
    const start = new Date('2026-10-26T09:00:00Z');
    const pauses = [{ from: new Date('2026-10-27T09:00:00Z'), to: new Date('2026-10-27T10:00:00Z') }];
    const e = explainDeadline({ target: 'listen', startedAt: start, targetMinutes: 60, calendar: utrecht, pauses });
    expect(e.spans).toEqual([{ from: '2026-10-26T09:00:00.000Z', to: '2026-10-26T10:00:00.000Z', minutes: 60 }]);
    expect(e.pausedAfterDeadline).toBe(60);
    expect(e.dueAt).toBe(planMoments(start, 60, 0.75, 60, utrecht).dueAt.toISOString());
  });
});

/** A random calendar: 0–3 non-overlapping intervals per weekday on the quarter hour, some holidays around the starts. */
const hhmm = (q: number) => `${String(Math.floor(q / 4)).padStart(2, '0')}:${String((q % 4) * 15).padStart(2, '0')}`;
const intervalsArb: fc.Arbitrary<Interval[]> = fc.uniqueArray(fc.integer({ min: 0, max: 96 }), { minLength: 0, maxLength: 6 }).map((qs) => {
  const sorted = [...qs].sort((a, b) => a - b);
  const out: Interval[] = [];
  for (let i = 0; i + 1 < sorted.length; i += 2) out.push([hhmm(sorted[i]), hhmm(sorted[i + 1])]);
  return out;
});

const WINDOWS = [Date.parse('2026-03-24T00:00:00Z'), Date.parse('2026-10-20T00:00:00Z')]; // both 2026 daylight-saving weekends
const holidaysArb = fc
  .uniqueArray(fc.record({ window: fc.constantFrom(0, 1), offset: fc.integer({ min: 0, max: 14 }), intervals: intervalsArb, named: fc.boolean() }), { selector: (h) => `${h.window}|${h.offset}`, maxLength: 6 })
  .map((hs) => hs.map((h) => ({ date: new Date(WINDOWS[h.window] + h.offset * 86_400_000).toISOString().slice(0, 10), intervals: h.intervals, ...(h.named ? { name: `Holiday ${h.offset}` } : {}) })));

const calendarArb: fc.Arbitrary<ZonedCalendar> = fc
  .record({
    timeZone: fc.constantFrom('Europe/Oslo', 'Europe/Amsterdam', 'Europe/Stockholm', 'America/New_York', 'UTC'),
    weekly: fc.record(Object.fromEntries(DAYS.map((d) => [d, intervalsArb])) as Record<Weekday, fc.Arbitrary<Interval[]>>),
    holidays: holidaysArb,
  })
  .filter((c) => Object.values(c.weekly).some((iv) => iv.length > 0));

/** Any millisecond, so that waits of fractional business minutes are rounded as the timer rounds them. */
const startArb = fc.tuple(fc.constantFrom(...WINDOWS), fc.integer({ min: 0, max: 12 * 24 * 60 * MINUTE })).map(([w, ms]) => new Date(w + ms));
const waitsArb = fc.array(fc.record({ gap: fc.integer({ min: 0, max: 3 * 24 * 60 * MINUTE }), length: fc.integer({ min: 1, max: 4 * 24 * 60 * MINUTE }) }), { maxLength: 6 });

/**
 * The timer as SlaTimersService runs it: each wait begins while the timer runs (before the
 * deadline then in force), and on resume pausedMinutes grows by its business minutes,
 * rounded; the deadline is planMoments' with them.
 */
function runTimer(start: Date, target: number, calendar: ZonedCalendar, waits: { gap: number; length: number }[], lastOngoing: boolean) {
  let paused = 0;
  let cursor = start.getTime();
  const pauses: PauseInput[] = [];
  for (const [i, w] of waits.entries()) {
    const from = cursor + w.gap;
    if (from >= planMoments(start, target, 0.75, paused, calendar).dueAt.getTime()) break;
    const ongoing = lastOngoing && i === waits.length - 1;
    const to = ongoing ? null : new Date(from + w.length);
    pauses.push({ from: new Date(from), to });
    if (!to) break;
    paused += Math.max(0, Math.round(businessMinutesBetween(new Date(from), to, calendar)));
    cursor = to.getTime();
  }
  return { pauses, dueAt: planMoments(start, target, 0.75, paused, calendar).dueAt };
}

describe('explaining a deadline, for any calendar, holidays, waits and start', () => {
  it('the spans add up to the target, lie in opening hours outside the waits, and end at the deadline the SLA clock computes', () => {
    fc.assert(
      fc.property(calendarArb, startArb, fc.integer({ min: 1, max: 5 * 600 }), waitsArb, fc.boolean(), (calendar, start, target, waits, lastOngoing) => {
        const timer = runTimer(start, target, calendar, waits, lastOngoing);
        const e = explainDeadline({ target: 'fix', startedAt: start, targetMinutes: target, calendar, pauses: timer.pauses });
        const ms = e.spans.map((s) => [Date.parse(s.from), Date.parse(s.to)]);
        expect(ms.reduce((sum, [a, b]) => sum + (b - a), 0)).toBe(target * MINUTE);
        expect(e.businessMinutes).toBe(target);
        expect(e.pausedAfterDeadline).toBe(0);
        expect(e.dueAt).toBe(timer.dueAt.toISOString());
        expect(e.spans.at(-1)!.to).toBe(e.dueAt);
        expect(e.spans[0].from >= e.startedAt).toBe(true);
        for (const [i, [a, b]] of ms.entries()) {
          expect(b).toBeGreaterThan(a);
          if (i > 0) expect(a).toBeGreaterThanOrEqual(ms[i - 1][1]);
          // Open at both ends (a span never runs across a closing time).
          expect(isOpenAt(new Date(a), calendar)).toBe(true);
          expect(isOpenAt(new Date(b - 1), calendar)).toBe(true);
          expect(businessMinutesBetween(new Date(a), new Date(b), calendar)).toBe((b - a) / MINUTE);
        }
        // No counted span starts inside an ended wait by more than the rounding of its minutes (half a business minute).
        for (const p of timer.pauses.filter((x) => x.to)) {
          for (const [a] of ms) if (a > p.from.getTime() && a < p.to!.getTime()) expect(businessMinutesBetween(new Date(a), p.to!, calendar)).toBeLessThanOrEqual(0.5);
        }
        // Closed days are days without opening hours, each once, in order.
        const dates = e.closed.map((c) => c.date);
        expect([...dates].sort()).toEqual(dates);
        expect(new Set(dates).size).toBe(dates.length);
        for (const c of e.closed) expect(c.reason === 'holiday').toBe(calendar.holidays.some((h) => h.date === c.date));
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});
