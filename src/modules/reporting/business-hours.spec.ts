import { describe, expect, it } from 'vitest';
import type { ZonedCalendar } from '../sla/business-time.js';
import { businessHours, medianOf, MetHoursByTarget } from './business-hours.js';

const calendar: ZonedCalendar = {
  timeZone: 'Europe/Oslo',
  weekly: { mon: [['08:00', '16:00']], tue: [['08:00', '16:00']], wed: [['08:00', '16:00']], thu: [['08:00', '16:00']], fri: [['08:00', '15:00']] },
  holidays: [],
};
const other: ZonedCalendar = { timeZone: 'America/New_York', weekly: { mon: [['09:00', '17:00']], sat: [['10:00', '14:00']] }, holidays: [] };

describe('MetHoursByTarget: met timers\' business hours gathered a row at a time', () => {
  it('gives per target the median businessHours and medianOf give over the same spans, across calendars', () => {
    const day = Date.UTC(2026, 2, 2, 6);
    const starts = Float64Array.from({ length: 3000 }, (_, i) => day + i * 53 * 60_000);
    const ends = Float64Array.from(starts, (s, i) => s + ((i * 7919) % 9000) * 60_000);
    const gathered = new MetHoursByTarget(['listen', 'resolve']);
    // Listen timers on two calendars (more than the first 1,024 places), resolve timers on one.
    for (let i = 0; i < starts.length; i++) gathered.add(i % 3 ? 'listen' : 'resolve', i % 3 === 1 ? other : calendar, starts[i], ends[i]);
    const pick = (keep: (i: number) => boolean, cal: ZonedCalendar) => {
      const idx = [...starts.keys()].filter(keep);
      return businessHours({ calendar: cal, starts: Float64Array.from(idx, (i) => starts[i]), ends: Float64Array.from(idx, (i) => ends[i]) });
    };
    const listen = [pick((i) => i % 3 === 1, other), pick((i) => i % 3 === 2, calendar)];
    const resolve = [pick((i) => i % 3 === 0, calendar)];
    expect(gathered.medians()).toEqual({ listen: medianOf({ parts: listen }), resolve: medianOf({ parts: resolve }) });
    expect(gathered.medians().listen).toBeGreaterThan(0);
  });

  it('gives null for a target without met timers and leaves out targets not asked for', () => {
    const gathered = new MetHoursByTarget(['listen', 'resolve']);
    gathered.add('apologise', calendar, Date.UTC(2026, 2, 2, 8), Date.UTC(2026, 2, 2, 10));
    gathered.add('listen', calendar, Date.UTC(2026, 2, 2, 8), Date.UTC(2026, 2, 2, 10));
    expect(gathered.medians()).toEqual({ listen: 2, resolve: null });
  });
});
