import { translate } from '../../common/i18n/translator.js';
import { COMPENSATION_KINDS } from '../tickets/ticket-values.js';
import type { Stage } from '../tickets/workflow/ticket-workflow.js';

/** The steps the customer sees, in order; their words are in locales/<language>.json under steps. */
export const CUSTOMER_STEPS: Exclude<Stage, 'closed'>[] = ['listen', 'apologise', 'fix', 'compensate', 'follow-up'];

const COMPLETED: Record<string, string> = { listen: 'events.listened', apologise: 'events.apologised', fix: 'events.fixed', compensate: 'events.compensated' };

const BY_TYPE: Record<string, string> = {
  created: 'events.created',
  'compensation-delivered': 'events.amends',
  'message-to-customer': 'events.messageToCustomer',
  'message-from-customer': 'events.messageFromCustomer',
  'follow-up': 'events.followedUp',
  rated: 'events.rated',
  reopened: 'events.reopened',
  closed: 'events.closed',
};

/** The translation key for a customer-visible event. */
export function eventKey(type: string, data: Record<string, unknown>): string {
  if (type === 'stage-completed') return COMPLETED[String(data.stage)] ?? 'events.updated';
  return BY_TYPE[type] ?? 'events.updated';
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
