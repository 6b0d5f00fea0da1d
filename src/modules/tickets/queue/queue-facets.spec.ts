import { describe, expect, it } from 'vitest';
import { countFacets, type CountedRow } from './queue-facets.js';

const row = (over: Partial<CountedRow>): CountedRow => ({ status: 'open', stage: 'listen', severity: 'low', slaState: 'on-track', channel: 'phone', department: 'sales', n: 1, ...over });

describe('countFacets', () => {
  const rows = [
    row({ severity: 'critical', n: 3 }),
    row({ severity: 'low', department: 'parts', n: 2 }),
    row({ status: 'closed', stage: 'closed', slaState: 'met', n: 5 }),
    row({ slaState: null, n: 4 }),
    row({ severity: 'high', n: 0 }),
  ];

  it('counts every value of every field without filters, leaving out empty combinations', () => {
    const c = countFacets(rows, {}, false);
    expect(c.severity).toEqual({ critical: 3, low: 11 });
    expect(c.slaState).toEqual({ 'on-track': 5, met: 5, none: 4 });
    expect(c.status).toEqual({ open: 9, closed: 5 });
  });

  it('leaves out closed tickets when open only, except in the status counts', () => {
    const c = countFacets(rows, {}, true);
    expect(c.status).toEqual({ open: 9, closed: 5 });
    expect(c.stage).toEqual({ listen: 9 });
  });

  it("leaves each field's own filter out of its counts and keeps the others", () => {
    const c = countFacets(rows, { department: 'sales', severity: 'critical' }, true);
    expect(c.department).toEqual({ sales: 3 });
    expect(c.severity).toEqual({ critical: 3, low: 4 });
    expect(c.channel).toEqual({ phone: 3 });
  });

  it('counts closed tickets once a status is chosen', () => {
    const c = countFacets(rows, { status: 'closed' }, true);
    expect(c.stage).toEqual({ closed: 5 });
    expect(c.status).toEqual({ open: 9, closed: 5 });
  });
});
