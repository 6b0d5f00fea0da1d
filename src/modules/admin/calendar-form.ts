import { WEEKDAYS, type BusinessCalendar } from '../dealers/calendar.js';
import { translate } from '../../common/i18n/translator.js';

/**
 * The weekly-hours grid and the holiday list of the admin page, pure: the form's flat
 * fields (`mon-0-from`, `holiday-2-date` …) to a calendar, with a message in words under
 * each field that is wrong (in the reader's language), and back to rows for the page. A row left empty is skipped,
 * which is how a row is removed without script.
 */

export const WEEKDAY_NAMES: Record<string, string> = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };
/** Empty rows offered under each day and under the holidays, for adding without script. */
export const SPARE_INTERVALS = 1;
export const SPARE_HOLIDAYS = 3;
const MAX_ROWS = 12;
const MAX_HOLIDAYS = 400;

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
/** A day may close at midnight, written 24:00. */
const CLOSING = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

type Form = Record<string, unknown>;
export type FieldErrors = Record<string, string>;

export interface IntervalRow { index: number; from: string; to: string }
export interface HolidayRow { index: number; date: string; name: string; from: string; to: string }
export interface CalendarRows { days: { key: string; name: string; rows: IntervalRow[] }[]; holidays: HolidayRow[] }

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** The indexes the form sent for a prefix (`mon`, `holiday`), in order, at most `max`. */
function indexes(form: Form, prefix: string, max: number): number[] {
  const seen = new Set<number>();
  for (const key of Object.keys(form)) {
    const m = new RegExp(`^${prefix}-(\\d{1,3})-`).exec(key);
    if (m) seen.add(Number(m[1]));
  }
  return [...seen].sort((a, b) => a - b).slice(0, max);
}

