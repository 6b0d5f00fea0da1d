import { describe, expect, it } from 'vitest';
import { eventKey } from '../tracking/customer-words.js';
import { customerMailOf } from './customers/customer-mail.js';
import { EVENT_TYPES, event, parseEvent, VISIBILITY, type TimelineEvent, type TimelineEventType } from './timeline-events.js';

const money = { amount: 50, currency: 'EUR' };
const comp = { compensationId: 'c1', kind: 'fuel', value: money, note: null };
const answered = { stage: 'follow-up' as const, score: 5, comment: null, via: 'phone', recovered: true };

/** One event of every kind, as its writer builds it. A new kind fails to compile here until it has a sample. */
const SAMPLES: { [T in TimelineEventType]: Extract<TimelineEvent, { type: T }> } = {
  created: event('created', { channel: 'walk-in', department: 'sales', category: 'delivery', severity: 'medium', saleAtRisk: false }),
  'customer-changed': event('customer-changed', { customerId: 'u1', via: 'staff', changes: [{ field: 'email', from: 'a@x.no', to: 'b@x.no' }] }),
  'stage-completed': event('stage-completed', { stage: 'listen', contactedVia: 'phone' }),
  note: event('note', { body: 'called back' }),
  'message-to-customer': event('message-to-customer', { body: 'Hello' }),
  'message-from-customer': event('message-from-customer', { body: 'Hi' }),
  assigned: event('assigned', { assigneeId: 'u2', assigneeName: 'Kari', previousAssigneeId: null }),
  waiting: event('waiting', { reason: null }),
  resumed: event('resumed', {}),
  reopened: event('reopened', { reason: 'Follow-up answered 1/5', by: 'customer', score: 1 }),
  'follow-up': event('follow-up', answered),
  rated: event('rated', { ...answered, viaReissuedLink: false }),
  closed: event('closed', { outcome: 'resolved' }),
  'compensation-proposed': event('compensation-proposed', { ...comp, awaitingApproval: true }),
  'compensation-approved': event('compensation-approved', { ...comp, withinLimit: true }),
  'compensation-rejected': event('compensation-rejected', { ...comp, reason: 'too much' }),
  'compensation-delivered': event('compensation-delivered', comp),
  escalated: event('escalated', { escalationId: 'e1', level: 1, reason: 'late', manual: false, notified: ['m@x.no'] }),
  'escalation-acknowledged': event('escalation-acknowledged', { escalationId: 'e1', level: 1 }),
  'sla-warning': event('sla-warning', { target: 'fix', dueAt: '2026-11-30T10:00:00.000Z', notified: 1 }),
  'sla-breach': event('sla-breach', { target: 'fix', dueAt: '2026-11-30T10:00:00.000Z' }),
  'tracking-link-reissued': event('tracking-link-reissued', {}),
};

/** As the database gives a row back: its data through JSON. */
const stored = (e: TimelineEvent) => ({ type: e.type as string, data: JSON.parse(JSON.stringify(e.data)) as unknown });

describe('timeline events', () => {
  it('has a sample and a visibility for every kind, and no more', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...EVENT_TYPES].sort());
    expect(EVENT_TYPES).toHaveLength(22);
  });

  it.each(EVENT_TYPES)('%s round-trips through the parser', (type) => {
    const e = SAMPLES[type];
    expect(parseEvent(stored(e))).toEqual(e);
  });

  it('reads a row of a kind it does not know as unknown, keeping what was stored, and shows it as a plain update', () => {
    const parsed = parseEvent({ type: 'merged-into', data: { into: 'AB-1' } });
    expect(parsed).toEqual({ type: 'unknown', storedType: 'merged-into', data: { into: 'AB-1' } });
    expect(eventKey(parsed)).toBe('events.updated');
  });

  it('reads a known kind whose data lacks what readers rely on as unknown, not as a crash later', () => {
    expect(parseEvent({ type: 'escalated', data: { level: 2 } })).toMatchObject({ type: 'unknown', storedType: 'escalated' });
    expect(parseEvent({ type: 'note', data: null })).toEqual({ type: 'unknown', storedType: 'note', data: {} });
    expect(parseEvent({ type: 'message-to-customer', data: ['x'] })).toMatchObject({ type: 'unknown' });
  });

  it('tolerates old rows without the fields added later', () => {
    const old = { type: 'rated', data: { stage: 'follow-up', score: 2, comment: null, via: 'tracking-link', recovered: false } };
    expect(parseEvent(old)).toEqual(old);
    expect(parseEvent({ type: 'resumed', data: {} })).toEqual({ type: 'resumed', data: {} });
  });

  it('mails the customer for exactly a message to them and a reopen', () => {
    const mailed = EVENT_TYPES.filter((t) => customerMailOf(SAMPLES[t]));
    expect(mailed.sort()).toEqual(['message-to-customer', 'reopened']);
    expect(customerMailOf(SAMPLES['message-to-customer'])).toEqual({ mail: 'message', extra: { message: 'Hello' } });
  });

  it('gives the customer words for the kinds they see', () => {
    const customerSide = EVENT_TYPES.filter((t) => VISIBILITY[t] === 'customer');
    for (const t of customerSide) expect(eventKey(SAMPLES[t]), t).not.toBe('events.updated');
    expect(eventKey(event('stage-completed', { stage: 'fix' }))).toBe('events.fixed');
  });
});
