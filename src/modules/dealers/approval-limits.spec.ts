import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../common/auth/roles.js';
import { approvalLimit, checkApproval, withinLimit, type Granted } from './approval-limits.js';

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

describe('checkApproval: a limit bounds the running total on the ticket', () => {
  const limits = { receptionist: 10, 'department-manager': 100 };

  it('refuses an amount beyond the limit on its own as forbidden', () => {
    expect(checkApproval('receptionist', 10.01, [], limits)).toMatchObject({ ok: false, code: 'compensation.approval.forbidden', limit: 10 });
    expect(checkApproval('receptionist', 10, [], limits)).toEqual({ ok: true });
  });

  it('lets eight grants of 10 under a limit of 10 add up to 10, not 80', () => {
    const granted: Granted[] = [];
    for (let i = 0; i < 8; i++) if (checkApproval('receptionist', 10, granted, limits).ok) granted.push({ role: 'receptionist', amount: 10 });
    expect(granted).toHaveLength(1);
    expect(checkApproval('receptionist', 10, granted, limits)).toEqual({ ok: false, code: 'compensation.over-limit', limit: 10, used: 10 });
  });

  it('counts only what the same role approved', () => {
    const granted: Granted[] = [{ role: 'department-manager', amount: 100 }, { role: 'receptionist', amount: 6 }, { role: null, amount: 50 }];
    expect(checkApproval('receptionist', 4, granted, limits)).toEqual({ ok: true });
    expect(checkApproval('receptionist', 4.01, granted, limits)).toMatchObject({ ok: false, code: 'compensation.over-limit', used: 6 });
    expect(checkApproval('department-manager', 0.01, granted, limits)).toMatchObject({ ok: false, code: 'compensation.over-limit', used: 100 });
    expect(checkApproval('quality-manager', 1_000_000, granted, limits)).toEqual({ ok: true });
  });

  it('adds in cents, so 0.1 + 0.2 fits a limit of 0.3', () => {
    expect(checkApproval('receptionist', 0.2, [{ role: 'receptionist', amount: 0.1 }], { receptionist: 0.3 })).toEqual({ ok: true });
  });

  it('never lets the sum a role approved on a ticket exceed its limit (property)', () => {
    const role = fc.constantFrom<Role>('receptionist', 'department-manager', 'quality-manager');
    fc.assert(
      fc.property(
        fc.record({ receptionist: fc.integer({ min: 0, max: 10_000 }), 'department-manager': fc.integer({ min: 0, max: 100_000 }) }).map((l) => ({ receptionist: l.receptionist / 100, 'department-manager': l['department-manager'] / 100 })),
        fc.array(fc.record({ role, cents: fc.integer({ min: 0, max: 20_000 }) }), { maxLength: 40 }),
        (limits, attempts) => {
          const granted: Granted[] = [];
          for (const a of attempts) if (checkApproval(a.role, a.cents / 100, granted, limits).ok) granted.push({ role: a.role, amount: a.cents / 100 });
          for (const r of ['receptionist', 'department-manager'] as const) {
            const sum = granted.filter((g) => g.role === r).reduce((s, g) => s + Math.round(g.amount * 100), 0);
            expect(sum).toBeLessThanOrEqual(Math.round(approvalLimit(r, limits) * 100));
          }
        },
      ),
    );
  });
});
