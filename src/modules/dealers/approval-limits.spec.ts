import { describe, expect, it } from 'vitest';
import { approvalLimit, withinLimit } from './approval-limits.js';

describe('approval limits', () => {
  it('default to 50 / 500 / unlimited', () => {
    expect(approvalLimit('receptionist')).toBe(50);
    expect(approvalLimit('department-manager')).toBe(500);
    expect(approvalLimit('quality-manager')).toBe(Number.POSITIVE_INFINITY);
    expect(approvalLimit('principal')).toBe(Number.POSITIVE_INFINITY);
  });
  it('include the limit itself', () => {
    expect(withinLimit('receptionist', 50)).toBe(true);
    expect(withinLimit('receptionist', 50.01)).toBe(false);
    expect(withinLimit('department-manager', 499)).toBe(true);
    expect(withinLimit('quality-manager', 1_000_000)).toBe(true);
  });
  it('follow a dealer-specific table', () => {
    expect(withinLimit('receptionist', 80, { receptionist: 100 })).toBe(true);
    expect(withinLimit('department-manager', 80, { 'department-manager': 75 })).toBe(false);
  });
});
