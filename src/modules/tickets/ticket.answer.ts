import { answerSchema, type Answer } from '../../common/openapi/answer-schemas.js';

/** A ticket as the API answers it (GET /api/tickets/{ref} and every change to it), with an example: components/schemas/Ticket. */
export const TICKET_ANSWER = {
  schema: answerSchema('Ticket', {
    type: 'object',
    properties: {
      id: { type: 'string', format: 'uuid' },
      ref: { type: 'string' },
      dealerId: { type: 'string', format: 'uuid' },
      department: { type: 'string' },
      category: { type: 'string' },
      channel: { type: 'string' },
      severity: { type: 'string' },
      stage: { type: 'string' },
      status: { type: 'string' },
      assigneeId: { type: 'string', format: 'uuid', nullable: true },
      receivedAt: { type: 'string', format: 'date-time' },
      createdAt: { type: 'string', format: 'date-time' },
      updatedAt: { type: 'string', format: 'date-time' },
      escalationLevel: { type: 'integer' },
      saleAtRisk: { type: 'object', nullable: true, additionalProperties: true },
      sla: {
        type: 'object',
        properties: {
          state: { type: 'string' },
          nextDue: { type: 'string', format: 'date-time' },
          businessMinutesLeft: { type: 'integer', nullable: true },
          timers: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                target: { type: 'string' },
                dueAt: { type: 'string', format: 'date-time' },
                metAt: { type: 'string', format: 'date-time', nullable: true },
                breachedAt: { type: 'string', format: 'date-time', nullable: true },
                state: { type: 'string' }
              },
              required: ['target', 'dueAt', 'metAt', 'breachedAt', 'state']
            }
          }
        },
        required: ['state', 'nextDue', 'businessMinutesLeft', 'timers']
      },
      customer: {
        type: 'object',
        properties: {
          id: { type: 'string', format: 'uuid' },
          name: { type: 'string' },
          email: { type: 'string', nullable: true },
          phone: { type: 'string', nullable: true },
          language: { type: 'string' },
          consent: { type: 'boolean' },
          style: { type: 'string', nullable: true }
        },
        required: ['id', 'name', 'email', 'phone', 'language', 'consent', 'style']
      },
      account: { type: 'string' },
      desiredOutcome: { type: 'string', nullable: true },
      outcome: { type: 'string', nullable: true },
      closedAt: { type: 'string', format: 'date-time', nullable: true },
      vehicle: { type: 'object', nullable: true, additionalProperties: true },
      relatedByVehicle: { type: 'array', items: {} },
      compensations: { type: 'array', items: {} },
      timeline: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            id: { type: 'integer' },
            type: { type: 'string' },
            at: { type: 'string', format: 'date-time' },
            actor: {
              type: 'object',
              properties: {
                type: { type: 'string' },
                id: { type: 'string', format: 'uuid' },
                name: { type: 'string' }
              },
              required: ['type', 'id', 'name']
            },
            visibility: { type: 'string' },
            data: {
              type: 'object',
              properties: {
                channel: { type: 'string' },
                department: { type: 'string' },
                category: { type: 'string' },
                severity: { type: 'string' },
                saleAtRisk: { type: 'boolean' },
                stage: { type: 'string' },
                contactedVia: { type: 'string' },
                body: { type: 'string' },
                assigneeId: { type: 'string', format: 'uuid' },
                assigneeName: { type: 'string' },
                previousAssigneeId: { type: 'string', format: 'uuid', nullable: true },
                customerId: { type: 'string', format: 'uuid' },
                via: { type: 'string' },
                changes: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      field: { type: 'string' },
                      from: { type: 'string', nullable: true },
                      to: { type: 'string' }
                    },
                    required: ['field', 'from', 'to']
                  }
                },
                reason: { type: 'string', nullable: true },
                by: { type: 'string' },
                how: { type: 'string' },
                rootCause: { type: 'string' },
                rootCauseNote: { type: 'string', nullable: true },
                action: { type: 'string' },
                owner: { type: 'string' },
                noCompensation: { type: 'string' },
                delivered: { type: 'array', items: {} },
                escalationId: { type: 'string', format: 'uuid' },
                level: { type: 'integer' },
                manual: { type: 'boolean' },
                notified: { type: 'array', items: { type: 'string' } }
              }
            }
          },
          required: ['id', 'type', 'at', 'actor', 'visibility', 'data']
        }
      }
    },
    required: [
      'id',
      'ref',
      'dealerId',
      'department',
      'category',
      'channel',
      'severity',
      'stage',
      'status',
      'assigneeId',
      'receivedAt',
      'createdAt',
      'updatedAt',
      'escalationLevel',
      'saleAtRisk',
      'sla',
      'customer',
      'account',
      'desiredOutcome',
      'outcome',
      'closedAt',
      'vehicle',
      'relatedByVehicle',
      'compensations',
      'timeline'
    ]
  }),
  example: {
    id: '04f80331-3417-41bf-b2be-489dcd941be9',
    ref: 'AM-2026-000009',
    dealerId: '6458831b-85b2-4d64-928d-5b67f261a622',
    department: 'service',
    category: 'workmanship',
    channel: 'phone',
    severity: 'medium',
    stage: 'listen',
    status: 'open',
    assigneeId: null,
    receivedAt: '2026-11-30T14:07:40.666Z',
    createdAt: '2026-11-30T14:07:40.666Z',
    updatedAt: '2026-11-30T14:07:40.666Z',
    escalationLevel: 0,
    saleAtRisk: null,
    sla: {
      state: 'on-track',
      nextDue: '2026-12-01T09:07:40.666Z',
      businessMinutesLeft: 240,
      timers: [
        { target: 'listen', dueAt: '2026-12-01T09:07:40.666Z', metAt: null, breachedAt: null, state: 'on-track' },
        { target: 'apologise', dueAt: '2026-12-01T13:07:40.666Z', metAt: null, breachedAt: null, state: 'on-track' }
      ]
    },
    customer: {
      id: 'ee878a0f-f935-4f5f-9639-cb39f310b643',
      name: 'Leak-nl-4',
      email: 'leak4@example.com',
      phone: null,
      language: 'nl',
      consent: true,
      style: null
    },
    account: 'The noise is still there after the repair.',
    desiredOutcome: null,
    outcome: null,
    closedAt: null,
    vehicle: null,
    relatedByVehicle: [],
    compensations: [],
    timeline: [
      {
        id: 15,
        type: 'created',
        at: '2026-11-30T14:07:40.666Z',
        actor: { type: 'user', id: 'd451d634-78d6-48cb-a025-5464db80a52a', name: 'Ada Admin' },
        visibility: 'customer',
        data: {
          channel: 'phone',
          department: 'service',
          category: 'workmanship',
          severity: 'medium',
          saleAtRisk: false
        }
      }
    ]
  }
} satisfies Answer;

/** A customer's tracking link (given at intake, and when staff reissue it): components/schemas/TrackingLink. */
export const TRACKING_LINK_SCHEMA = answerSchema('TrackingLink', { type: 'object', properties: { trackingUrl: { type: 'string' } }, required: ['trackingUrl'] });
