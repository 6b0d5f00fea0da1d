import type { Compensation } from './compensations/compensation.entity.js';
import { styleColour } from './communication-style.js';
import type { Customer } from './customer.entity.js';
import type { Ticket } from './ticket.entity.js';
import type { TimelineEvent } from './timeline-event.entity.js';
import type { Vehicle } from './vehicle.entity.js';

/** The API shapes of API.md, built from rows; no queries here. */

export function moneyView(amount: number | null, currency: string | null) {
  return amount === null || currency === null ? null : { amount, currency };
}

export function customerView(c: Customer) {
  const style =
    c.styleOutgoing === null || c.styleFactsFirst === null
      ? null
      : { outgoing: c.styleOutgoing, factsFirst: c.styleFactsFirst, colour: styleColour(c.styleOutgoing, c.styleFactsFirst) };
  return { id: c.id, name: c.name, email: c.email, phone: c.phone, language: c.language, consent: c.consent, style };
}

export function vehicleView(v: Vehicle | null) {
  return v ? { id: v.id, registration: v.registration, vin: v.vin, model: v.model } : null;
}

export function compensationView(c: Compensation) {
  return {
    id: c.id,
    kind: c.kind,
    value: { amount: c.amount, currency: c.currency },
    state: c.state,
    note: c.note,
    proposedById: c.proposedById,
    decidedById: c.decidedById,
    approvedByRole: c.approvedByRole,
    decidedAt: c.decidedAt?.toISOString() ?? null,
    deliveredAt: c.deliveredAt?.toISOString() ?? null,
    createdAt: c.createdAt.toISOString(),
  };
}

export function timelineView(e: TimelineEvent) {
  return {
    id: e.id,
    type: e.type,
    at: e.at.toISOString(),
    actor: { type: e.actorType, id: e.actorId, name: e.actorName },
    visibility: e.visibility,
    data: e.data,
  };
}

/** The fields every list row and the full ticket share. */
type SlaBlock = { state: string | null; nextDue: string | null; businessMinutesLeft: number | null; timers?: unknown[] };

export function ticketSummaryView(t: Ticket, customer: Pick<Customer, 'id' | 'name'>, sla?: SlaBlock) {
  return {
    id: t.id,
    ref: t.ref,
    dealerId: t.dealerId,
    department: t.department,
    category: t.category,
    channel: t.channel,
    severity: t.severity,
    stage: t.stage,
    status: t.status,
    assigneeId: t.assigneeId,
    receivedAt: t.receivedAt.toISOString(),
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    escalationLevel: t.escalationLevel,
    saleAtRisk: t.saleAtRisk ? { model: t.saleAtRiskModel, value: moneyView(t.saleAtRiskAmount, t.saleAtRiskCurrency) } : null,
    sla: {
      state: sla?.state ?? t.slaState,
      nextDue: sla?.nextDue ?? t.nextDueAt?.toISOString() ?? null,
      businessMinutesLeft: sla?.businessMinutesLeft ?? null,
    },
    customer: { id: customer.id, name: customer.name },
  };
}

export interface TicketParts {
  ticket: Ticket;
  customer: Customer;
  vehicle: Vehicle | null;
  compensations: Compensation[];
  timeline: TimelineEvent[];
  sla?: SlaBlock;
  /** Other tickets of the dealer on a vehicle with the same VIN: a hint for staff, never shown to the customer. */
  relatedByVehicle?: { ref: string }[];
}

export function ticketView({ ticket, customer, vehicle, compensations, timeline, sla, relatedByVehicle }: TicketParts) {
  const summary = ticketSummaryView(ticket, customer, sla);
  return {
    ...summary,
    account: ticket.account,
    desiredOutcome: ticket.desiredOutcome,
    outcome: ticket.outcome,
    closedAt: ticket.closedAt?.toISOString() ?? null,
    sla: { ...summary.sla, timers: sla?.timers ?? [] },
    customer: customerView(customer),
    vehicle: vehicleView(vehicle),
    relatedByVehicle: relatedByVehicle ?? [],
    compensations: compensations.map(compensationView),
    timeline: timeline.map(timelineView),
  };
}

export type TicketView = ReturnType<typeof ticketView>;
export type TicketSummaryView = ReturnType<typeof ticketSummaryView>;
