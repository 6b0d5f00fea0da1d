import { describe, expect, it } from 'vitest';
import { transactionsOf } from './survey-import.service.js';

describe('the transactions an import writes its rows in', () => {
  const heavy = (r: string) => r.startsWith('T');

  it('keeps the file order and puts at most so many ticket-opening rows in one transaction', () => {
    const rows = ['a', 'T1', 'b', 'T2', 'T3', 'c', 'T4', 'd', 'e'];
    expect(transactionsOf(rows, heavy, 2)).toEqual([['a', 'T1', 'b', 'T2'], ['T3', 'c', 'T4', 'd', 'e']]);
    expect(transactionsOf(rows, heavy, 1)).toEqual([['a', 'T1', 'b'], ['T2'], ['T3', 'c'], ['T4', 'd', 'e']]);
    expect(transactionsOf(rows, heavy, 4).flat()).toEqual(rows);
  });

  it('writes plain rows together, and nothing for no rows', () => {
    expect(transactionsOf(['a', 'b', 'c'], heavy, 1)).toEqual([['a', 'b', 'c']]);
    expect(transactionsOf([], heavy, 1)).toEqual([]);
  });
});
