import type { BusinessCalendar } from '../dealers/calendar.js';
import type { ZonedCalendar } from './business-time.js';

/** A dealer's calendar in its own zone, as business-time maths wants it. */
export function zonedCalendar(d: { calendar: BusinessCalendar; timeZone: string }): ZonedCalendar {
  return { ...d.calendar, timeZone: d.timeZone };
}