function isRealDate(s: string): boolean {
  if (!DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The rows the form sent, as typed (for showing back). */
export function rowsFromForm(form: Form): CalendarRows {
  return {
    days: WEEKDAYS.map((key) => ({ key, name: WEEKDAY_NAMES[key], rows: indexes(form, key, MAX_ROWS).map((i) => ({ index: i, from: text(form[`${key}-${i}-from`]), to: text(form[`${key}-${i}-to`]) })) })),
    holidays: indexes(form, 'holiday', MAX_HOLIDAYS).map((i) => ({ index: i, date: text(form[`holiday-${i}-date`]), name: text(form[`holiday-${i}-name`]), from: text(form[`holiday-${i}-from`]), to: text(form[`holiday-${i}-to`]) })),
  };
}

type Say = (key: string, vars?: Record<string, unknown>) => string;
const sayIn = (language: string): Say => (key, vars) => translate(language, `admin.${key}`, vars);

/** Checks a day's intervals; errors go to the field that is wrong (the later of two that overlap). */
function checkIntervals(rows: { field: string; from: string; to: string }[], errors: FieldErrors, say: Say): [string, string][] {
  const good: { field: string; from: string; to: string }[] = [];
  for (const r of rows) {
    if (!r.from && !r.to) continue;
    if (!r.from) errors[`${r.field}-from`] = say('grid.opensMissing');
    else if (!TIME.test(r.from)) errors[`${r.field}-from`] = say('grid.opensBad', { value: r.from });
    if (!r.to) errors[`${r.field}-to`] = say('grid.closesMissing');
    else if (!CLOSING.test(r.to)) errors[`${r.field}-to`] = say('grid.closesBad', { value: r.to });
    if (errors[`${r.field}-from`] || errors[`${r.field}-to`]) continue;
    if (r.to <= r.from) {
      errors[`${r.field}-to`] = say('grid.closesEarly', { from: r.from, to: r.to });
      continue;
    }
    good.push(r);
  }
  const sorted = [...good].sort((a, b) => a.from.localeCompare(b.from));
  for (let i = 1; i < sorted.length; i++) {
    const [before, r] = [sorted[i - 1], sorted[i]];
    if (r.from < before.to) errors[`${r.field}-from`] = say('grid.overlaps', { from: r.from, to: r.to, otherFrom: before.from, otherTo: before.to });
  }
  return sorted.map((r) => [r.from, r.to]);
}

/** The calendar the form describes, or the errors by field name. */
export function calendarFromForm(form: Form, language = 'en'): { calendar: BusinessCalendar; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const say = sayIn(language);
  const rows = rowsFromForm(form);
  const weekly: Record<string, [string, string][]> = {};
  for (const day of rows.days) {
    const intervals = checkIntervals(day.rows.map((r) => ({ field: `${day.key}-${r.index}`, from: r.from, to: r.to })), errors, say);
    if (intervals.length) weekly[day.key] = intervals;
  }
  const holidays: { date: string; name?: string; intervals: [string, string][] }[] = [];
  const dates = new Map<string, number>();
  for (const h of rows.holidays) {
    const field = `holiday-${h.index}`;
    if (!h.date && !h.name && !h.from && !h.to) continue;
    if (!h.date) errors[`${field}-date`] = say('grid.dateMissing');
    else if (!isRealDate(h.date)) errors[`${field}-date`] = say('grid.dateBad', { value: h.date });
    else if (dates.has(h.date)) errors[`${field}-date`] = say('grid.dateTwice', { value: h.date });
    if (h.name.length > 100) errors[`${field}-name`] = say('grid.nameLong');
    const intervals = checkIntervals([{ field, from: h.from, to: h.to }], errors, say);
    if (h.date) dates.set(h.date, h.index);
    holidays.push({ date: h.date, ...(h.name ? { name: h.name } : {}), intervals });
  }
  holidays.sort((a, b) => a.date.localeCompare(b.date));
  return { calendar: { weekly, holidays } as BusinessCalendar, errors };
}

/** A stored calendar as rows for the page, with empty rows to add to. */
export function rowsFromCalendar(calendar: BusinessCalendar): CalendarRows {
  const weekly = calendar.weekly as Record<string, [string, string][] | undefined>;
  return withSpareRows({
    days: WEEKDAYS.map((key) => ({ key, name: WEEKDAY_NAMES[key], rows: (weekly[key] ?? []).map(([from, to], index) => ({ index, from, to })) })),
    holidays: [...calendar.holidays].sort((a, b) => a.date.localeCompare(b.date)).map((h, index) => ({ index, date: h.date, name: (h as { name?: string }).name ?? '', from: h.intervals[0]?.[0] ?? '', to: h.intervals[0]?.[1] ?? '' })),
  });
}

/** Whether the form holds any field of the grid at all (even empty ones). */
export function hasGridFields(form: Form): boolean {
  return Object.keys(form).some((k) => /^(mon|tue|wed|thu|fri|sat|sun|holiday)-\d{1,3}-/.test(k));
}

/** The rows the form sent that hold something (a refused form is shown back without its empty rows, then gets fresh ones). */
export function typedRows(form: Form): CalendarRows {
  const rows = rowsFromForm(form);
  return {
    days: rows.days.map((d) => ({ ...d, rows: d.rows.filter((r) => r.from || r.to) })),
    holidays: rows.holidays.filter((h) => h.date || h.name || h.from || h.to),
  };
}

/** Adds the empty rows (after the highest index) that let a page add an interval or a holiday without script. */
export function withSpareRows(rows: CalendarRows): CalendarRows {
  const next = (xs: { index: number }[]) => Math.max(-1, ...xs.map((x) => x.index)) + 1;
  return {
    days: rows.days.map((d) => ({ ...d, rows: [...d.rows, ...Array.from({ length: SPARE_INTERVALS }, (_, i) => ({ index: next(d.rows) + i, from: '', to: '' }))] })),
    holidays: [...rows.holidays, ...Array.from({ length: SPARE_HOLIDAYS }, (_, i) => ({ index: next(rows.holidays) + i, date: '', name: '', from: '', to: '' }))],
  };
}
