import { DateTime } from 'luxon';
import { afterBusinessDays, type ZonedCalendar } from '../sla/business-time.js';

/**
 * When an improvement is overdue, and when its quality managers hear of it. Pure.
 *
 * The due date is a calendar day: the improvement is overdue from the end of that day in
 * its dealer's zone. An improvement for all dealers uses the importer's calendar below
 * (Europe/Oslo, Monday to Friday 08:00–16:00, no holidays).
 */
export const IMPORTER_CALENDAR: ZonedCalendar = {
  timeZone: 'Europe/Oslo',
  weekly: { mon: [['08:00', '16:00']], tue: [['08:00', '16:00']], wed: [['08:00', '16:00']], thu: [['08:00', '16:00']], fri: [['08:00', '16:00']] },
  holidays: [],
};

/** Business days after the owner's mail before the quality managers are mailed. */
export const MANAGERS_AFTER_BUSINESS_DAYS = 2;

/** The first moment past the due day, in the calendar's zone. */
export function overdueAt(dueDate: string, calendar: ZonedCalendar): Date {
  return DateTime.fromISO(dueDate, { zone: calendar.timeZone }).plus({ days: 1 }).startOf('day').toJSDate();
}

export function isOverdue(dueDate: string, calendar: ZonedCalendar, now: Date): boolean {
  return now.getTime() >= overdueAt(dueDate, calendar).getTime();
}

/** When the quality managers are mailed: two business days after it became overdue. */
export function managersDueAt(dueDate: string, calendar: ZonedCalendar): Date {
  return afterBusinessDays(overdueAt(dueDate, calendar), MANAGERS_AFTER_BUSINESS_DAYS, calendar);
}

/**
 * The latest due date that can be overdue at `now` anywhere (zones run up to 14 h ahead of
 * UTC): the sweep reads open improvements due on or before it, on its index, then decides each.
 */
export function latestPossiblyOverdue(now: Date): string {
  return new Date(now.getTime() + 14 * 3600 * 1000 - 24 * 3600 * 1000).toISOString().slice(0, 10);
}
