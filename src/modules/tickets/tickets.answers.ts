import { answerSchema, type Answer } from '../../common/openapi/answer-schemas.js';
import { TICKET_ANSWER, TRACKING_LINK_SCHEMA } from './ticket.answer.js';

/**
 * What the routes of tickets.controller.ts answer, as OpenAPI schemas with an example each (the contract test
 * checks every answer of the suite against them: test/e2e/api-contract.e2e-spec.ts).
 */
export const TICKETS_ANSWERS = {
  ticket: TICKET_ANSWER,
  compensation: {
    schema: answerSchema('Compensation', {
      type: 'object',
      properties: {
        id: { type: 'string', format: 'uuid' },
        kind: { type: 'string' },
        value: {
          type: 'object',
          properties: { amount: { type: 'integer' }, currency: { type: 'string' } },
          required: ['amount', 'currency']
        },
        state: { type: 'string' },
        note: { type: 'string', nullable: true },
        proposedById: { type: 'string', format: 'uuid' },
        decidedById: { type: 'string', format: 'uuid' },
        approvedByRole: { type: 'string', nullable: true },
        decidedAt: { type: 'string', format: 'date-time' },
        deliveredAt: { type: 'string', format: 'date-time', nullable: true },
        createdAt: { type: 'string', format: 'date-time' }
      },
      required: [
        'id',
        'kind',
        'value',
        'state',
        'note',
        'proposedById',
        'decidedById',
        'approvedByRole',
        'decidedAt',
        'deliveredAt',
        'createdAt'
      ]
    }),
    example: {
      id: '0a7e747c-9da0-4197-8c98-394c4bc90866',
      kind: 'gift',
      value: { amount: 5, currency: 'EUR' },
      state: 'approved',
      note: null,
      proposedById: 'd451d634-78d6-48cb-a025-5464db80a52a',
      decidedById: 'd451d634-78d6-48cb-a025-5464db80a52a',
      approvedByRole: 'admin',
      decidedAt: '2026-11-30T14:07:42.364Z',
      deliveredAt: null,
      createdAt: '2026-11-30T14:07:42.364Z'
    }
  },
  list: {
    schema: {
      type: 'object',
      properties: {
        items: {
          type: 'array',
          items: {
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
              saleAtRisk: {
                type: 'object',
                properties: {
                  model: { type: 'string' },
                  value: {
                    type: 'object',
                    properties: { amount: { type: 'integer' }, currency: { type: 'string' } },
                    required: ['amount', 'currency']
                  }
                },
                required: ['model', 'value'],
                nullable: true
              },
              sla: {
                type: 'object',
                properties: {
                  state: { type: 'string' },
                  nextDue: { type: 'string', format: 'date-time' },
                  businessMinutesLeft: { type: 'integer' }
                },
                required: ['state', 'nextDue', 'businessMinutesLeft']
              },
              customer: {
                type: 'object',
                properties: { id: { type: 'string', format: 'uuid' }, name: { type: 'string' } },
                required: ['id', 'name']
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
              'customer'
            ]
          }
        },
        nextCursor: { type: 'string', nullable: true }
      },
      required: ['items', 'nextCursor']
    },
    example: {
      items: [
        {
          id: 'bb3b79fe-72b1-4d22-912c-a77441622c74',
          ref: 'AM-2026-000005',
          dealerId: '6458831b-85b2-4d64-928d-5b67f261a622',
          department: 'service',
          category: 'waiting-time',
          channel: 'survey',
          severity: 'high',
          stage: 'listen',
          status: 'open',
          assigneeId: null,
          receivedAt: '2026-11-29T14:07:30.508Z',
          createdAt: '2026-11-30T14:07:34.912Z',
          updatedAt: '2026-11-30T14:07:34.912Z',
          escalationLevel: 0,
          saleAtRisk: null,
          sla: { state: 'breached', nextDue: '2026-11-30T09:07:30.508Z', businessMinutesLeft: -300 },
          customer: { id: 'f20e903b-7d02-449b-879d-50c0215e2d53', name: 'Survey respondent NL 1' }
        },
        {
          id: 'de2baa21-1b75-492e-bcfc-219d72c9ca11',
          ref: 'AM-2026-000004',
          dealerId: '6458831b-85b2-4d64-928d-5b67f261a622',
          department: 'service',
          category: 'communication',
          channel: 'letter',
          severity: 'critical',
          stage: 'fix',
          status: 'open',
          assigneeId: null,
          receivedAt: '2026-11-30T09:07:30.508Z',
          createdAt: '2026-11-30T14:07:34.845Z',
          updatedAt: '2026-11-30T14:07:34.845Z',
          escalationLevel: 0,
          saleAtRisk: null,
          sla: { state: 'on-track', nextDue: '2026-12-01T08:07:30.508Z', businessMinutesLeft: 180 },
          customer: { id: 'a266d603-0169-4554-9b32-6c5fad3572c4', name: 'Joost van Dijk' }
        }
      ],
      nextCursor: null
    }
  },
  create: {
    // The ticket, and the customer's tracking link (shown once, at intake).
    schema: { allOf: [TICKET_ANSWER.schema, TRACKING_LINK_SCHEMA] },
    example: {
      id: 'c3d2a232-db86-4c61-b0b5-1abf5ed25c33',
      ref: 'AM-2026-000015',
      dealerId: '6458831b-85b2-4d64-928d-5b67f261a622',
      department: 'service',
      category: 'workmanship',
      channel: 'phone',
      severity: 'medium',
      stage: 'listen',
      status: 'open',
      assigneeId: null,
      receivedAt: '2026-11-30T14:07:40.844Z',
      createdAt: '2026-11-30T14:07:40.844Z',
      updatedAt: '2026-11-30T14:07:40.844Z',
      escalationLevel: 0,
      saleAtRisk: null,
      sla: {
        state: 'on-track',
        nextDue: '2026-12-01T09:07:40.844Z',
        businessMinutesLeft: 240,
        timers: [
          { target: 'listen', dueAt: '2026-12-01T09:07:40.844Z', metAt: null, breachedAt: null, state: 'on-track' },
          { target: 'apologise', dueAt: '2026-12-01T13:07:40.844Z', metAt: null, breachedAt: null, state: 'on-track' }
        ]
      },
      customer: {
        id: '2ae835fc-3854-4871-afde-aa720b1fff07',
        name: 'Matrix Person',
        email: null,
        phone: '+4712345678',
        language: 'nl',
        consent: true,
        style: null
      },
      account: 'Noise',
      desiredOutcome: null,
      outcome: null,
      closedAt: null,
      vehicle: null,
      relatedByVehicle: [],
      compensations: [],
      timeline: [
        {
          id: 21,
          type: 'created',
          at: '2026-11-30T14:07:40.844Z',
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
      ],
      trackingUrl: 'http://127.0.0.1:35841/track/P-pm25H7As3N6klWlXhZSn0al-eNuS7o9y-253HvV3I'
    }
  },
  assignMany: {
    schema: {
      type: 'object',
      properties: { assigned: { type: 'array', items: { type: 'string' } } },
      required: ['assigned']
    },
    example: { assigned: ['AM-2026-000016'] }
  }
} satisfies Record<string, Answer>;
