import { describe, expect, it } from 'vitest';
import { calendarFromForm, hasGridFields, rowsFromCalendar, typedRows } from './calendar-form.js';
import { hoursAndMinutes, percent, policyFromForm } from './sla-policy-form.js';

describe('the calendar grid', () => {
  it('reads several intervals a day and holidays, skipping empty rows', () => {
    const { calendar, errors } = calendarFromForm({
      'mon-0-from': '13:00', 'mon-0-to': '17:00', 'mon-1-from': '08:00', 'mon-1-to': '12:00', 'mon-2-from': '', 'mon-2-to': '',
      'sat-0-from': '10:00', 'sat-0-to': '24:00',
      'holiday-0-date': '2026-12-25', 'holiday-0-name': 'Christmas Day', 'holiday-1-date': '2026-12-24', 'holiday-1-from': '09:00', 'holiday-1-to': '12:00', 'holiday-2-date': '',
    });
    expect(errors).toEqual({});
    expect(calendar).toEqual({
      weekly: { mon: [['08:00', '12:00'], ['13:00', '17:00']], sat: [['10:00', '24:00']] },
      holidays: [{ date: '2026-12-24', intervals: [['09:00', '12:00']] }, { date: '2026-12-25', name: 'Christmas Day', intervals: [] }],
    });
  });

  it('puts each problem under its field, in words', () => {
    const { errors } = calendarFromForm({
      'mon-0-from': '08:00', 'mon-0-to': '12:30', 'mon-1-from': '12:00', 'mon-1-to': '17:00',
      'tue-0-from': '17:00', 'tue-0-to': '09:00', 'wed-0-from': '9', 'wed-0-to': '', 'thu-0-from': '', 'thu-0-to': '10:00',
      'holiday-0-date': '2026-02-30', 'holiday-1-name': 'No date', 'holiday-2-date': '2026-05-01', 'holiday-3-date': '2026-05-01',
    });
    expect(errors).toEqual({
      'mon-1-from': '12:00–17:00 overlaps 08:00–12:30.',
      'tue-0-to': 'Closes (09:00) before it opens (17:00).',
      'wed-0-from': '"9" is not a time; write it as 08:00.',
      'wed-0-to': 'Enter when it closes, e.g. 17:00.',
      'thu-0-from': 'Enter when it opens, e.g. 08:00.',
      'holiday-0-date': '"2026-02-30" is not a date; pick one, e.g. 2026-12-24.',
      'holiday-1-date': 'Enter the date of the holiday.',
      'holiday-3-date': '2026-05-01 is already in the list.',
    });
  });

  it('says it in the admin’s language', () => {
    const form = { 'mon-0-from': '08:00', 'mon-0-to': '12:30', 'mon-1-from': '12:00', 'mon-1-to': '17:00', 'tue-0-from': '17:00', 'tue-0-to': '09:00', 'holiday-0-name': 'Ingen dag' };
    expect(calendarFromForm(form, 'sv').errors).toEqual({
      'mon-1-from': '12:00–17:00 överlappar 08:00–12:30.',
      'tue-0-to': 'Stänger (09:00) innan det öppnar (17:00).',
      'holiday-0-date': 'Fyll i helgdagens datum.',
    });
    expect(calendarFromForm(form, 'nl').errors['tue-0-to']).toBe('Sluit (09:00) voordat het opengaat (17:00).');
    expect(policyFromForm({ 'listen-h': 'snart', 'fix-m': '75', warningPercent: '5' }, 'nb').errors).toMatchObject({
      'listen-h': 'Timer må være et helt tall, f.eks. 4.',
      'fix-m': 'Minutter må være fra 0 til 59; skriv 90 minutter som 1 t 30 min.',
      warningPercent: 'Varsle mellom 10 % og 99 % av tiden, f.eks. 75.',
    });
  });

  it('tells a grid post from one without the grid, and drops empty rows when showing a form back', () => {
    expect(hasGridFields({ calendar: '{}' })).toBe(false);
    expect(hasGridFields({ 'sun-0-from': '' })).toBe(true);
    const rows = typedRows({ 'mon-0-from': '', 'mon-0-to': '', 'mon-3-from': '9', 'holiday-0-date': '', 'holiday-4-name': 'x' });
    expect(rows.days[0].rows).toEqual([{ index: 3, from: '9', to: '' }]);
    expect(rows.holidays.map((h) => h.index)).toEqual([4]);
  });

  it('shows a stored calendar as rows with empty ones to add to', () => {
    const rows = rowsFromCalendar({ weekly: { mon: [['08:00', '12:00'], ['13:00', '17:00']] }, holidays: [{ date: '2026-12-25', name: 'Christmas', intervals: [] }] });
    expect(rows.days[0].rows).toEqual([{ index: 0, from: '08:00', to: '12:00' }, { index: 1, from: '13:00', to: '17:00' }, { index: 2, from: '', to: '' }]);
    expect(rows.days[6]).toEqual({ key: 'sun', name: 'Sunday', rows: [{ index: 0, from: '', to: '' }] });
    expect(rows.holidays.map((h) => h.date)).toEqual(['2026-12-25', '', '', '']);
  });
});

describe('the SLA policy form', () => {
  it('takes hours and minutes and a percentage, and stores minutes and a share', () => {
    const form = { 'listen-h': '4', 'listen-m': '', 'apologise-h': '1', 'apologise-m': '30', 'fix-h': '', 'fix-m': '45', 'resolve-h': '80', 'resolve-m': '0', warningPercent: '75 %' };
    expect(policyFromForm(form)).toEqual({ targets: { listen: 240, apologise: 90, fix: 45, resolve: 4800 }, warningThreshold: 0.75, errors: {} });
    expect(hoursAndMinutes(90)).toEqual({ h: 1, m: 30 });
    expect(percent(0.75)).toBe(75);
  });

  it('refuses what cannot be a time allowed or a warning point, under the field', () => {
    const { errors } = policyFromForm({ 'listen-h': '', 'listen-m': '', 'apologise-h': 'x', 'fix-m': '75', 'resolve-h': '2000', warningPercent: '150' });
    expect(errors).toEqual({
      'listen-h': 'Enter the time allowed, at least 1 minute.',
      'apologise-h': 'Hours must be a whole number, e.g. 4.',
      'fix-m': 'Minutes must be from 0 to 59; write 90 minutes as 1 h 30 min.',
      'resolve-h': 'At most 1666 h 40 min.',
      warningPercent: 'Warn between 10 % and 99 % of the time allowed, e.g. 75.',
    });
  });
});
