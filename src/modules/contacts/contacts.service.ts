import { Injectable, type OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, In, IsNull, type EntityManager } from 'typeorm';
import { Clock } from '../../common/clock/clock.js';
import { insertRows } from '../../common/database/insert-rows.js';
import { UnitOfWork } from '../../common/database/unit-of-work.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { DealerRepository } from '../dealers/dealer.repository.js';
import { contactCadenceOf, DealersService } from '../dealers/dealers.service.js';
import { zonedCalendar } from '../sla/zoned-calendar.js';
import { CustomerRepository } from '../tickets/customers/customer.repository.js';
import { CustomerTickets } from '../tickets/customers/customer-tickets.read-model.js';
import { IntakeService } from '../tickets/intake/intake.service.js';
import { TicketLifecycle } from '../tickets/ticket-lifecycle.js';
import type { Ticket } from '../tickets/ticket.entity.js';
import { dealerScope, inScope, type Actor } from '../users/roles.js';
import { Contact } from './contact.entity.js';
import type { CompleteContactDto, ListContactsQuery } from './contact.dto.js';
import { afterNoAnswer, contactStatus, planJourney, shiftedBy, type ContactStatus } from './contact-schedule.js';

export interface ContactView {
  id: string;
  journeyId: string;
  ticketRef: string;
  customer: { id: string; name: string; email: string | null; phone: string | null; language: string };
  dealerId: string;
  department: string;
  kind: Contact['kind'];
  purpose: string;
  step: number;
  lastCall: boolean;
  dueAt: string;
  overdueAt: string;
  status: ContactStatus;
  paused: boolean;
  attempts: number;
  outcome: Contact['outcome'];
  note: string | null;
  stillCustomer: boolean | null;
  doneAt: string | null;
  newTicketRef: string | null;
}

export interface ContactFigures {
  /** Share of last calls answered "still a customer" (null: none answered yet). */
  loyaltyKept: number | null;
  lastCallsAnswered: number;
  stillCustomers: number;
  done: number;
  doneOnTime: number;
  onTimeShare: number | null;
  overdue: number;
}

export function contactNotFound(id: string): DomainError {
  return new DomainError('contact.not-found', `No contact ${id}`);
}

/** Department managers work their own department's contacts; everyone else their dealer's. */
export function departmentScope(actor: Actor): string | null {
  return actor.role === 'department-manager' ? actor.department : null;
}

/**
 * The loyalty journey: scheduled when a ticket closes, paused while a newer ticket of the
 * customer is open, worked call by call from the Contacts due page. Dealer (and, for
 * department managers, department) scope is part of every lookup: another dealer's contact
 * is not found, like an unknown one.
 */
