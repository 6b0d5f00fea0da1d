import type { Compensation } from './compensations/compensation.entity.js';
import { styleColour } from './pages/communication-style.js';
import type { ActorType, Visibility } from './timeline-event.entity.js';
import type { Stage } from './workflow/ticket-workflow.js';
import type { Channel, Severity, SlaState, Status } from './ticket-values.js';

/**
 * The API shapes of API.md, built from plain records (moments already ISO strings, numbers
 * numbers: ticket.repository.ts reads them so); no queries here.
 */

export function moneyView(amount: number | null, currency: string | null) {
  return amount === null || currency === null ? null : { amount, currency };
}

/** The columns of a ticket a queue row shows. */
export interface TicketRecord {
  id: string;
  ref: string;
  dealerId: string;
  customerId: string;
  department: string;
  category: string;
  channel: Channel;
  severity: Severity;
  stage: Stage;
  status: Status;
  assigneeId: string | null;
  receivedAt: string;
  createdAt: string;
  updatedAt: string;
  escalationLevel: number;
  saleAtRisk: boolean;
  saleAtRiskModel: string | null;
  saleAtRiskAmount: number | null;
  saleAtRiskCurrency: string | null;
  slaState: SlaState | null;
  nextDueAt: string | null;
}

/** And the ones the full ticket adds. */
export interface TicketDetailRecord extends TicketRecord {
  vehicleId: string | null;
  account: string;
  desiredOutcome: string | null;
  outcome: string | null;
  closedAt: string | null;
}

export interface CustomerRecord {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  language: string;
  consent: boolean;
  styleOutgoing: boolean | null;
  styleFactsFirst: boolean | null;
}

export function customerView(c: CustomerRecord) {
  const style =
    c.styleOutgoing === null || c.styleFactsFirst === null
      ? null
      : { outgoing: c.styleOutgoing, factsFirst: c.styleFactsFirst, colour: styleColour(c.styleOutgoing, c.styleFactsFirst) };
  return { id: c.id, name: c.name, email: c.email, phone: c.phone, language: c.language, consent: c.consent, style };
}

export type CustomerView = ReturnType<typeof customerView>;

export interface VehicleView {
  id: string;
  registration: string | null;
  vin: string | null;
  model: string | null;
}

export interface CompensationRecord {
  id: string;
  kind: Compensation['kind'];
  amount: number;
  currency: string;
  state: Compensation['state'];
  note: string | null;
  proposedById: string | null;
  decidedById: string | null;
  approvedByRole: Compensation['approvedByRole'];
  decidedAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
}

export function compensationRecordView(c: CompensationRecord) {
  return {
    id: c.id,
    kind: c.kind,
    value: { amount: c.amount, currency: c.currency },
    state: c.state,
    note: c.note,
    proposedById: c.proposedById,
    decidedById: c.decidedById,
    approvedByRole: c.approvedByRole,
    decidedAt: c.decidedAt,
    deliveredAt: c.deliveredAt,
    createdAt: c.createdAt,
  };
}

export type CompensationView = ReturnType<typeof compensationRecordView>;

/** A compensation just written, from its entity. */
export function compensationView(c: Compensation) {
  return compensationRecordView({ ...c, decidedAt: c.decidedAt?.toISOString() ?? null, deliveredAt: c.deliveredAt?.toISOString() ?? null, createdAt: c.createdAt.toISOString() });
}

export interface TimelineView {
  id: number;
  type: string;
  at: string;
  actor: { type: ActorType; id: string | null; name: string | null };
  visibility: Visibility;
  data: Record<string, unknown>;
}

/** The fields every list row and the full ticket share. */
type SlaBlock = { state: string | null; nextDue: string | null; businessMinutesLeft: number | null; timers?: unknown[] };

export function ticketSummaryView(t: TicketRecord, customer: { id: string; name: string }, sla?: SlaBlock) {
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
    receivedAt: t.receivedAt,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    escalationLevel: t.escalationLevel,
    saleAtRisk: t.saleAtRisk ? { model: t.saleAtRiskModel, value: moneyView(t.saleAtRiskAmount, t.saleAtRiskCurrency) } : null,
    sla: {
      state: sla?.state ?? t.slaState,
      nextDue: sla?.nextDue ?? t.nextDueAt,
      businessMinutesLeft: sla?.businessMinutesLeft ?? null,
    },
    customer: { id: customer.id, name: customer.name },
  };
}

export interface TicketParts {
  ticket: TicketDetailRecord;
  customer: CustomerView;
  vehicle: VehicleView | null;
  compensations: CompensationView[];
  timeline: TimelineView[];
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
    closedAt: ticket.closedAt,
    sla: { ...summary.sla, timers: sla?.timers ?? [] },
    customer,
    vehicle,
    relatedByVehicle: relatedByVehicle ?? [],
    compensations,
    timeline,
  };
}

export type TicketView = ReturnType<typeof ticketView>;
export type TicketSummaryView = ReturnType<typeof ticketSummaryView>;
