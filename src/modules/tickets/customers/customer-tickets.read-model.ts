import { Injectable } from '@nestjs/common';
import { DataSource, In, Not, type EntityManager } from 'typeorm';
import { CustomerRepository } from './customer.repository.js';
import { lookupKey, normaliseEmail, normalisePhone, sameCustomer } from './customer-identity.js';
import { Ticket } from '../ticket.entity.js';

/** A customer's tickets, for the loyalty journey and the customer page (clients of tickets read them here). */
@Injectable()
export class CustomerTickets {
  constructor(
    private readonly dataSource: DataSource,
    private readonly customers: CustomerRepository,
  ) {}

  /**
   * The dealer's known customer with this e-mail (or phone, among those without one), by
   * intake's own rule, with their tickets counted; null when none. The caller scopes the dealer.
   */
  async returning(dealerId: string, input: { email?: string | null; phone?: string | null }): Promise<{ customerId: string; name: string; earlier: number; open: number } | null> {
    const email = normaliseEmail(input.email);
    const phone = normalisePhone(input.phone);
    const key = lookupKey({ email, phone });
    if (!key) return null;
    const m = this.dataSource.manager;
    const found = await this.customers.byKey(m, dealerId, key);
    if (!found || !sameCustomer(found, { email, phone })) return null;
    const tickets = await m.find(Ticket, { select: { id: true, status: true }, where: { customerId: found.id } });
    return { customerId: found.id, name: found.name, earlier: tickets.length, open: tickets.filter((t) => t.status !== 'closed').length };
  }

  /** Every ticket of the customer, newest complaint first. */
  ofCustomer(m: EntityManager, customerId: string): Promise<Ticket[]> {
    return m.find(Ticket, { where: { customerId }, order: { receivedAt: 'DESC', id: 'ASC' } });
  }

  /** How many of the customer's tickets, other than this one, are not closed. */
  openOtherThan(m: EntityManager, customerId: string, ticketId: string): Promise<number> {
    return m.count(Ticket, { where: { customerId, status: Not('closed'), id: Not(ticketId) } });
  }

  async refs(m: EntityManager, ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    return new Map((await m.find(Ticket, { select: { id: true, ref: true }, where: { id: In(ids) } })).map((t) => [t.id, t.ref]));
  }
}
