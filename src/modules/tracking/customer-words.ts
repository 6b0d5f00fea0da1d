import { translate } from '../../common/i18n/translator.js';
import { COMPENSATION_KINDS } from '../tickets/ticket-values.js';
import { unhandled, type ParsedEvent } from '../tickets/timeline-events.js';
import type { Stage } from '../tickets/workflow/ticket-workflow.js';

/** The steps the customer sees, in order; their words are in locales/<language>.json under steps. */
export const CUSTOMER_STEPS: Exclude<Stage, 'closed'>[] = ['listen', 'apologise', 'fix', 'compensate', 'follow-up'];

const COMPLETED: Partial<Record<Stage, string>> = { listen: 'events.listened', apologise: 'events.apologised', fix: 'events.fixed', compensate: 'events.compensated' };

/**
 * The translation key for a customer-visible event. Every kind is named: a new one fails to
 * compile here until someone decides what the customer reads for it. Internal kinds and rows
 * this code does not know read as a plain update.
 */
export function eventKey(e: ParsedEvent): string {
  switch (e.type) {
    case 'stage-completed':
      return COMPLETED[e.data.stage] ?? 'events.updated';
    case 'created':
      return 'events.created';
    case 'compensation-delivered':
      return 'events.amends';
    case 'message-to-customer':
      return 'events.messageToCustomer';
    case 'message-from-customer':
      return 'events.messageFromCustomer';
    case 'follow-up':
      return 'events.followedUp';
    case 'rated':
      return 'events.rated';
    case 'reopened':
      return 'events.reopened';
    case 'closed':
      return 'events.closed';
    case 'customer-changed':
    case 'note':
    case 'assigned':
    case 'waiting':
    case 'resumed':
    case 'compensation-proposed':
    case 'compensation-approved':
    case 'compensation-rejected':
    case 'escalated':
    case 'escalation-acknowledged':
    case 'sla-warning':
    case 'sla-breach':
    case 'tracking-link-reissued':
    case 'unknown':
      return 'events.updated';
    default:
      return unhandled(e);
  }
}

const MONEY_LOCALES: Record<string, string> = { en: 'en-GB', nb: 'nb-NO', sv: 'sv-SE', nl: 'nl-NL' };

/** An amount as the customer's language writes it ("€ 45,00", "45,00 kr"); empty when there is none. */
export function customerMoney(language: string, value: unknown): string {
  const v = value as { amount?: unknown; currency?: unknown } | null;
  if (!v || typeof v.amount !== 'number' || typeof v.currency !== 'string' || !/^[A-Z]{3}$/.test(v.currency)) return '';
  return new Intl.NumberFormat(MONEY_LOCALES[language] ?? 'en-GB', { style: 'currency', currency: v.currency }).format(v.amount);
}

/**
 * What a delivered compensation gave the customer, in their words ("You need not refuel the
 * loan car"), from its kind: the staff's note is theirs, in their language, and may be internal.
 */
export function givenText(language: string, data: Record<string, unknown>): string {
  const kind = (COMPENSATION_KINDS as readonly string[]).includes(String(data.kind)) ? String(data.kind) : 'other';
  const value = customerMoney(language, data.value);
  // A discount or refund without a known amount reads as amends made.
  return translate(language, `given.${value || !/discount|refund/.test(kind) ? kind : 'other'}`, { value });
}
