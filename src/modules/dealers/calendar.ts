/** A dealer's business calendar: opening intervals per weekday and holidays, in the dealer's zone. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** ["09:00", "18:00"]: opening and closing time, local to the dealer. */
export type Interval = [string, string];

export interface Holiday {
  date: string; // YYYY-MM-DD
  /** Opening intervals on that day; empty means closed all day. */
  intervals: Interval[];
  name?: string;
}

export interface BusinessCalendar {
  weekly: Partial<Record<Weekday, Interval[]>>;
  holidays: Holiday[];
}

const TIME = /^([01]\d|2[0-4]):([0-5]\d)$/;

function minutes(t: string): number {
  const [h, m] = t.split(':').map(Number);
  return h * 60 + m;
}

/** Problems with a calendar, each naming where it is; empty when the calendar is sound. */
export function calendarProblems(calendar: BusinessCalendar, path = 'calendar'): string[] {
  const problems: string[] = [];
  const checkIntervals = (intervals: unknown, where: string) => {
    if (!Array.isArray(intervals)) return problems.push(`${where} must be a list of ["HH:MM","HH:MM"] intervals`);
    const sorted: [number, number][] = [];
    intervals.forEach((iv, i) => {
      if (!Array.isArray(iv) || iv.length !== 2 || !iv.every((t) => typeof t === 'string' && TIME.test(t))) {
        problems.push(`${where}[${i}] must be ["HH:MM","HH:MM"]`);
        return;
      }
      const [a, b] = [minutes(iv[0]), minutes(iv[1])];
      if (a >= b || b > 24 * 60) problems.push(`${where}[${i}] must open before it closes`);
      else sorted.push([a, b]);
    });
    sorted.sort((x, y) => x[0] - y[0]);
    for (let i = 1; i < sorted.length; i++) {
      if (sorted[i][0] < sorted[i - 1][1]) problems.push(`${where} has overlapping intervals`);
    }
  };
  if (typeof calendar !== 'object' || calendar === null) return [`${path} must be an object`];
  const weekly = calendar.weekly ?? {};
  for (const key of Object.keys(weekly)) {
    if (!(WEEKDAYS as readonly string[]).includes(key)) problems.push(`${path}.weekly.${key} is not a weekday (mon…sun)`);
    else checkIntervals(weekly[key as Weekday], `${path}.weekly.${key}`);
  }
  (calendar.holidays ?? []).forEach((h, i) => {
    if (!h || typeof h.date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(h.date) || Number.isNaN(Date.parse(h.date))) {
      problems.push(`${path}.holidays[${i}].date must be a date YYYY-MM-DD`);
    }
    checkIntervals(h?.intervals ?? [], `${path}.holidays[${i}].intervals`);
  });
  return problems;
}

/** Mon–Fri 08:00–17:00; a sensible default for a new dealer. */
export function defaultCalendar(): BusinessCalendar {
  const day: Interval[] = [['08:00', '17:00']];
  return { weekly: { mon: day, tue: day, wed: day, thu: day, fri: day }, holidays: [] };
}
