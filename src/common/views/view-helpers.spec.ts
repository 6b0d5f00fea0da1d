import { describe, expect, it } from 'vitest';
import { viewHelpers } from './view-helpers.js';

describe('view helpers', () => {
  it('format times in the dealer zone', () => {
    expect(viewHelpers.datetime('2026-11-20T08:25:00Z', 'Europe/Amsterdam')).toBe('20 Nov 2026, 09:25');
    expect(viewHelpers.datetime('not a date', 'UTC')).toBe('');
    expect(viewHelpers.datetime('2026-11-20T08:25:00Z', 'Europe/Amsterdam', 'nl')).toBe('20 nov 2026, 09:25');
  });
  it('show 0 as a figure and only missing figures as a dash', () => {
    expect([0, 12.5, null, undefined].map((v) => viewHelpers.orDash(v))).toEqual(['0', '12.5', '–', '–']);
  });
  it('write business time in hours and minutes', () => {
    expect([0, 45, 60, 115, -130].map((m) => viewHelpers.duration(m))).toEqual(['0 min', '45 min', '1 h', '1 h 55 min', '2 h 10 min']);
  });
  it('humanize slugs and money', () => {
    expect(viewHelpers.humanize('waiting-time')).toBe('Waiting time');
    expect(viewHelpers.humanize('e-mail')).toBe('E-mail');
    expect(viewHelpers.humanize('nb')).toBe('Norsk bokmål');
    expect(viewHelpers.money({ amount: 45, currency: 'EUR' })).toBe('€45.00');
  });
  it('write a queue row date compactly, in the reader language and the dealer zone', () => {
    expect(viewHelpers.compactdate('2026-11-29T07:35:00Z', 'Europe/Amsterdam')).toBe('29 Nov 08:35');
    expect(viewHelpers.compactdate('2026-11-29T07:35:00Z', 'Europe/Amsterdam', 'nl')).toMatch(/^29 nov\.? 08:35$/);
    expect(viewHelpers.compactdate('2026-11-29T23:05:00Z', 'Europe/Oslo', 'nb')).toMatch(/^30\.? nov\.? 00:05$/);
    expect(viewHelpers.compactdate('nope', 'UTC')).toBe('');
  });
  it('show a compensation without a value as a dash, not €0.00', () => {
    expect([null, { amount: 0, currency: 'EUR' }, { amount: 45, currency: 'EUR' }].map((v) => viewHelpers.moneyOrDash(v))).toEqual(['—', '—', '€45.00']);
  });
  it('give the shell\'s words in the first known language of those given, English when none is', () => {
    const opts = {};
    expect((viewHelpers.wordsOf!('shell', 'sv', 'nl', opts) as Record<string, string>).signOut).toBe('Logga ut');
    expect((viewHelpers.wordsOf!('shell', undefined, 'nl', opts) as Record<string, string>).skip).toBe('Naar de inhoud');
    expect((viewHelpers.wordsOf!('shell', 'xx', opts) as Record<string, string>).menu).toBe('Menu');
    expect([viewHelpers.languageOf!('nb', opts), viewHelpers.languageOf!(undefined, 'sv', opts), viewHelpers.languageOf!('xx', opts)]).toEqual(['nb', 'sv', 'en']);
  });
  it('fill a sentence\'s placeholders from the hash, each time with that call\'s values, and leave unknown ones as written', () => {
    const fill = (sentence: unknown, hash: Record<string, unknown>) => viewHelpers.i18n!(sentence, { hash });
    expect(fill('{{time}} over, {{time}} late', { time: '2 h' })).toBe('2 h over, 2 h late');
    expect(fill('{{time}} over, {{time}} late', { time: '5 min' })).toBe('5 min over, 5 min late');
    expect(fill('Select {{ref}} of {{who}}', { ref: 'AM-1', who: null })).toBe('Select AM-1 of ');
    expect(fill('Keep {{unknown}} and {{{ref}}}', { ref: 'R' })).toBe('Keep {{unknown}} and {R}');
    expect(fill('No placeholder', {})).toBe('No placeholder');
    expect(fill(undefined, {})).toBe('');
    expect(viewHelpers.i18n!('{{a}}{{b}}', undefined)).toBe('{{a}}{{b}}');
  });
});
