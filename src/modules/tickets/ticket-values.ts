/** The enumerations of API.md, in one place. */
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const CHANNELS = ['walk-in', 'phone', 'e-mail', 'letter', 'social-media', 'survey'] as const;
export type Channel = (typeof CHANNELS)[number];

export { DEPARTMENTS, LANGUAGES, SLUG } from '../dealers/dealer-values.js';

export const CATEGORIES = [
  'waiting-time', 'staff-attitude', 'communication', 'workmanship', 'parts-availability',
  'pricing', 'process', 'product', 'vehicle-damage', 'loyalty', 'other',
] as const;

export const ROOT_CAUSES = [
  'staff-attitude', 'waiting-time', 'communication', 'workmanship', 'parts-availability',
  'pricing', 'process', 'product', 'other',
] as const;

export const COMPENSATION_KINDS = ['goodwill-discount', 'free-service', 'loan-car', 'fuel', 'refund', 'gift', 'other'] as const;
export type CompensationKind = (typeof COMPENSATION_KINDS)[number];
export const COMPENSATION_STATES = ['proposed', 'approved', 'rejected', 'delivered'] as const;
export type CompensationState = (typeof COMPENSATION_STATES)[number];

export const CONTACT_WAYS = ['in-person', 'phone', 'e-mail', 'letter'] as const;
export type ContactWay = (typeof CONTACT_WAYS)[number];

export const STATUSES = ['open', 'waiting-on-customer', 'resolved', 'closed'] as const;
export type Status = (typeof STATUSES)[number];

export const SLA_STATES = ['on-track', 'at-risk', 'breached', 'met'] as const;
export type SlaState = (typeof SLA_STATES)[number];


export const SEVERITY_RANK: Record<Severity, number> = { low: 1, medium: 2, high: 3, critical: 4 };
