import { describe, expect, it } from 'vitest';
import { calendarProblems, defaultCalendar } from './calendar.js';

describe('calendarProblems', () => {
  it('accepts several intervals a day and partial holidays', () => {
    expect(
      calendarProblems({
        weekly: { mon: [['09:00', '12:00'], ['13:00', '18:00']], sat: [['11:00', '16:00']] },
        holidays: [{ date: '2026-12-24', intervals: [['09:00', '12:00']] }, { date: '2026-12-25', intervals: [] }],
      }),
    ).toEqual([]);
    expect(calendarProblems(defaultCalendar())).toEqual([]);
  });

  it('names each bad part', () => {
    const problems = calendarProblems({
      weekly: { mon: [['18:00', '09:00']], tue: [['09:00', '12:00'], ['11:00', '13:00']], fun: [] } as never,
      holidays: [{ date: '24.12.2026', intervals: [] }],
    });
    expect(problems).toEqual([
      'calendar.weekly.mon[0] must open before it closes',
      'calendar.weekly.tue has overlapping intervals',
      'calendar.weekly.fun is not a weekday (mon…sun)',
      'calendar.holidays[0].date must be a date YYYY-MM-DD',
    ]);
  });

  it('refuses a malformed time', () => {
    expect(calendarProblems({ weekly: { mon: [['9', '17:00']] } as never, holidays: [] })).toEqual(['calendar.weekly.mon[0] must be ["HH:MM","HH:MM"]']);
  });
});
