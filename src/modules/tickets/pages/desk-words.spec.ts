import { describe, expect, it } from 'vitest';
import { CUSTOMER_LANGUAGES } from '../../../common/i18n/translator.js';
import { CATEGORIES, CHANNELS, COMPENSATION_KINDS, COMPENSATION_STATES, CONTACT_WAYS, ROOT_CAUSES, SEVERITIES, SLA_STATES, STATUSES } from '../ticket-values.js';
import { VISIBILITY } from '../timeline-events.js';
import { STAGES } from '../workflow/ticket-workflow.js';
import { deskNames, styleWords } from './desk-words.js';

describe('the names of the ticket values on the queue and the ticket page', () => {
  const lists: [keyof ReturnType<typeof deskNames>, readonly string[]][] = [
    ['stages', STAGES], ['statuses', STATUSES], ['categories', CATEGORIES], ['severities', SEVERITIES], ['slaStates', SLA_STATES],
    ['targets', ['listen', 'apologise', 'fix', 'resolve']], ['rootCauses', ROOT_CAUSES], ['channels', CHANNELS], ['contactWays', CONTACT_WAYS],
    ['kinds', COMPENSATION_KINDS], ['compStates', COMPENSATION_STATES], ['events', Object.keys(VISIBILITY)],
    ['roles', ['receptionist', 'department-manager', 'quality-manager', 'principal', 'admin']], ['departments', ['sales', 'service', 'parts', 'reception', 'finance', 'other']],
  ];

  it.each(CUSTOMER_LANGUAGES)('names every value in %s', (lang) => {
    const names = deskNames(lang);
    for (const [list, values] of lists) {
      const missing = values.filter((v) => typeof (names[list] as Record<string, string>)[v] !== 'string');
      expect(missing, `${lang}: ${list}`).toEqual([]);
    }
  });

  it('calls things by Dutch names for a Dutch reader', () => {
    const nl = deskNames('nl');
    expect(nl.stages.closed).toBe('Gesloten');
    expect(nl.channels['walk-in']).toBe('Aan de balie');
    expect(nl.departments.sales).toBe('Verkoop');
    expect(nl.events['stage-completed']).toBe('Fase afgerond');
  });

  it('gives the communication-style advice in the reader language, not the code English', () => {
    expect(styleWords('nl', 'red')?.label).not.toBe('Red: outgoing and factual');
    expect(styleWords('nl', 'red')?.advice).toHaveLength(3);
    expect(styleWords('en', 'blue')).toEqual({ label: 'Blue: reflective and factual', advice: ['Give the facts and the root cause.', 'Leave time for them to check, but set a date.', 'Put the details in writing.'] });
    expect(styleWords('sv', 'mauve')).toBeNull();
  });
});
