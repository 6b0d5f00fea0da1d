import { describe, expect, it } from 'vitest';
import { mayTake, mayTakeAll } from './assignable.js';

const nl = { id: 'nl', active: true, dealerId: 'd-nl' };
const se = { id: 'se', active: true, dealerId: 'd-se' };
const everywhere = { id: 'hq', active: true, dealerId: null };
const gone = { id: 'gone', active: false, dealerId: 'd-nl' };

describe('who may take tickets', () => {
  it('an active user of the ticket dealer or of every dealer', () => {
    expect([nl, se, everywhere, gone].map((u) => mayTake(u, 'd-nl'))).toEqual([true, false, true, false]);
  });

  it('for a selection: only those who may take all of them', () => {
    const users = [nl, se, everywhere, gone];
    expect(mayTakeAll(users, ['d-nl', 'd-nl']).map((u) => u.id)).toEqual(['nl', 'hq']);
    expect(mayTakeAll(users, ['d-nl', 'd-se']).map((u) => u.id)).toEqual(['hq']);
    expect(mayTakeAll(users, []).map((u) => u.id)).toEqual(['nl', 'se', 'hq']);
  });
});
