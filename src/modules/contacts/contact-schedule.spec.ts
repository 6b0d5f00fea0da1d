import { describe, expect, it } from 'vitest';
import type { ZonedCalendar } from '../sla/business-time.js';
import { defaultCadence } from '../dealers/contact-cadence.js';
import { addMonthsLocal, afterNoAnswer, contactStatus, planJourney, shiftedBy } from './contact-schedule.js';

const weekdays: ZonedCalendar = {
  timeZone: 'Europe/Amsterdam',
  weekly: { mon: [['09:00', '18:00']], tue: [['09:00', '18:00']], wed: [['09:00', '18:00']], thu: [['09:00', '18:00']], fri: [['09:00', '17:00']] },
  holidays: [{ date: '2026-12-28', intervals: [], name: 'Closed for stocktaking' }],
};

describe('the loyalty schedule', () => {
  it('adds calendar months in the dealer zone, clamping month ends', () => {
    // 31 August 10:00 CEST + 6 months: 28 February 10:00 CET (no 31st, and the clocks went back).
    expect(addMonthsLocal(new Date('2026-08-31T08:00:00Z'), 6, 'Europe/Amsterdam').toISOString()).toBe('2027-02-28T09:00:00.000Z');
    // A leap year: 29 February.
    expect(addMonthsLocal(new Date('2027-08-31T08:00:00Z'), 6, 'Europe/Amsterdam').toISOString()).toBe('2028-02-29T09:00:00.000Z');
    // Across the spring change: 15:00 local stays 15:00 local.
    expect(addMonthsLocal(new Date('2026-11-20T14:00:00Z'), 6, 'Europe/Amsterdam').toISOString()).toBe('2027-05-20T13:00:00.000Z');
  });

  it('plans the default cadence from a Friday close before a holiday', () => {
    // Friday 25 Dec is not in this calendar; Monday 28 is a holiday: the 2 business days are Tue 29 and Wed 30.
    const plan = planJourney(defaultCadence(['sales', 'service']), new Date('2026-12-25T15:00:00Z'), weekdays);
    expect(plan.map((p) => [p.kind, p.department, p.dueAt.toISOString(), p.lastCall])).toEqual([
      ['call', 'sales', '2026-12-30T08:00:00.000Z', false],
      ['message', 'sales', '2027-06-25T14:00:00.000Z', false],
      ['call', 'sales', '2027-11-25T15:00:00.000Z', true],
    ]);
    // Due on Wednesday 30: grace Thu 31 and Fri 1 Jan; overdue from Monday 4 January's opening.
    expect(plan[0].overdueAt.toISOString()).toBe('2027-01-04T08:00:00.000Z');
  });

  it('tells scheduled, due, overdue and done apart in the dealer zone', () => {
    const c = { state: 'open', dueAt: new Date('2026-12-30T08:00:00Z'), overdueAt: new Date('2027-01-04T08:00:00Z'), pausedAt: null };
    expect(contactStatus(c, new Date('2026-12-29T22:59:00Z'), 'Europe/Amsterdam')).toBe('scheduled');
    expect(contactStatus(c, new Date('2026-12-29T23:00:00Z'), 'Europe/Amsterdam')).toBe('due');
    expect(contactStatus(c, new Date('2027-01-04T07:59:00Z'), 'Europe/Amsterdam')).toBe('due');
    expect(contactStatus(c, new Date('2027-01-04T08:00:00Z'), 'Europe/Amsterdam')).toBe('overdue');
    expect(contactStatus({ ...c, pausedAt: new Date() }, new Date('2027-01-05T08:00:00Z'), 'Europe/Amsterdam')).toBe('scheduled');
    expect(contactStatus({ ...c, state: 'done' }, new Date('2027-01-05T08:00:00Z'), 'Europe/Amsterdam')).toBe('done');
  });

  it('shifts a resumed contact by the pause, and retries a no-answer twice', () => {
    const c = { dueAt: new Date('2027-06-01T08:00:00Z'), overdueAt: new Date('2027-06-03T08:00:00Z') };
    const s = shiftedBy(c, new Date('2027-01-01T00:00:00Z'), new Date('2027-01-11T00:00:00Z'));
    expect([s.dueAt.toISOString(), s.overdueAt.toISOString()]).toEqual(['2027-06-11T08:00:00.000Z', '2027-06-13T08:00:00.000Z']);
    const friday = new Date('2026-12-18T10:00:00Z');
    expect(afterNoAnswer(1, friday, weekdays).retry?.dueAt.toISOString()).toBe('2026-12-21T08:00:00.000Z');
    expect(afterNoAnswer(2, friday, weekdays).retry).not.toBeNull();
    expect(afterNoAnswer(3, friday, weekdays).retry).toBeNull();
  });
});
