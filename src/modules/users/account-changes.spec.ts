import { describe, expect, it } from 'vitest';
import { accountChanges, type AccountFields } from './account-changes.js';

describe('accountChanges', () => {
  const before: AccountFields = { name: 'Ann', role: 'receptionist', dealerId: 'd1', department: null, active: true, language: 'nb' };

  it('lists only what differs, as old and new', () => {
    expect(accountChanges(before, { ...before })).toEqual({});
    expect(accountChanges(before, { ...before, role: 'department-manager', department: 'sales', active: false })).toEqual({
      role: ['receptionist', 'department-manager'],
      department: [null, 'sales'],
      active: [true, false],
    });
  });

  it('tells a dealer taken away (null) from one left alone', () => {
    expect(accountChanges(before, { ...before, dealerId: null })).toEqual({ dealerId: ['d1', null] });
  });

  it("records a new mail language", () => {
    expect(accountChanges(before, { ...before, language: 'nl' })).toEqual({ language: ['nb', 'nl'] });
  });
});
