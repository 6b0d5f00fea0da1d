import { describe, expect, it } from 'vitest';
import type { Actor } from '../../users/roles.js';
import { ticketPageModel } from './ticket-page.model.js';
import type { TicketView } from '../ticket.presenter.js';

const actor = (role: Actor['role'], id = 'u1'): Actor => ({ id, name: 'X', role, dealerId: 'd1', department: null, via: 'session' });
const comp = (state: string, amount: number, proposedById = 'other') => ({ id: state + amount, kind: 'gift', value: { amount, currency: 'EUR' }, state, proposedById });
const ticket = (over: Partial<TicketView> = {}) =>
  ({
    stage: 'fix', status: 'open', escalationLevel: 0, assigneeId: null, customer: { style: null }, compensations: [], timeline: [], ...over,
  }) as unknown as TicketView;
const ctx = (role: Actor['role']) => ({ actor: actor(role), limits: { receptionist: 50, 'department-manager': 500 }, currency: 'EUR', now: new Date(), assignees: [] });

describe('ticket page model', () => {
  it('lists the escalations still waiting for acknowledgement', () => {
    const ev = (type: string, data: object) => ({ type, data, at: '2026-11-21T11:31:00Z', actor: { name: 'Amends' } });
    const t = ticket({ timeline: [ev('escalated', { escalationId: 'e1', level: 1, reason: 'missed' }), ev('escalated', { escalationId: 'e2', level: 2, reason: 'still' }), ev('escalation-acknowledged', { escalationId: 'e1' })] as never });
    expect(ticketPageModel(t, ctx('quality-manager')).escalations).toEqual([{ id: 'e2', level: 2, reason: 'still', at: '2026-11-21T11:31:00Z', by: 'Amends', canAcknowledge: true }]);
    expect(ticketPageModel(t, ctx('receptionist')).escalations[0].canAcknowledge).toBe(false);
  });

  it("offers one Acknowledge, on the earliest pending escalation, to its level's role and higher ones only", () => {
    const ev = (level: number) => ({ type: 'escalated', data: { escalationId: `e${level}`, level, reason: 'late' }, at: '2026-11-21T11:31:00Z', actor: { name: 'Amends' } });
    const acked = (level: number) => ({ type: 'escalation-acknowledged', data: { escalationId: `e${level}`, level }, at: '2026-11-21T12:00:00Z', actor: { name: 'Lars' } });
    const offered = (timeline: unknown[], role: Actor['role']) => ticketPageModel(ticket({ timeline: timeline as never }), ctx(role)).escalations.map((e) => e.canAcknowledge);
    const all = [ev(1), ev(2), ev(3)];
    expect(offered(all, 'receptionist')).toEqual([false, false, false]);
    for (const role of ['department-manager', 'quality-manager', 'principal', 'admin'] as const) expect(offered(all, role)).toEqual([true, false, false]);
    // Level 1 taken: the next one is level 2, beyond a department manager.
    const rest = [...all, acked(1)];
    expect(offered(rest, 'department-manager')).toEqual([false, false]);
    expect(offered(rest, 'quality-manager')).toEqual([true, false]);
    expect(offered([ev(1), ev(2), ev(3), acked(1), acked(2)], 'quality-manager')).toEqual([false]);
    expect(offered([ev(1), ev(2), ev(3), acked(1), acked(2)], 'principal')).toEqual([true]);
  });

  it("offers Assign to me to one who may take the ticket and does not have it", () => {
    const me = (assigneeId: string | null, assignees: { id: string; name: string; role: string }[]) =>
      ticketPageModel(ticket({ assigneeId } as never), { ...ctx('quality-manager'), assignees }).canTakeIt;
    const actorId = ctx('quality-manager').actor.id;
    expect(me(null, [{ id: actorId, name: 'Q', role: 'quality-manager' }])).toBe(true);
    expect(me(actorId, [{ id: actorId, name: 'Q', role: 'quality-manager' }])).toBe(false);
    expect(me(null, [])).toBe(false);
  });

  it("offers approve only while the role's running total on the ticket stays within its limit", () => {
    const granted = (state: string, amount: number, approvedByRole: string) => ({ ...comp(state, amount), id: `g${state}${amount}`, approvedByRole });
    const t = ticket({ compensations: [granted('delivered', 400, 'department-manager'), granted('rejected', 450, 'department-manager'), comp('proposed', 100), comp('proposed', 101)] as never });
    const [, , fits, over] = ticketPageModel(t, ctx('department-manager')).compensations;
    expect(fits.canApprove).toBe(true);
    expect(over.canApprove).toBe(false);
    expect(ticketPageModel(t, ctx('quality-manager')).compensations[3].canApprove).toBe(true);
  });

  it('offers approve only to those whose limit covers the amount', () => {
    const t = ticket({ compensations: [comp('proposed', 300)] as never });
    expect(ticketPageModel(t, ctx('receptionist')).compensations[0]).toMatchObject({ canApprove: false, canReject: false, canDeliver: false });
    expect(ticketPageModel(t, ctx('department-manager')).compensations[0]).toMatchObject({ canApprove: true, canReject: true });
  });
  it("tells the user their own limit", () => {
    expect(ticketPageModel(ticket(), ctx('receptionist')).myLimit).toEqual({ amount: 50, currency: 'EUR' });
    expect(ticketPageModel(ticket(), ctx('quality-manager')).myLimit).toBeNull();
  });
  it('lets the proposer withdraw and anyone deliver an approved one', () => {
    const t = ticket({ compensations: [comp('proposed', 300, 'u1'), comp('approved', 20)] as never });
    const [mine, approved] = ticketPageModel(t, ctx('receptionist')).compensations;
    expect(mine).toMatchObject({ canApprove: false, canReject: true });
    expect(approved).toMatchObject({ canDeliver: true });
  });
  it('shows the stage form only when a stage can be completed', () => {
    expect(ticketPageModel(ticket(), ctx('receptionist')).stageForm).toBe('fix');
    expect(ticketPageModel(ticket({ status: 'waiting-on-customer' }), ctx('receptionist'))).toMatchObject({ stageForm: null, canResume: true, canWait: false });
    expect(ticketPageModel(ticket({ stage: 'closed', status: 'closed' }), ctx('receptionist'))).toMatchObject({ stageForm: null, canReopen: true, canEscalate: false });
  });
  it('marks progress, all done once closed', () => {
    expect(ticketPageModel(ticket(), ctx('receptionist')).progress.map((p) => [p.done, p.current])).toEqual([[true, false], [true, false], [false, true], [false, false], [false, false]]);
    expect(ticketPageModel(ticket({ stage: 'closed', status: 'closed' }), ctx('receptionist')).progress.every((p) => p.done)).toBe(true);
  });
});
