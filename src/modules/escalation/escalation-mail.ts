import type { EntityManager } from 'typeorm';
import type { Dealer } from '../dealers/dealer.entity.js';
import { dealerRows } from '../dealers/dealer.repository.js';
import type { Customer } from '../tickets/customers/customer.entity.js';
import { customerRows } from '../tickets/customers/customer.repository.js';
import type { Ticket } from '../tickets/ticket.entity.js';
import type { User } from '../users/user.entity.js';
import { staffDirectory } from '../users/staff-directory.js';
import { recipientsFor } from './escalation-ladder.js';

/** What an escalation or warning mail says about a ticket. */
export async function ticketMailData(m: EntityManager, ticket: Ticket, publicUrl: string) {
  const [dealer, customer] = await Promise.all([dealerRows.byId(m, ticket.dealerId), customerRows.byId(m, ticket.customerId)]);
  return { dealer, data: mailData(ticket, dealer, customer, publicUrl) };
}

/** The same from rows already read (the sweep reads them for a whole batch at once). */
export function mailData(ticket: Ticket, dealer: Pick<Dealer, 'name' | 'timeZone'>, customer: Pick<Customer, 'name'>, publicUrl: string) {
  return {
    ref: ticket.ref,
    dealerName: dealer.name,
    // Dates are written out when the mail is rendered, in each recipient's language and this zone.
    timeZone: dealer.timeZone,
    department: ticket.department,
    severity: ticket.severity,
    customerName: customer.name,
    account: ticket.account.length > 500 ? `${ticket.account.slice(0, 500)}…` : ticket.account,
    ticketUrl: `${publicUrl}/tickets/${ticket.ref}`,
  };
}

/**
 * The active staff of the ticket's dealer and of the importer: those the ladder picks from,
 * in a set order (by email) so that a level's recipients are listed alike wherever read.
 */
export function ticketStaff(m: EntityManager, ticket: Pick<Ticket, 'dealerId'>): Promise<User[]> {
  return staffDirectory.activeStaffOf(m, ticket.dealerId);
}

/** Of the users StaffDirectory.activeStaffOfDealers read, those of one ticket's dealer and of the importer. */
export const staffOf = (users: User[], ticket: Pick<Ticket, 'dealerId'>) => users.filter((u) => u.dealerId === ticket.dealerId || u.dealerId === null);

/** The staff to notify at a level, as outbox recipients. */
export async function levelRecipients(m: EntityManager, level: 1 | 2 | 3, ticket: Ticket) {
  return recipientsFor(level, ticket, await ticketStaff(m, ticket)).map((u) => ({ email: u.email, name: u.name, language: u.language }));
}
