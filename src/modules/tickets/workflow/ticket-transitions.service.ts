import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../../../common/clock/clock.js';
import { byChangedColumns } from '../../../common/database/changed-columns.js';
import { UnitOfWork } from '../../../common/database/unit-of-work.js';
import { DomainError } from '../../../common/errors/domain-error.js';
import { dealerScope, inScope, type Actor } from '../../users/roles.js';
import { DealerRepository } from '../../dealers/dealer.repository.js';
import type { SlaOp } from '../../sla/sla-timers.service.js';
import { SlaTimersService } from '../../sla/sla-timers.service.js';
import { zonedCalendar } from '../../sla/zoned-calendar.js';
import { afterBusinessDays } from '../../sla/business-time.js';
import { OutboxService } from '../../notifications/outbox.service.js';
import { CustomerRepository } from '../customers/customer.repository.js';
import { customerMailOf, enqueueCustomerMail } from '../customers/customer-mail.js';
import type { Ticket } from '../ticket.entity.js';
import { TicketRepository, type TicketKey, type TicketPatch as TicketFields } from '../ticket.repository.js';
import { SYSTEM_ACTOR, userActor, type EventActor, type NewEvent } from '../timeline.js';
import type { Check } from './ticket-workflow.js';
import { TicketLifecycle } from '../ticket-lifecycle.js';

type TicketPatch = Omit<TicketFields, 'updatedAt' | 'version'>;

/** What a change does: fields of the ticket to set, and the events that record it. */
export interface Change<R = void> {
  patch?: TicketPatch;
  events: NewEvent[];
  /** What the change does to the ticket's clocks; any op recomputes the SLA fields. */
  sla?: SlaOp[];
  /** Recompute the SLA fields even with no op (completing a stage does, whatever it meets). */
  recomputeSla?: boolean;
  /** Something the caller wants back (a new compensation, say). */
  result?: R;
}

/**
 * One change of a batch, as `apply` would make it: decided on the ticket as the changes
 * before it in the batch left it. Only what system work changes (no stage, status or
 * customer mail): the batch path writes no customer mail.
 */
export interface BatchChange {
  ticketId: string;
  decide: (ticket: Ticket) => { patch?: Pick<TicketPatch, 'escalationLevel'>; events: NewEvent[]; recomputeSla?: boolean };
}

export interface BatchContext {
  /** The tickets of the batch, locked to it (on PostgreSQL those another transaction holds are left out). */
  tickets: Ticket[];
  m: EntityManager;
  now: Date;
}


export interface ChangeContext {
  ticket: Ticket;
  m: EntityManager;
  now: Date;
}

/** Who changes the ticket: a staff member (scope-checked), or the customer / the system (already authorised by the caller). */
export type ChangeBy = { actor: Actor } | { as: EventActor };

export type Decide<R> = (ctx: ChangeContext) => Promise<Change<R>> | Change<R>;

/** How a caller names the ticket it changes: by reference (staff, the customer), or by id (system work that holds it). */
export type { TicketKey };

/** The one answer for a reference the caller may not reach, whether it exists or not. */
export function ticketNotFound(ref: string): DomainError {
  return new DomainError('ticket.not-found', `No ticket ${ref}`);
}

/** Turns a refused workflow check into the domain error the edge maps to 422. */
export function ensure(check: Check): void {
  if (!check.ok) throw new DomainError(check.code, check.message);
}

/**
 * The one path every change to a ticket takes: in one transaction it locks the ticket,
 * checks the caller's scope, lets the change decide (it may refuse with a DomainError),
 * writes the ticket with a new version and appends the timeline events.
 */
