import { describe, expect, it } from 'vitest';
import { rowOf } from '../../../common/state-machine/transition-table.js';
import { COMPENSATION_STATES } from '../ticket-values.js';
import { COMPENSATION_WORKFLOW, isOpen, moveCompensation, moveFrom, type CompensationContext, type CompensationEvent } from './compensation-workflow.js';

const EVENTS: CompensationEvent[] = ['approve', 'reject', 'deliver'];
const limits = { receptionist: 50, 'department-manager': 500 };
/** A manager acting on 100 EUR someone else proposed, with nothing granted yet: every guard passes. */
const ctx = (over: Partial<CompensationContext> = {}): CompensationContext => ({
  compensation: { amount: 100, currency: 'EUR', proposedById: 'someone-else' },
  actor: { id: 'me', role: 'department-manager' },
  granted: [],
  limits,
  ...over,
});

describe('the compensation table, row by row', () => {
  const ALLOWED: Record<string, string> = { 'proposed approve': 'approved', 'proposed reject': 'rejected', 'approved reject': 'rejected', 'approved deliver': 'delivered' };

  it.each(COMPENSATION_STATES.flatMap((s) => EVENTS.map((e) => [s, e] as const)))('%s, %s', (from, event) => {
    const expected = ALLOWED[`${from} ${event}`];
    const outcome = moveCompensation(from, event, ctx());
    if (expected) {
      expect(outcome).toEqual({ ok: true, to: expected });
      expect(moveFrom(from, event)).toMatchObject({ ok: true });
    } else {
      const refusal = { ok: false, code: 'compensation.invalid-state', message: expect.stringMatching(new RegExp(`^Compensation is ${from}; `)) };
      expect(outcome).toMatchObject(refusal);
      expect(moveFrom(from, event)).toMatchObject(refusal);
    }
  });

  it('has no row beyond those', () => {
    const rows = COMPENSATION_STATES.flatMap((s) => EVENTS.filter((e) => rowOf(COMPENSATION_WORKFLOW.table, s, e)).map((e) => `${s} ${e}`));
    expect(rows.sort()).toEqual(Object.keys(ALLOWED).sort());
  });

  it('words each refusal as the API gives it', () => {
    expect(moveCompensation('delivered', 'approve', ctx())).toEqual({ ok: false, code: 'compensation.invalid-state', message: 'Compensation is delivered; only a proposed one can be approved' });
    expect(moveCompensation('rejected', 'reject', ctx())).toEqual({ ok: false, code: 'compensation.invalid-state', message: 'Compensation is rejected; it can no longer be rejected' });
    expect(moveCompensation('proposed', 'deliver', ctx())).toEqual({ ok: false, code: 'compensation.invalid-state', message: 'Compensation is proposed; only an approved one can be delivered' });
  });

  it('approves only within the role\'s running limit on the ticket', () => {
    const receptionist = { id: 'me', role: 'receptionist' as const };
    expect(moveCompensation('proposed', 'approve', ctx({ actor: receptionist }))).toEqual({
      ok: false, code: 'compensation.approval.forbidden', message: 'Your approval limit is 50 EUR; this needs someone whose limit covers 100',
    });
    const used = ctx({ compensation: { amount: 450, currency: 'EUR', proposedById: null }, granted: [{ role: 'department-manager', amount: 100 }] });
    expect(moveCompensation('proposed', 'approve', used)).toMatchObject({ ok: false, code: 'compensation.over-limit', message: expect.stringContaining('approved 100 EUR on this ticket already') });
    expect(moveFrom('proposed', 'approve')).toEqual({ ok: true, guarded: true });
    expect(moveFrom('approved', 'deliver')).toEqual({ ok: true, guarded: false });
  });

  it('lets the proposer withdraw, and others reject only within their limit', () => {
    const receptionist = { id: 'me', role: 'receptionist' as const };
    expect(moveCompensation('approved', 'reject', ctx({ actor: receptionist }))).toEqual({
      ok: false, code: 'compensation.approval.forbidden', message: 'Only the proposer or someone whose limit covers the amount may reject it',
    });
    expect(moveCompensation('approved', 'reject', ctx({ actor: receptionist, compensation: { amount: 100, currency: 'EUR', proposedById: 'me' } }))).toEqual({ ok: true, to: 'rejected' });
  });

  it('counts as open exactly the states that can still move', () => {
    expect(COMPENSATION_STATES.filter(isOpen)).toEqual(['proposed', 'approved']);
  });
});
