import { describe, expect, it } from 'vitest';
import { dealerScope, inScope, roleNeedsDealer } from './roles.js';

describe('dealer scope', () => {
  it('a dealer user sees only their dealer', () => {
    expect(dealerScope({ dealerId: 'd1' })).toBe('d1');
    expect(inScope({ dealerId: 'd1' }, 'd1')).toBe(true);
    expect(inScope({ dealerId: 'd1' }, 'd2')).toBe(false);
  });
  it('an importer-wide user sees all dealers', () => {
    expect(dealerScope({ dealerId: null })).toBe('all');
    expect(inScope({ dealerId: null }, 'd2')).toBe(true);
  });
  it('dealer roles need a dealer, importer roles do not', () => {
    expect(roleNeedsDealer('receptionist')).toBe(true);
    expect(roleNeedsDealer('department-manager')).toBe(true);
    expect(roleNeedsDealer('quality-manager')).toBe(false);
    expect(roleNeedsDealer('admin')).toBe(false);
  });
});
