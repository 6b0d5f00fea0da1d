import { DateTime } from 'luxon';
import { afterBusinessDays, type ZonedCalendar } from '../sla/business-time.js';
import type { CadenceStep } from '../dealers/contact-cadence.js';

/**
 * The schedule maths of the loyalty journey. Pure: no Nest, no TypeORM, no clock.
 * Business days are the dealer's (holidays skipped); months are calendar months in the
 * dealer's zone, keeping the local time across daylight saving and clamping month ends
 * (31 August + 6 months = 28 or 29 February).
 */

/** A contact is due for its day and two business days more; from the opening of the third it is overdue. */
export const GRACE_BUSINESS_DAYS = 2;
/** A call nobody answers is offered again the next business day, at most twice. */
export const MAX_RETRIES = 2;

export interface PlannedContact {
  step: number;
  kind: CadenceStep['kind'];
  department: string;
  purpose: string;
  dueAt: Date;
  overdueAt: Date;
  lastCall: boolean;
}

export type ContactStatus = 'scheduled' | 'due' | 'overdue' | 'done';

export function addMonthsLocal(from: Date, months: number, timeZone: string): Date {
  return DateTime.fromJSDate(from, { zone: timeZone }).plus({ months }).toJSDate();
}

export function overdueAtFor(dueAt: Date, calendar: ZonedCalendar): Date {
  return afterBusinessDays(dueAt, GRACE_BUSINESS_DAYS + 1, calendar);
}

export function dueAtFor(step: CadenceStep, from: Date, calendar: ZonedCalendar): Date {
  return step.afterBusinessDays !== undefined ? afterBusinessDays(from, step.afterBusinessDays, calendar) : addMonthsLocal(from, step.afterMonths!, calendar.timeZone);
}

/** The journey's contacts from a close: each step counted from the close, the last call marked. */
export function planJourney(cadence: CadenceStep[], closedAt: Date, calendar: ZonedCalendar): PlannedContact[] {
  const lastCallIndex = cadence.map((s) => s.kind).lastIndexOf('call');
  return cadence.map((s, i) => {
    const dueAt = dueAtFor(s, closedAt, calendar);
    return { step: i + 1, kind: s.kind, department: s.department, purpose: s.purpose, dueAt, overdueAt: overdueAtFor(dueAt, calendar), lastCall: i === lastCallIndex };
  });
}

/** The status a list shows: due from the start of its local day, overdue from overdueAt; paused counts as scheduled. */
export function contactStatus(c: { state: string; dueAt: Date; overdueAt: Date; pausedAt: Date | null }, now: Date, timeZone: string): ContactStatus {
  if (c.state === 'done') return 'done';
  if (c.pausedAt) return 'scheduled';
  if (c.dueAt.getTime() >= startOfTomorrow(now, timeZone).getTime()) return 'scheduled';
  return now.getTime() >= c.overdueAt.getTime() ? 'overdue' : 'due';
}

export function startOfTomorrow(now: Date, timeZone: string): Date {
  return DateTime.fromJSDate(now, { zone: timeZone }).startOf('day').plus({ days: 1 }).toJSDate();
}

/**
 * Resuming after a pause: the contact moves on by the time the journey stood still, so the
 * customer hears from us as long after the new ticket closed as they would have after the
 * first (calendar time, not business time: a month step stays a month step).
 */
export function shiftedBy<T extends { dueAt: Date; overdueAt: Date }>(c: T, pausedAt: Date, now: Date): Pick<T, 'dueAt' | 'overdueAt'> {
  const ms = Math.max(0, now.getTime() - pausedAt.getTime());
  return { dueAt: new Date(c.dueAt.getTime() + ms), overdueAt: new Date(c.overdueAt.getTime() + ms) } as Pick<T, 'dueAt' | 'overdueAt'>;
}

/** After a no-answer: another try the next business day while retries are left, else the call ends unanswered. */
export function afterNoAnswer(attempts: number, now: Date, calendar: ZonedCalendar): { retry: { dueAt: Date; overdueAt: Date } | null } {
  if (attempts > MAX_RETRIES) return { retry: null };
  const dueAt = afterBusinessDays(now, 1, calendar);
  return { retry: { dueAt, overdueAt: overdueAtFor(dueAt, calendar) } };
}
