import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import { Dealer } from '../dealers/dealer.entity.js';
import { Customer } from '../tickets/customer.entity.js';
import type { Ticket } from '../tickets/ticket.entity.js';
import { User } from '../users/user.entity.js';
import { recipientsFor } from './escalation-ladder.js';

/** What an escalation or warning mail says about a ticket. */
export async function ticketMailData(m: EntityManager, ticket: Ticket, publicUrl: string) {
  const [dealer, customer] = await Promise.all([m.findOneByOrFail(Dealer, { id: ticket.dealerId }), m.findOneByOrFail(Customer, { id: ticket.customerId })]);
  return {
    dealer,
    data: {
      ref: ticket.ref,
      dealerName: dealer.name,
      department: ticket.department,
      severity: ticket.severity,
      customerName: customer.name,
      account: ticket.account.length > 500 ? `${ticket.account.slice(0, 500)}…` : ticket.account,
      ticketUrl: `${publicUrl}/tickets/${ticket.ref}`,
    },
  };
}

/** A moment as the dealer's staff read it: their zone, their language. */
export function localTime(at: Date, zone: string, locale: string): string {
  return DateTime.fromJSDate(at, { zone }).setLocale(locale).toFormat('ccc d LLL yyyy HH:mm ZZZZ');
}

/** The active staff of the ticket's dealer and of the importer: those the ladder picks from. */
export function ticketStaff(m: EntityManager, ticket: Pick<Ticket, 'dealerId'>): Promise<User[]> {
  return m.find(User, { where: [{ dealerId: ticket.dealerId, active: true }, { dealerId: null as unknown as string, active: true }] });
}

/** The staff to notify at a level, as outbox recipients. */
export async function levelRecipients(m: EntityManager, level: 1 | 2 | 3, ticket: Ticket) {
  return recipientsFor(level, ticket, await ticketStaff(m, ticket)).map((u) => ({ email: u.email, name: u.name, language: u.language }));
}
