import { approvalLimit, checkApproval, withinLimit, type ApprovalLimits } from '../../dealers/approval-limits.js';
import { LADDER_RUNG, type Actor } from '../../users/roles.js';
import { STYLE_GUIDANCE } from './communication-style.js';
import type { TicketView } from '../ticket.presenter.js';
import { COMPENSATION_KINDS, CONTACT_WAYS, ROOT_CAUSES } from '../ticket-values.js';
import { canRate, canReopen, canResume, canWait, STAGES } from '../workflow/ticket-workflow.js';
import { parseEvent } from '../timeline-events.js';

/**
 * What the ticket page shows and which actions it offers to this user, decided here so
 * the template only renders. The services check every action again when it is posted.
 */
export function ticketPageModel(ticket: TicketView, ctx: { actor: Actor; limits: ApprovalLimits; currency: string; now: Date; assignees: { id: string; name: string; role: string }[] }) {
  const state = { stage: ticket.stage, status: ticket.status };
  const current = STAGES.indexOf(ticket.stage);
  const closed = ticket.status === 'closed';
  const waiting = ticket.status === 'waiting-on-customer';
  const settled = ticket.status === 'resolved' || closed;
  const granted = ticket.compensations.filter((c) => c.state === 'approved' || c.state === 'delivered').map((c) => ({ role: c.approvedByRole, amount: c.value.amount }));
  return {
    progress: STAGES.filter((s) => s !== 'closed').map((s, i) => ({
      stage: s,
      done: closed || i < current,
      current: !closed && i === current,
    })),
    // The form for the stage to complete now, unless the ticket waits on the customer.
    stageForm: closed || waiting ? null : ticket.stage,
    stagePartial: closed || waiting ? null : `stage-${ticket.stage}`,
    style: ticket.customer.style ? STYLE_GUIDANCE[ticket.customer.style.colour] : null,
    compensations: ticket.compensations.map((c) => ({
      ...c,
      canApprove: c.state === 'proposed' && checkApproval(ctx.actor.role, c.value.amount, granted, ctx.limits).ok,
      canReject: (c.state === 'proposed' || c.state === 'approved') && (c.proposedById === ctx.actor.id || withinLimit(ctx.actor.role, c.value.amount, ctx.limits)),
      canDeliver: c.state === 'approved',
    })),
    canPropose: !settled,
    myLimit: Number.isFinite(approvalLimit(ctx.actor.role, ctx.limits)) ? { amount: approvalLimit(ctx.actor.role, ctx.limits), currency: ctx.currency } : null,
    canWait: canWait(state).ok,
    canResume: canResume(state).ok,
    canReopen: canReopen(state, 'staff', null, ctx.now).ok,
    canEscalate: !closed && ticket.escalationLevel < 3,
    canMessageCustomer: !closed,
    awaitingCustomerRating: canRate(state),
    assignees: ctx.assignees.map((u) => ({ ...u, selected: u.id === ticket.assigneeId })),
    assigneeName: ctx.assignees.find((u) => u.id === ticket.assigneeId)?.name ?? null,
    // One Acknowledge button, for the earliest pending escalation: they are taken in order.
    escalations: openEscalations(ticket.timeline).map((e, i) => ({
      ...e,
      // The level's role or a higher one; at level 1 the service also checks the department.
      canAcknowledge: i === 0 && LADDER_RUNG[ctx.actor.role] > 0 && LADDER_RUNG[ctx.actor.role] >= e.level,
    })),
    laterEscalations: openEscalations(ticket.timeline).length > 1,
    canTakeIt: ticket.assigneeId !== ctx.actor.id && !closed && ctx.assignees.some((u) => u.id === ctx.actor.id),
    messages: ticket.timeline.filter((e) => e.type === 'message-to-customer' || e.type === 'message-from-customer' || e.type === 'note'),
    choices: { contactWays: CONTACT_WAYS, rootCauses: ROOT_CAUSES, kinds: COMPENSATION_KINDS, scores: [1, 2, 3, 4, 5] },
  };
}

/** Escalations on the timeline that nobody has acknowledged yet. */
export function openEscalations(timeline: TicketView['timeline']) {
  const events = timeline.map((row) => ({ row, e: parseEvent(row) }));
  const acknowledged = new Set(events.flatMap(({ e }) => (e.type === 'escalation-acknowledged' ? [e.data.escalationId] : [])));
  return events.flatMap(({ row, e }) =>
    e.type === 'escalated' && !acknowledged.has(e.data.escalationId)
      ? [{ id: e.data.escalationId, level: e.data.level, reason: e.data.reason ?? '', at: row.at, by: row.actor.name }]
      : [],
  );
}
