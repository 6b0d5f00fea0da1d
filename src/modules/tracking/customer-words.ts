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