@Injectable()
export class TicketTransitionsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly timers: SlaTimersService,
    private readonly outbox: OutboxService,
    private readonly dealers: DealerRepository,
    private readonly tickets: TicketRepository,
    private readonly customers: CustomerRepository,
    // Last and defaulted, so specs that build the service by hand need not know of it.
    private readonly lifecycle: TicketLifecycle = new TicketLifecycle(),
  ) {}

  async apply<R = void>(by: ChangeBy, ref: string, decide: Decide<R>): Promise<{ ticket: Ticket; result: R }> {
    return this.uow.run((m) => this.applyWith(m, by, { ref }, decide));
  }

  /** `apply` for callers that hold the ticket's id rather than its reference (the sweep). */
  async applyById<R = void>(by: ChangeBy, id: string, decide: Decide<R>): Promise<{ ticket: Ticket; result: R }> {
    return this.uow.run((m) => this.applyWith(m, by, { id }, decide));
  }

  /** Several tickets in one transaction: all change, or none does. */
  async applyMany<R = void>(by: ChangeBy, refs: string[], decide: Decide<R>): Promise<Ticket[]> {
    return this.uow.run(async (m) => {
      // Every ticket locked first, in one order (PostgreSQL; see lockAll).
      await this.tickets.lockAll(m, refs.map((ref) => ({ ref })), 'actor' in by ? dealerScope(by.actor) : 'all');
      const changed: Ticket[] = [];
      for (const ref of refs) changed.push((await this.applyWith(m, by, { ref }, decide)).ticket);
      return changed;
    });
  }

  /**
   * The batch twin of `apply`, for system work over many tickets (the SLA sweep), in one
   * transaction and a few multi-row statements instead of a transaction per change: it
   * locks the tickets `pick` names, lets `decide` do its work and list its changes in
   * order, and writes for each change what `apply` would have written, change after
   * change: the ticket's fields, SLA summary and version (one more per change that
   * changed something), its updatedAt, and the timeline events in the same order.
   */
  async applyBatch<R>(as: EventActor, pick: (m: EntityManager) => Promise<string[]>, decide: (ctx: BatchContext) => Promise<{ changes: BatchChange[]; result: R }>): Promise<R> {
    return this.uow.run(async (m) => {
      // Those another transaction holds are skipped, left for the next batch (see lockBatch).
      const tickets = await this.tickets.lockBatch(m, [...new Set(await pick(m))]);
      const now = this.clock.now();
      const { changes, result } = await decide({ tickets, m, now });
      const current = new Map(tickets.map((t) => [t.id, { ...t }]));
      const withSla = [...new Set(changes.map((c) => c.ticketId))];
      const timers = await this.timers.ofTickets(m, withSla);
      const written = new Set<string>();
      const events: { ticketId: string; events: NewEvent[] }[] = [];
      for (const { ticketId, decide: decideOne } of changes) {
        const ticket = current.get(ticketId);
        if (!ticket) throw new Error(`batch change for ticket ${ticketId}, which the batch does not hold`);
        const change = decideOne(ticket as Ticket);
        // The batch path writes no customer mail, so no change of it may carry an event that sends one.
        if (change.events.some((e) => customerMailOf(e))) throw new Error(`a batch change cannot mail the customer (${ticketId})`);
        const patch: TicketPatch = { ...change.patch };
        if (change.recomputeSla) {
          const sla = this.timers.summaryOf(timers.filter((t) => t.ticketId === ticketId), now);
          if (sla.slaState !== ticket.slaState) patch.slaState = sla.slaState as Ticket['slaState'];
          if (sla.nextDueAt?.getTime() !== ticket.nextDueAt?.getTime()) patch.nextDueAt = sla.nextDueAt;
        }
        // As in `apply`: a change that changed nothing leaves the ticket as it was.
        if (!Object.keys(patch).length && !change.events.length) continue;
        Object.assign(ticket, patch, { updatedAt: now, version: ticket.version + 1 });
        written.add(ticketId);
        if (change.events.length) events.push({ ticketId, events: change.events });
      }
      const before = new Map(tickets.map((t) => [t.id, t]));
      const rows = [...written].map((id) => ({ before: before.get(id)!, after: current.get(id)! }));
      // Indexed fields only where they changed, one UPDATE per set of them (byChangedColumns): a
      // sweep seldom moves nextDueAt, and setting it anyway moved the ticket in nine indexes.
      for (const shape of byChangedColumns(rows, ['slaState', 'nextDueAt'], ['escalationLevel', 'updatedAt', 'version'])) await this.tickets.writeMany(m, shape.rows, shape.columns);
      await this.tickets.appendEvents(m, as, now, events);
      return result;
    });
  }

  private async applyWith<R>(m: EntityManager, by: ChangeBy, key: TicketKey, decide: Decide<R>): Promise<{ ticket: Ticket; result: R }> {
    // The scope is part of the lookup, so another dealer's ticket is missed by the same query, in the same time, as an unknown one.
    const ticket = await this.tickets.lockForChange(m, key, 'actor' in by ? dealerScope(by.actor) : 'all');
    // Out of scope answers exactly as unknown: a 403 would tell that the reference exists elsewhere.
    if (!ticket || ('actor' in by && !inScope(by.actor, ticket.dealerId))) throw ticketNotFound('id' in key ? key.id : key.ref);
    const now = this.clock.now();
    const change = await decide({ ticket, m, now });
    const patch: TicketFields = { ...change.patch };
    if (change.sla?.length || change.recomputeSla) {
      const calendar = async () => zonedCalendar(await this.dealers.byId(m, ticket.dealerId));
      await this.timers.apply(m, ticket.id, change.sla ?? [], now, calendar);
      const sla = await this.timers.summary(m, ticket.id, now);
      if (sla.slaState !== ticket.slaState) patch.slaState = sla.slaState as Ticket['slaState'];
      if (sla.nextDueAt?.getTime() !== ticket.nextDueAt?.getTime()) patch.nextDueAt = sla.nextDueAt;
    }
    // A change that changed nothing (a sweep that lost its claim) leaves the ticket as it was.
    if (!Object.keys(patch).length && !change.events.length) return { ticket, result: change.result as R };
    Object.assign(patch, { updatedAt: now, version: ticket.version + 1 });
    await this.tickets.write(m, ticket.id, patch);
    const eventActor = 'actor' in by ? userActor(by.actor) : (by.as ?? SYSTEM_ACTOR);
    await this.tickets.appendEvents(m, eventActor, now, [{ ticketId: ticket.id, events: change.events }]);
    await this.mailCustomer(m, ticket, change.events, patch, now);
    const wasClosed = ticket.status === 'closed';
    Object.assign(ticket, patch);
    if (!wasClosed && ticket.status === 'closed') await this.lifecycle.closed(m, ticket, now);
    // A reopened ticket is open again, as a new one would be: the customer's journey waits for it too.
    if (wasClosed && ticket.status !== 'closed') await this.lifecycle.opened(m, [ticket], now);
    return { ticket, result: change.result as R };
  }

  /** What the customer hears of a change: messages meant for them, a reopen, and at resolution the follow-up request. */
  private async mailCustomer(m: EntityManager, ticket: Ticket, events: NewEvent[], patch: TicketPatch, now: Date): Promise<void> {
    const followUp = patch.status === 'resolved' && ticket.status !== 'resolved' && patch.stage === 'follow-up';
    if (!followUp && !events.some((e) => customerMailOf(e))) return;
    const known = { customer: await this.customers.byId(m, ticket.customerId), dealer: await this.dealers.byId(m, ticket.dealerId) };
    for (const e of events) {
      const mail = customerMailOf(e);
      if (mail) await enqueueCustomerMail(this.outbox, m, ticket, mail.mail, now, mail.extra, undefined, known);
    }
    if (followUp) {
      // Two business days on, unless the follow-up was answered by then (the mail is cancelled at sending).
      await enqueueCustomerMail(this.outbox, m, ticket, 'followUp', now, { onlyIfAwaitingRating: true }, afterBusinessDays(now, 2, zonedCalendar(known.dealer)), known);
    }
  }
}
