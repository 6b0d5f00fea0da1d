import { DateTime } from 'luxon';
import { translate } from '../../../common/i18n/translator.js';
import { WEEKDAYS, type BusinessCalendar, type Interval } from '../../dealers/calendar.js';
import type { SlaExplanation } from '../../sla/sla-explain.js';

/**
 * "How is this counted?" under a deadline, as lines in the staff user's language: the
 * counted spans one line per day, closed days grouped when they follow each other, the
 * waits, in the order they happened; then the start, the calendar and the total.
 */
export interface ExplainView {
  summary: string;
  lines: { kind: 'counted' | 'closed' | 'paused'; text: string }[];
  notes: string[];
  start: string;
  total: string;
  calendar: string;
}

const LOCALES: Record<string, string> = { en: 'en-GB', nb: 'nb-NO', sv: 'sv-SE', nl: 'nl-NL' };
const MINUTE = 60_000;

export function explainView(e: SlaExplanation & { recordedDueAt?: string }, ctx: { language: string; calendar: BusinessCalendar }): ExplainView {
  const language = LOCALES[ctx.language] ? ctx.language : 'en';
  const f = formats(LOCALES[language], e.timeZone);
  const t = (key: string, vars: Record<string, unknown> = {}) => translate(language, `slaExplain.${key}`, vars);
  const rows: { at: number; kind: ExplainView['lines'][number]['kind']; text: string }[] = [];

  // Counted spans, one line per local day.
  const byDay = new Map<string, { at: number; times: string[]; ms: number }>();
  for (const s of e.spans) {
    const [from, to] = [new Date(s.from), new Date(s.to)];
    const key = f.isoDay(from);
    const day = byDay.get(key) ?? byDay.set(key, { at: from.getTime(), times: [], ms: 0 }).get(key)!;
    // A span to midnight ends at 24:00 of its day, not 00:00.
    day.times.push(`${f.time(from)}–${f.isoDay(to) !== key ? '24:00' : f.time(to)}`);
    day.ms += to.getTime() - from.getTime();
  }
  for (const d of byDay.values()) rows.push({ at: d.at, kind: 'counted', text: t('counted', { day: f.day(new Date(d.at)), times: d.times.join(', '), minutes: Math.round(d.ms / MINUTE) }) });

  // Closed days: a run of consecutive days with the same reason becomes one line.
  const runs: { first: string; last: string; reason: string; names: string[] }[] = [];
  for (const c of e.closed) {
    const run = runs.at(-1);
    if (run && run.reason === c.reason && nextDate(run.last) === c.date) {
      run.last = c.date;
      if (c.name && !run.names.includes(c.name)) run.names.push(c.name);
    } else runs.push({ first: c.date, last: c.date, reason: c.reason, names: c.name ? [c.name] : [] });
  }
  for (const r of runs) {
    const days = r.first === r.last ? f.date(r.first) : f.dateRange(r.first, r.last);
    const text = r.reason === 'holiday' ? (r.names.length ? t('holidayNamed', { days, name: r.names.join(', ') }) : t('holiday', { days })) : t('closed', { days });
    rows.push({ at: DateTime.fromISO(r.first, { zone: e.timeZone }).toMillis(), kind: 'closed', text });
  }

  for (const p of e.pauses) {
    const from = new Date(p.from);
    if (!p.to) {
      rows.push({ at: from.getTime(), kind: 'paused', text: t('pausedRunning', { from: f.moment(from) }) });
      continue;
    }
    const to = new Date(p.to);
    rows.push({ at: from.getTime(), kind: 'paused', text: t('paused', { from: f.moment(from), to: f.isoDay(to) === f.isoDay(from) ? f.time(to) : f.moment(to), minutes: p.minutes }) });
  }

  const notes: string[] = [];
  if (e.pausedAfterDeadline > 0) notes.push(t('afterDeadline', { minutes: e.pausedAfterDeadline }));
  if (e.recordedDueAt) notes.push(t('recorded', { at: f.moment(new Date(e.dueAt)) }));
  return {
    summary: t('summary'),
    lines: rows.sort((a, b) => a.at - b.at).map(({ kind, text }) => ({ kind, text })),
    notes,
    start: t('start', { at: f.moment(new Date(e.startedAt)) }),
    total: t('total', { minutes: e.businessMinutes, target: t(`targets.${e.target}`) }),
    calendar: t('calendar', { hours: weeklyHours(ctx.calendar, f.weekday) || t('closedAllWeek'), zone: e.timeZone }),
  };
}

/** "Mon–Thu 09:00–18:00; Fri 09:00–17:00": weekdays with the same hours together, closed ones left out. */
function weeklyHours(calendar: BusinessCalendar, weekday: (i: number) => string): string {
  const hours = (iv: Interval[] | undefined) => (iv ?? []).map(([a, b]) => `${a}–${b}`).join(', ');
  const groups: { from: number; to: number; hours: string }[] = [];
  WEEKDAYS.forEach((d, i) => {
    const h = hours(calendar.weekly[d]);
    const last = groups.at(-1);
    if (last && last.hours === h && last.to === i - 1) last.to = i;
    else groups.push({ from: i, to: i, hours: h });
  });
  return groups
    .filter((g) => g.hours)
    .map((g) => `${g.from === g.to ? weekday(g.from) : `${weekday(g.from)}–${weekday(g.to)}`} ${g.hours}`)
    .join('; ');
}

function nextDate(iso: string): string {
  return DateTime.fromISO(iso, { zone: 'UTC' }).plus({ days: 1 }).toISODate()!;
}

/** Formatters for one locale and zone (dates of closed days are zone-less: read at noon UTC). */
function formats(locale: string, timeZone: string) {
  const day = new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone });
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone });
  const date = new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
  const weekday = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
  const noon = (iso: string) => new Date(`${iso}T12:00:00Z`);
  return {
    day: (d: Date) => day.format(d),
    time: (d: Date) => time.format(d),
    moment: (d: Date) => `${day.format(d)} ${time.format(d)}`,
    isoDay: (d: Date) => DateTime.fromJSDate(d, { zone: timeZone }).toISODate()!,
    date: (iso: string) => date.format(noon(iso)),
    // Intl puts thin and no-break spaces round the dash; plain ones read (and search) the same everywhere.
    dateRange: (a: string, b: string) => date.formatRange(noon(a), noon(b)).replace(/[\u2009\u202f\u00a0]/g, ' '),
    // 5 January 2026 is a Monday.
    weekday: (i: number) => weekday.format(new Date(Date.UTC(2026, 0, 5 + i, 12))),
  };
}
