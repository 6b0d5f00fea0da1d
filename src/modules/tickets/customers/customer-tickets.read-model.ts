import { Injectable } from '@nestjs/common';
import { In, Not, type EntityManager } from 'typeorm';
import { Ticket } from '../ticket.entity.js';

/** A customer's tickets, for the loyalty journey and the customer page (clients of tickets read them here). */
@Injectable()
export class CustomerTickets {
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
