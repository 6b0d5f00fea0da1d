import { describe, expect, it } from 'vitest';
import { recipientsFor } from './escalation-ladder.js';

const u = (name: string, role: string, dealerId: string | null, department: string | null = null, active = true) => ({ name, role, dealerId, department, active });
const staff = [
  u('sales nl', 'department-manager', 'nl', 'sales'),
  u('service nl', 'department-manager', 'nl', 'service'),
  u('sales no', 'department-manager', 'no', 'sales'),
  u('quality', 'quality-manager', null),
  u('quality nl', 'quality-manager', 'nl'),
  u('principal', 'principal', null),
  u('gone', 'department-manager', 'nl', 'sales', false),
];

describe('escalation ladder', () => {
  it('level 1 is the department manager of the ticket’s dealer and department', () => {
    expect(recipientsFor(1, { dealerId: 'nl', department: 'sales' }, staff).map((s) => s.name)).toEqual(['sales nl']);
  });
  it('falls back to the dealer’s department managers when the department has none', () => {
    expect(recipientsFor(1, { dealerId: 'nl', department: 'parts' }, staff).map((s) => s.name)).toEqual(['sales nl', 'service nl']);
  });
  it('level 2 is the quality managers in scope, level 3 the principal', () => {
    expect(recipientsFor(2, { dealerId: 'nl', department: 'sales' }, staff).map((s) => s.name)).toEqual(['quality', 'quality nl']);
    expect(recipientsFor(2, { dealerId: 'no', department: 'sales' }, staff).map((s) => s.name)).toEqual(['quality']);
    expect(recipientsFor(3, { dealerId: 'no', department: 'sales' }, staff).map((s) => s.name)).toEqual(['principal']);
  });
});
