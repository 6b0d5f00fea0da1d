import { describe, expect, it } from 'vitest';
import type { Role } from '../users/roles.js';
import { mayAcknowledge, recipientsFor } from './escalation-ladder.js';

const u = (name: string, role: string, dealerId: string | null, department: string | null = null, active = true) => ({ id: name, name, role, dealerId, department, active });
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

describe('who may acknowledge an escalation', () => {
  const sales = { dealerId: 'nl', department: 'sales' };
  const parts = { dealerId: 'nl', department: 'parts' };
  const may = (id: string, role: Role, level: number, ticket = sales) => mayAcknowledge({ id, role }, level, ticket, staff);

  it('level 1: the department manager the ladder picks, or anyone higher', () => {
    expect(may('sales nl', 'department-manager', 1)).toBe(true);
    expect(may('service nl', 'department-manager', 1)).toBe(false);
    // No parts manager: every department manager of the dealer was told, and each may take it on.
    expect(may('service nl', 'department-manager', 1, parts)).toBe(true);
    expect(may('quality', 'quality-manager', 1)).toBe(true);
    expect(may('principal', 'principal', 1)).toBe(true);
    expect(may('admin', 'admin', 1)).toBe(true);
  });
  it("a department manager may not take on the quality manager's or the principal's level", () => {
    expect(may('sales nl', 'department-manager', 2)).toBe(false);
    expect(may('sales nl', 'department-manager', 3)).toBe(false);
    expect(may('quality', 'quality-manager', 2)).toBe(true);
    expect(may('quality', 'quality-manager', 3)).toBe(false);
    expect(may('principal', 'principal', 3)).toBe(true);
    expect(may('admin', 'admin', 3)).toBe(true);
  });
  it('a receptionist may acknowledge none', () => {
    for (const level of [1, 2, 3]) expect(may('desk', 'receptionist', level)).toBe(false);
  });
});
