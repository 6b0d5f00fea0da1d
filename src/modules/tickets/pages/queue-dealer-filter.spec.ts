import { describe, expect, it } from 'vitest';
import type { DealerView } from '../../dealers/dealers.service.js';
import { dealerOptions, queueDealers } from './queue-dealer-filter.js';

const dealer = (id: string, name: string, departments: string[]): DealerView =>
  ({ id, name, departments, country: 'nl', timeZone: 'Europe/Amsterdam', language: 'nl', currency: 'EUR', phone: null, address: null }) as unknown as DealerView;

describe('queueDealers', () => {
  const q = queueDealers([dealer('a', 'Autohuis <Utrecht> & "Zn"', ['sales', 'service']), dealer('b', 'Bil Bergen', ['service', 'parts'])]);

  it('escapes every name and id in the filter options, none selected unless asked', () => {
    expect(dealerOptions(q, undefined).toString()).toBe('<option value="a">Autohuis &lt;Utrecht&gt; &amp; &quot;Zn&quot;</option><option value="b">Bil Bergen</option>');
    expect(dealerOptions(q, 'no-such-dealer').toString()).not.toContain('selected');
  });

  it('marks the chosen dealer only, and leaves the kept list as it was', () => {
    expect(dealerOptions(q, 'b').toString()).toBe('<option value="a">Autohuis &lt;Utrecht&gt; &amp; &quot;Zn&quot;</option><option value="b" selected>Bil Bergen</option>');
    expect(dealerOptions(q, undefined).toString()).not.toContain('selected');
  });

  it('gives the departments of all of them once each, the dealers by id, and whether to show the dealer at all', () => {
    expect(q.departments).toEqual(['sales', 'service', 'parts']);
    expect(q.byId.get('b')?.name).toBe('Bil Bergen');
    expect(q.showDealer).toBe(true);
    expect(queueDealers([dealer('a', 'A', ['sales'])]).showDealer).toBe(false);
  });
});
