import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error.js';
import { Clock } from '../../common/clock/clock.js';
import { DealersService, type DealerCalendar } from '../dealers/dealers.service.js';
import { SLA_TARGETS } from '../sla/sla-clock.js';
import { explainDeadline, type SlaExplanation } from '../sla/sla-explain.js';
import { SlaTimersService } from '../sla/sla-timers.service.js';
import { dealerScope, inScope, type Actor } from '../users/roles.js';
import { Customer } from './customers/customer.entity.js';
import { Ticket } from './ticket.entity.js';
import { ticketView, type TicketView, type TimelineView } from './ticket.presenter.js';
import { TicketRepository, type TicketDetail, type TrackedTicket } from './ticket.repository.js';
import { waitsOf, waitsOfTimer } from './ticket-waits.js';

/** A deadline explained; `recordedDueAt` only when the deadline shown was set on a calendar since changed. */
export type TicketSlaExplanation = SlaExplanation & { recordedDueAt?: string };

/** Reading tickets, always through the caller's dealer scope. */
@Injectable()
export class TicketsService {
  constructor(
    @InjectRepository(Ticket) private readonly tickets: Repository<Ticket>,
    @InjectRepository(Customer) private readonly customers: Repository<Customer>,
    private readonly timers: SlaTimersService,
    private readonly clock: Clock,
    private readonly rows: TicketRepository,
    private readonly dealers: DealersService,
  ) {}

  /** The full ticket for staff, if the actor may see it; one outside their scope is reported as not found. */
  async view(actor: Actor, ref: string): Promise<TicketView> {
    // The scope is part of the lookup: another dealer's ticket is missed exactly as an unknown one is.
    const found = await this.rows.detailByRef(ref, dealerScope(actor));
    if (!found || !inScope(actor, found.ticket.dealerId)) throw new DomainError('ticket.not-found', `No ticket ${ref}`);
    return this.staffView(found);
  }

  /** How one deadline of a ticket is counted; the ticket is looked up in the caller's scope as for `view`. */
  async explainSla(actor: Actor, ref: string, target: string): Promise<TicketSlaExplanation> {
    const found = await this.rows.headByRef(ref, dealerScope(actor));
    if (!found || !inScope(actor, found.ticket.dealerId)) throw new DomainError('ticket.not-found', `No ticket ${ref}`);
    const explained = await this.slaExplanations(found.ticket, await this.rows.timeline(found.ticket.id));
    const one = explained.find((e) => e.target === target);
    if (!one) {
      const have = explained.map((e) => e.target).join(', ') || 'none';
      throw new DomainError('sla.target.not-found', `Ticket ${ref} has no deadline "${target}" (its deadlines: ${have}; targets are ${SLA_TARGETS.join(', ')})`);
    }
    if (!one.explanation) throw new DomainError('sla.explain.invalid-state', `The calendar of this ticket's dealer has no opening hours ahead, so deadline "${target}" cannot be counted`);
    return one.explanation;
  }

  /**
   * Every deadline of a ticket explained, in target order, on the dealer's calendar with
   * the waits of its timeline (explanation null where the calendar has no hours left to count on).
   * The ticket must already be in the caller's scope.
   */
  async slaExplanations(ticket: { id: string; dealerId: string }, timeline: { type: string; at: string }[]): Promise<{ target: string; explanation: TicketSlaExplanation | null }[]> {
    const [timers, calendars] = await Promise.all([this.timers.deadlines(this.tickets.manager, ticket.id), this.dealers.calendars([ticket.dealerId])]);
    const calendar = calendars.get(ticket.dealerId)!;
    const waits = waitsOf(timeline);
    return timers
      .sort((a, b) => SLA_TARGETS.indexOf(a.target) - SLA_TARGETS.indexOf(b.target))
      .map((t) => {
        // A calendar changed since to one without opening hours cannot count the time: an answer, not a crash of the page.
        let e: SlaExplanation;
        try {
          e = explainDeadline({ target: t.target, startedAt: t.startedAt, targetMinutes: t.targetMinutes, calendar, pauses: waitsOfTimer(waits, t) });
        } catch {
          return { target: t.target, explanation: null };
        }
        const recorded = t.dueAt.toISOString();
        return { target: t.target, explanation: e.dueAt === recorded ? e : { ...e, recordedDueAt: recorded } };
      });
  }

  async viewById(id: string): Promise<TicketView> {
    const found = await this.rows.detailById(id);
    if (!found) throw new DomainError('ticket.not-found', `No ticket ${id}`);
    return this.staffView(found);
  }

  /** The full ticket for staff: its parts and the staff-only hints, all read by its one statement. */
  private async staffView({ ticket, customer, vehicle, dealersStamp, timeline, compensations, timers, relatedByVehicle }: TicketDetail): Promise<TicketView> {
    // The ticket's own read brought the dealers' version: no statement to check it.
    const calendarOf = await this.dealers.calendarLookup(dealersStamp);
    const sla = this.timers.viewsOf([{ id: ticket.id, status: ticket.status, calendar: calendarOf(ticket.dealerId)! }], timers, this.clock.now()).get(ticket.id);
    return ticketView({ ticket, customer, vehicle, compensations, timeline, sla, relatedByVehicle });
  }

  /** What the customer's tracking view shows of a ticket: their language and the events they may see. */
  customerSide(ticket: { id: string; customerId: string }): Promise<{ language: string | null; timeline: TimelineView[] }> {
    return this.rows.customerSide(ticket);
  }

  /** The ticket a tracking token's hash opens (by the ticket's own link, or by its id for a minted one). */
  trackedByHash(tokenHash: string): Promise<TrackedTicket | null> {
    return this.rows.trackedByHash(tokenHash);
  }

  trackedById(id: string): Promise<TrackedTicket | null> {
    return this.rows.trackedById(id);
  }

  customerOf(ticket: { customerId: string }): Promise<Customer> {
    return this.customers.findOneByOrFail({ id: ticket.customerId });
  }

  /**
   * The SLA blocks of some tickets, with business time left on their dealers' calendars
   * (kept in memory per dealer change). A list passes the calendars it started reading
   * beside its own query, and `timers: false` when it shows only the summary.
   */
  async slaViews(tickets: { id: string; dealerId: string; status: string }[], options: { calendarOf?: (dealerId: string) => DealerCalendar | undefined; timers?: boolean } = {}) {
    const calendarOf = options.calendarOf ?? (await this.dealers.calendarLookup());
    const list = tickets.map((t) => ({ id: t.id, status: t.status, calendar: calendarOf(t.dealerId)! }));
    return this.timers.views(this.tickets.manager, list, this.clock.now(), { timers: options.timers ?? true });
  }
}

