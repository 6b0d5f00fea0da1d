import type { EntityManager } from 'typeorm';
import { customerLanguage } from '../../../common/i18n/translator.js';
import { dealerRows } from '../../dealers/dealer.repository.js';
import type { Dealer } from '../../dealers/dealer.entity.js';
import type { OutboxMail, OutboxService } from '../../notifications/outbox.service.js';
import { Customer } from './customer.entity.js';
import { Ticket } from '../ticket.entity.js';
import { unhandled, type TimelineEvent } from '../timeline-events.js';

export type CustomerMail = 'receipt' | 'message' | 'followUp' | 'reopened';

/**
 * The mail an event sends the customer as it is written, if any. Every kind is named, so a
 * new one fails to compile here until someone decides whether the customer hears of it.
 * (The receipt and the follow-up request are sent for the change as a whole, not an event.)
 */
export function customerMailOf(e: TimelineEvent): { mail: CustomerMail; extra?: Record<string, unknown> } | null {
  switch (e.type) {
    case 'message-to-customer':
      return { mail: 'message', extra: { message: e.data.body } };
    case 'reopened':
      return { mail: 'reopened' };
    case 'created':
    case 'customer-changed':
    case 'stage-completed':
    case 'note':
    case 'message-from-customer':
    case 'assigned':
    case 'waiting':
    case 'resumed':
    case 'follow-up':
    case 'rated':
    case 'closed':
    case 'compensation-proposed':
    case 'compensation-approved':
    case 'compensation-rejected':
    case 'compensation-delivered':
    case 'escalated':
    case 'escalation-acknowledged':
    case 'sla-warning':
    case 'sla-breach':
    case 'tracking-link-reissued':
      return null;
    default:
      return unhandled(e);
  }
}

/**
 * A mail to the ticket's customer, in their language, through the outbox and inside the
 * caller's transaction. The tracking link is minted when it is sent (`enrich`), so no
 * token is ever stored. Nothing is sent without an e-mail address or consent.
 */
export async function enqueueCustomerMail(
  outbox: OutboxService, m: EntityManager, ticket: Ticket, mail: CustomerMail, now: Date,
  extra: Record<string, unknown> = {}, notBefore?: Date,
  known: { customer?: Customer; dealer?: Dealer } = {},
): Promise<number> {
  // Intake already holds the customer and the dealer; other callers read them here.
  const customer = known.customer ?? (await m.findOneByOrFail(Customer, { id: ticket.customerId }));
  if (!customer.email || !customer.consent) return 0;
  const dealer = known.dealer ?? (await dealerRows.byId(m, ticket.dealerId));
  const out = customerMail(ticket, mail, customer, dealer, extra, notBefore)!;
  return outbox.enqueue(m, now, out.to, out.template, out.data, out.ticketId, out.notBefore);
}

/** The outbox mail `enqueueCustomerMail` writes, for callers that write many at once; null when none is sent. */
export function customerMail(
  ticket: Pick<Ticket, 'id' | 'ref'>, mail: CustomerMail, customer: Pick<Customer, 'email' | 'name' | 'language' | 'consent'>, dealer: Pick<Dealer, 'name' | 'language'>,
  extra: Record<string, unknown> = {}, notBefore?: Date,
): OutboxMail | null {
  if (!customer.email || !customer.consent) return null;
  const to = [{ email: customer.email, name: customer.name, language: customerLanguage(customer.language, dealer.language) }];
  return { to, template: `i18n:${mail}`, data: { ref: ticket.ref, dealer: dealer.name, ticketId: ticket.id, enrich: 'tracking-link', ...extra }, ticketId: ticket.id, notBefore };
}

/**
 * The customer's address was corrected: their mails still waiting in the outbox go to the
 * new one (or, with none left, are not sent), so no later link reaches the old address.
 */
export async function readdressCustomerMails(outbox: OutboxService, m: EntityManager, customerId: string, from: string, to: { email: string; name: string } | null): Promise<void> {
  const tickets = await m.find(Ticket, { select: { id: true }, where: { customerId } });
  await outbox.readdress(m, tickets.map((t) => t.id), from, to);
}
