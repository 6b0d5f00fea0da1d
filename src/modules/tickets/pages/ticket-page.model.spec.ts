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

  it("offers acknowledge to the level's role and higher ones only", () => {
    const ev = (level: number) => ({ type: 'escalated', data: { escalationId: `e${level}`, level, reason: 'late' }, at: '2026-11-21T11:31:00Z', actor: { name: 'Amends' } });
    const t = ticket({ timeline: [ev(1), ev(2), ev(3)] as never });
    const offered = (role: Actor['role']) => ticketPageModel(t, ctx(role)).escalations.map((e) => e.canAcknowledge);
    expect(offered('receptionist')).toEqual([false, false, false]);
    expect(offered('department-manager')).toEqual([true, false, false]);
    expect(offered('quality-manager')).toEqual([true, true, false]);
    expect(offered('principal')).toEqual([true, true, true]);
    expect(offered('admin')).toEqual([true, true, true]);
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
