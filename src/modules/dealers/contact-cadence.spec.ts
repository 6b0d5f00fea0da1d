import { describe, expect, it } from 'vitest';
import { cadenceProblems, defaultCadence } from './contact-cadence.js';

describe('contact cadence validation', () => {
  it('accepts the default', () => {
    expect(cadenceProblems(defaultCadence(['sales', 'service']), ['sales', 'service'])).toEqual([]);
  });

  it('names every wrong field', () => {
    expect(cadenceProblems([{ afterBusinessDays: 2, afterMonths: 1, kind: 'fax', department: 'bakery', purpose: '' }, {}], ['sales', 'service'])).toEqual([
      'steps[0]: give exactly one of afterBusinessDays and afterMonths',
      'steps[0].kind must be call or message',
      'steps[0].department must be one of sales, service',
      'steps[0].purpose must be 1 to 200 characters',
      'steps[1]: give exactly one of afterBusinessDays and afterMonths',
      'steps[1].kind must be call or message',
      'steps[1].department must be one of sales, service',
      'steps[1].purpose must be 1 to 200 characters',
    ]);
    expect(cadenceProblems([{ afterMonths: 0.5, kind: 'call', department: 'sales', purpose: 'x' }], ['sales'])).toEqual(['steps[0].afterMonths must be a whole number from 1 to 60']);
    expect(cadenceProblems('x', ['sales'])).toEqual(['steps must be a list']);
    expect(cadenceProblems([], ['sales'])).toEqual(['steps must hold at least one contact']);
  });
});