@Injectable()
export class ContactsService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly lifecycle: TicketLifecycle,
    private readonly intake: IntakeService,
    private readonly dealers: DealersService,
    private readonly dealerRows: DealerRepository,
    private readonly customers: CustomerRepository,
    private readonly customerTickets: CustomerTickets,
  ) {}

  onModuleInit(): void {
    this.lifecycle.onClosed((m, ticket, now) => this.ticketClosed(m, ticket, now));
    this.lifecycle.onOpened((m, tickets, now) => this.ticketsOpened(m, tickets, now));
  }

  /**
   * A ticket closed. A paused journey resumes once none of the customer's tickets is open
   * (shifted by the pause); a running one is left alone (never two journeys at once); else,
   * unless the customer was lost, a journey starts from the close.
   */
  async ticketClosed(m: EntityManager, ticket: Ticket, now: Date): Promise<void> {
    const open = await m.find(Contact, { where: { customerId: ticket.customerId, state: 'open' } });
    if (open.length) {
      const stillOpen = await this.customerTickets.openOtherThan(m, ticket.customerId, ticket.id);
      if (stillOpen) return;
      for (const c of open.filter((x) => x.pausedAt)) await m.update(Contact, { id: c.id }, { ...shiftedBy(c, c.pausedAt!, now), pausedAt: null });
      return;
    }
    if (ticket.outcome === 'lost') return;
    const dealer = await this.dealerRows.byId(m, ticket.dealerId);
    const journeyId = randomUUID();
    const rows: Contact[] = planJourney(contactCadenceOf(dealer), now, zonedCalendar(dealer)).map((p) => ({
      id: randomUUID(), journeyId, dealerId: ticket.dealerId, customerId: ticket.customerId, ticketId: ticket.id, ...p,
      pausedAt: null, state: 'open', attempts: 0, outcome: null, note: null, stillCustomer: null, doneAt: null, doneById: null, newTicketId: null, createdAt: now,
    }));
    await insertRows(m, Contact, rows);
  }

  /** New (or reopened) tickets of customers: each one's running journey waits until it closes. */
  async ticketsOpened(m: EntityManager, tickets: Ticket[], now: Date): Promise<void> {
    const customerIds = [...new Set(tickets.map((t) => t.customerId))];
    await m.update(Contact, { customerId: customerIds.length === 1 ? customerIds[0] : In(customerIds), state: 'open', pausedAt: IsNull() }, { pausedAt: now });
  }

  async list(actor: Actor, q: ListContactsQuery): Promise<ContactView[]> {
    const scope = dealerScope(actor);
    if (q.dealerId && !inScope(actor, q.dealerId)) return [];
    const department = departmentScope(actor);
    if (department && q.department && q.department !== department) return [];
    const qb = this.dataSource.manager.createQueryBuilder(Contact, 'c');
    if (scope !== 'all') qb.andWhere('c.dealerId = :scope', { scope });
    if (q.dealerId) qb.andWhere('c.dealerId = :dealerId', { dealerId: q.dealerId });
    if (department ?? q.department) qb.andWhere('c.department = :department', { department: department ?? q.department });
    if (q.customerId) qb.andWhere('c.customerId = :customerId', { customerId: q.customerId });
    if (q.status === 'done') qb.andWhere("c.state = 'done'");
    else if (q.status) qb.andWhere("c.state = 'open'");
    // Soonest first; done contacts most recent first.
    qb.orderBy(q.status === 'done' ? 'c.doneAt' : 'c.dueAt', q.status === 'done' ? 'DESC' : 'ASC').addOrderBy('c.id').limit(1000);
    const views = await this.views(await qb.getMany());
    return q.status ? views.filter((v) => v.status === q.status) : views;
  }

  async get(actor: Actor, id: string): Promise<ContactView> {
    const c = await this.find(this.dataSource.manager, actor, id);
    return (await this.views([c]))[0];
  }

  /**
   * Records a call: reached (on the last call, whether they are still a customer), no answer
   * (offered again the next business day, at most twice), or a new issue, opened through
   * the normal intake in the same transaction and linked to the journey.
   */
  async complete(actor: Actor, id: string, dto: CompleteContactDto): Promise<ContactView & { ticketRef: string; newTicketRef: string | null }> {
    const problems: string[] = [];
    if (dto.outcome === 'new-issue' && !dto.newIssue) problems.push('newIssue is required when the outcome is new-issue');
    if (dto.outcome !== 'new-issue' && dto.newIssue) problems.push('newIssue is only for the outcome new-issue');
    if (problems.length) throw new DomainError('contact.invalid', problems.join('; '), problems);
    await this.uow.run(async (m) => {
      const c = await this.find(m, actor, id);
      if (c.kind !== 'call') throw new DomainError('contact.invalid-state', 'A message is sent by the app; only calls are completed');
      if (c.state === 'done') throw new DomainError('contact.invalid-state', 'This contact is already done');
      if (c.lastCall && dto.outcome === 'reached' && dto.stillCustomer === undefined) {
        throw new DomainError('contact.invalid', 'stillCustomer is required on the last call: has the customer serviced or bought here in the year?', ['stillCustomer is required on the last call']);
      }
      const now = this.clock.now();
      const done = { state: 'done' as const, doneAt: now, doneById: actor.id, note: dto.note?.trim() || null, outcome: dto.outcome };
      if (dto.outcome === 'reached') {
        await m.update(Contact, { id: c.id }, { ...done, stillCustomer: c.lastCall ? dto.stillCustomer! : null });
      } else if (dto.outcome === 'no-answer') {
        const attempts = c.attempts + 1;
        const dealer = await this.dealerRows.byId(m, c.dealerId);
        const { retry } = afterNoAnswer(attempts, now, zonedCalendar(dealer));
        await m.update(Contact, { id: c.id }, retry ? { attempts, ...retry, note: done.note } : { ...done, attempts });
      } else {
        await m.update(Contact, { id: c.id }, done);
        const customer = await this.customers.byId(m, c.customerId);
        const issue = dto.newIssue!;
        const { ticketId } = await this.intake.createIn(m, actor, {
          ...issue, dealerId: c.dealerId,
          customer: { name: customer.name, email: customer.email ?? undefined, phone: customer.phone ?? undefined },
        } as never, { createdData: { fromContactId: c.id } });
        await m.update(Contact, { id: c.id }, { newTicketId: ticketId });
      }
    });
    const view = await this.get(actor, id);
    return { ...view, newTicketRef: view.newTicketRef };
  }

  /**
   * The journey's figures for a dealer (or all in scope): loyalty kept at 11 months (the
   * share of last calls answered "still a customer"), contacts done before they became
   * overdue, and contacts overdue now (paused ones are not).
   */
  async figures(actor: Actor, dealerId?: string): Promise<ContactFigures> {
    const scope = dealerScope(actor);
    if (dealerId && !inScope(actor, dealerId)) throw new DomainError('dealer.not-found', `No dealer ${dealerId}`);
    const dealer = dealerId ?? (scope === 'all' ? null : scope);
    const qb = this.figuresQuery();
    if (dealer) qb.where('c.dealerId = :dealer', { dealer });
    return contactFigures((await qb.getRawOne()) ?? {});
  }

  /**
   * The same figures for each of several dealers (the dashboard's league) in one grouped
   * query rather than one a dealer; a dealer with no contacts gets zeros.
   */
  async figuresByDealer(actor: Actor, dealerIds: string[]): Promise<Map<string, ContactFigures>> {
    const ids = [...new Set(dealerIds)];
    const outside = ids.find((id) => !inScope(actor, id));
    if (outside) throw new DomainError('dealer.not-found', `No dealer ${outside}`);
    const figures = new Map(ids.map((id) => [id, contactFigures({})]));
    if (!ids.length) return figures;
    const rows = await this.figuresQuery().addSelect('c.dealerId', 'dealerId').where('c.dealerId IN (:...ids)', { ids }).groupBy('c.dealerId').getRawMany();
    for (const r of rows) figures.set(r.dealerId, contactFigures(r));
    return figures;
  }

  /** The sums behind ContactFigures, over whichever contacts the caller's WHERE leaves. */
  private figuresQuery() {
    return this.dataSource.manager.createQueryBuilder(Contact, 'c')
      .select(`SUM(CASE WHEN c.lastCall = :yes AND c.state = 'done' AND c.stillCustomer IS NOT NULL THEN 1 ELSE 0 END)`, 'answered')
      .addSelect(`SUM(CASE WHEN c.lastCall = :yes AND c.state = 'done' AND c.stillCustomer = :yes THEN 1 ELSE 0 END)`, 'kept')
      .addSelect(`SUM(CASE WHEN c.state = 'done' THEN 1 ELSE 0 END)`, 'done')
      .addSelect(`SUM(CASE WHEN c.state = 'done' AND c.doneAt < c.overdueAt THEN 1 ELSE 0 END)`, 'onTime')
      .addSelect(`SUM(CASE WHEN c.state = 'open' AND c.pausedAt IS NULL AND c.overdueAt <= :now THEN 1 ELSE 0 END)`, 'overdue')
      .setParameters({ yes: true, now: this.clock.now() });
  }

  private async find(m: EntityManager, actor: Actor, id: string): Promise<Contact> {
    const c = await m.findOneBy(Contact, { id });
    const department = departmentScope(actor);
    if (!c || !inScope(actor, c.dealerId) || (department && c.department !== department)) throw contactNotFound(id);
    return c;
  }

  /** Rows as the API shows them, with their ticket, customer and status (in the dealer's zone) at `now`. */
  async views(rows: Contact[]): Promise<ContactView[]> {
    if (!rows.length) return [];
    const m = this.dataSource.manager;
    const ticketIds = [...new Set(rows.flatMap((r) => [r.ticketId, r.newTicketId].filter((x): x is string => !!x)))];
    const tickets = await this.customerTickets.refs(m, ticketIds);
    const customers = new Map((await this.customers.byIds(m, [...new Set(rows.map((r) => r.customerId))])).map((c) => [c.id, c]));
    const calendars = await this.dealers.calendars(new Set(rows.map((r) => r.dealerId)));
    const now = this.clock.now();
    return rows.map((r) => {
      const cu = customers.get(r.customerId)!;
      return {
        id: r.id, journeyId: r.journeyId, ticketRef: tickets.get(r.ticketId)!, dealerId: r.dealerId, department: r.department,
        customer: { id: cu.id, name: cu.name, email: cu.email, phone: cu.phone, language: cu.language },
        kind: r.kind, purpose: r.purpose, step: r.step, lastCall: r.lastCall,
        dueAt: r.dueAt.toISOString(), overdueAt: r.overdueAt.toISOString(),
        status: contactStatus(r, now, calendars.get(r.dealerId)?.timeZone ?? 'UTC'), paused: !!r.pausedAt,
        attempts: r.attempts, outcome: r.outcome, note: r.note, stillCustomer: r.stillCustomer,
        doneAt: r.doneAt?.toISOString() ?? null, newTicketRef: r.newTicketId ? (tickets.get(r.newTicketId) ?? null) : null,
      };
    });
  }
}

/** ContactFigures from the sums of figuresQuery (absent or null sums: nothing to count). */
function contactFigures(r: Record<string, unknown>): ContactFigures {
  const n = (k: string) => Number(r[k] ?? 0);
  return {
    loyaltyKept: n('answered') ? n('kept') / n('answered') : null, lastCallsAnswered: n('answered'), stillCustomers: n('kept'),
    done: n('done'), doneOnTime: n('onTime'), onTimeShare: n('done') ? n('onTime') / n('done') : null, overdue: n('overdue'),
  };
}
