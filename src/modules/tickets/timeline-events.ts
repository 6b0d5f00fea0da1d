import type { ContactChange } from './customers/customer-identity.js';
import type { Visibility } from './timeline-event.entity.js';
import type { Stage } from './workflow/ticket-workflow.js';

/**
 * Every kind of event a ticket's timeline holds, with the shape of its data: one
 * discriminated union keyed by `type`. Writers build these; readers narrow rows back
 * through `parseEvent`, and switch on `type` with `unhandled` so a new kind fails to
 * compile wherever it is not handled yet.
 */
type Money = { amount: number; currency: string };
type CompensationData = { compensationId: string; kind: string; value: Money; note?: string | null; onTheSpot?: boolean };
type Answered = { stage: 'follow-up'; score: number; comment: string | null; via: string; recovered: boolean; viaReissuedLink?: boolean };

export interface EventData {
  created: {
    channel: string; department: string; category: string; severity: string; saleAtRisk: boolean;
    /** A ticket opened from a survey response says which. */
    surveyId?: string; surveyName?: string; responseId?: string; negativeAnswers?: unknown[];
  };
  'customer-changed': { customerId: string; via: 'staff' | 'intake'; changes: ContactChange[] };
  'stage-completed': {
    stage: Stage;
    /** Done at intake, at the desk. */
    onTheSpot?: boolean;
    contactedVia?: string; by?: string; how?: string;
    rootCause?: string; rootCauseNote?: string | null; action?: string; owner?: string;
    noCompensation?: string | null; delivered?: string[];
  };
  note: { body: string };
  'message-to-customer': { body: string };
  'message-from-customer': { body: string };
  assigned: { assigneeId: string; assigneeName: string; previousAssigneeId: string | null };
  waiting: { reason: string | null };
  resumed: Record<string, never>;
  reopened: { reason: string; by: 'staff' | 'customer'; score?: number };
  /** Staff recorded the follow-up answer. */
  'follow-up': Answered;
  /** The customer rated from the tracking page. */
  rated: Answered;
  closed: { outcome: string };
  'compensation-proposed': CompensationData & { awaitingApproval: boolean; overRunningTotal?: boolean };
  'compensation-approved': CompensationData & { withinLimit?: boolean };
  'compensation-rejected': CompensationData & { reason: string | null };
  'compensation-delivered': CompensationData;
  escalated: { escalationId: string; level: number; reason: string; manual: boolean; notified: string[]; target?: string; sent?: number };
  'escalation-acknowledged': { escalationId: string; level: number };
  'sla-warning': { target: string; dueAt: string; notified: number };
  'sla-breach': { target: string; dueAt: string };
  'tracking-link-reissued': Record<string, never>;
}

export type TimelineEventType = keyof EventData;

export type TimelineEvent = { [T in TimelineEventType]: { type: T; data: EventData[T] } }[TimelineEventType];

/** A row whose type this code does not know (or whose data lacks what its type needs): shown, never acted on. */
export interface UnknownEvent {
  type: 'unknown';
  storedType: string;
  data: Record<string, unknown>;
}

export type ParsedEvent = TimelineEvent | UnknownEvent;

/** Builds a typed event. */
export function event<T extends TimelineEventType>(type: T, data: EventData[T]): Extract<TimelineEvent, { type: T }> {
  return { type, data } as Extract<TimelineEvent, { type: T }>;
}

/** Who sees each kind: a property of the kind, so no writer can mislabel one. */
export const VISIBILITY: { [T in TimelineEventType]: Visibility } = {
  created: 'customer',
  'customer-changed': 'internal',
  'stage-completed': 'customer',
  note: 'internal',
  'message-to-customer': 'customer',
  'message-from-customer': 'customer',
  assigned: 'internal',
  waiting: 'internal',
  resumed: 'internal',
  reopened: 'customer',
  'follow-up': 'customer',
  rated: 'customer',
  closed: 'customer',
  'compensation-proposed': 'internal',
  'compensation-approved': 'internal',
  'compensation-rejected': 'internal',
  'compensation-delivered': 'customer',
  escalated: 'internal',
  'escalation-acknowledged': 'internal',
  'sla-warning': 'internal',
  'sla-breach': 'internal',
  'tracking-link-reissued': 'internal',
};

const COMPENSATION_KEYS = ['compensationId', 'kind', 'value'] as const;

/**
 * What each kind's data must hold for readers to rely on it. Fields added later (viaReissuedLink,
 * overRunningTotal, sent…) are optional above, so rows written before them still parse.
 */
const REQUIRED: { [T in TimelineEventType]: readonly (keyof EventData[T])[] } = {
  created: ['channel', 'department', 'category', 'severity'],
  'customer-changed': ['customerId', 'changes'],
  'stage-completed': ['stage'],
  note: ['body'],
  'message-to-customer': ['body'],
  'message-from-customer': ['body'],
  assigned: ['assigneeId'],
  waiting: [],
  resumed: [],
  reopened: [],
  'follow-up': ['score'],
  rated: ['score'],
  closed: ['outcome'],
  'compensation-proposed': COMPENSATION_KEYS,
  'compensation-approved': COMPENSATION_KEYS,
  'compensation-rejected': COMPENSATION_KEYS,
  'compensation-delivered': COMPENSATION_KEYS,
  escalated: ['escalationId', 'level'],
  'escalation-acknowledged': ['escalationId'],
  'sla-warning': ['target'],
  'sla-breach': ['target'],
  'tracking-link-reissued': [],
};

export const EVENT_TYPES = Object.keys(VISIBILITY) as TimelineEventType[];

export function isEventType(type: string): type is TimelineEventType {
  return Object.hasOwn(VISIBILITY, type);
}

/** The one way back from a stored row to a typed event. Tolerates rows this code does not know. */
export function parseEvent(row: { type: string; data: unknown }): ParsedEvent {
  const data = row.data !== null && typeof row.data === 'object' && !Array.isArray(row.data) ? (row.data as Record<string, unknown>) : {};
  if (!isEventType(row.type)) return { type: 'unknown', storedType: row.type, data };
  const missing = (REQUIRED[row.type] as readonly string[]).some((k) => data[k] === undefined || data[k] === null);
  if (missing) return { type: 'unknown', storedType: row.type, data };
  return { type: row.type, data } as TimelineEvent;
}

/** For the `default` of an exhaustive switch: a kind left unhandled is a compile error there. */
export function unhandled(e: never): never {
  throw new Error(`Unhandled timeline event ${JSON.stringify(e)}`);
}
