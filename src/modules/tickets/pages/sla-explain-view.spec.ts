import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from '../../dealers/calendar.js';
import { explainDeadline } from '../../sla/sla-explain.js';
import { explainView } from './sla-explain-view.js';

const weekly: BusinessCalendar['weekly'] = { mon: [['09:00', '18:00']], tue: [['09:00', '18:00']], wed: [['09:00', '18:00']], thu: [['09:00', '18:00']], fri: [['09:00', '17:00']] };
const calendar: BusinessCalendar = { weekly, holidays: [{ date: '2026-10-26', intervals: [], name: 'Test Monday' }, { date: '2026-10-27', intervals: [], name: 'Test Tuesday' }] };
const zoned = { ...calendar, timeZone: 'Europe/Amsterdam' };

describe('"How is this counted?" as lines', () => {
  it('one line per day, weekends and holidays grouped, the waits in between, in English', () => {
    const e = explainDeadline({
      target: 'fix', startedAt: new Date('2026-10-23T14:30:00Z'), targetMinutes: 120, calendar: zoned,
      pauses: [{ from: new Date('2026-10-28T09:00:00Z'), to: new Date('2026-10-28T10:00:00Z') }, { from: new Date('2026-10-28T11:00:00Z'), to: null }],
    });
    const v = explainView(e, { language: 'en', calendar });
    expect(v.summary).toBe('How is this counted?');
    expect(v.lines.map((l) => l.text)).toEqual([
      'Fri 23 Oct 16:30–17:00 · 30 min',
      'Sat 24 Oct – Sun 25 Oct closed',
      'Mon 26 Oct – Tue 27 Oct closed: holiday (Test Monday, Test Tuesday)',
      'Wed 28 Oct 09:00–10:00, 11:00–11:30 · 90 min',
      'Paused Wed 28 Oct 10:00 – 11:00 · 60 min (waiting on the customer)',
      'Paused since Wed 28 Oct 12:00 (waiting on the customer); the deadline moves on by this time when the ticket resumes',
    ]);
    expect(v.total).toBe('Total 120 min = the fix target');
    expect(v.calendar).toBe('Calendar: Mon–Thu 09:00–18:00; Fri 09:00–17:00 · time zone Europe/Amsterdam');
    expect(v.start).toBe('Counted from Fri 23 Oct 16:30');
    expect(v.notes).toEqual([]);
  });

  it('speaks Dutch, Norwegian and Swedish too, and says when a wait came after the deadline', () => {
    const e = explainDeadline({ target: 'listen', startedAt: new Date('2026-10-29T08:00:00Z'), targetMinutes: 60, calendar: zoned, pauses: [{ from: new Date('2026-10-29T10:00:00Z'), to: new Date('2026-10-29T11:00:00Z') }] });
    expect(explainView(e, { language: 'nl', calendar }).lines[0].text).toBe('do 29 okt 09:00–10:00 · 60 min');
    expect(explainView(e, { language: 'nl', calendar }).notes[0]).toContain('60 min');
    expect(explainView(e, { language: 'nb', calendar }).summary).toBe('Hvordan telles dette?');
    expect(explainView(e, { language: 'sv', calendar }).total).toBe('Totalt 60 min = tidsfristen för lyssna');
    expect(explainView(e, { language: 'xx', calendar }).summary).toBe('How is this counted?');
  });
});
