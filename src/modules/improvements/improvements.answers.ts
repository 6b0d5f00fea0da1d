import { answerSchema, arrayOf, type Answer } from '../../common/openapi/answer-schemas.js';

/** An improvement as listed: components/schemas/ImprovementSummary. */
const IMPROVEMENT_SUMMARY = answerSchema('ImprovementSummary', {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    title: { type: 'string' },
    dealerId: { type: 'string', format: 'uuid' },
    dealerName: { type: 'string' },
    department: { type: 'string' },
    rootCause: { type: 'string' },
    ownerId: { type: 'string', format: 'uuid' },
    ownerName: { type: 'string' },
    dueDate: { type: 'string' },
    status: { type: 'string' },
    overdue: { type: 'boolean' },
    dropReason: { type: 'string', nullable: true },
    doneAt: { type: 'string', format: 'date-time', nullable: true },
    createdAt: { type: 'string', format: 'date-time' }
  },
  required: [
    'id',
    'title',
    'dealerId',
    'dealerName',
    'department',
    'rootCause',
    'ownerId',
    'ownerName',
    'dueDate',
    'status',
    'overdue',
    'dropReason',
    'doneAt',
    'createdAt'
  ]
});

/** An improvement with its tickets, history, effect and next moves: components/schemas/Improvement. */
const IMPROVEMENT = answerSchema('Improvement', {
  allOf: [
    IMPROVEMENT_SUMMARY,
    {
      type: 'object',
      properties: {
        tickets: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              ref: { type: 'string' },
              dealerId: { type: 'string', format: 'uuid' },
              department: { type: 'string' },
              rootCause: { type: 'string', nullable: true },
              status: { type: 'string' },
              stage: { type: 'string' }
            },
            required: ['ref', 'dealerId', 'department', 'rootCause', 'status', 'stage']
          }
        },
        history: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              type: { type: 'string' },
              at: { type: 'string', format: 'date-time' },
              actorName: { type: 'string' },
              data: {
                type: 'object',
                properties: {
                  status: { type: 'string' },
                  tickets: { type: 'array', items: { type: 'string' } },
                  from: { type: 'string' },
                  to: { type: 'string' },
                  note: { type: 'string', nullable: true }
                }
              }
            },
            required: ['type', 'at', 'actorName', 'data']
          }
        },
        effect: { type: 'object', nullable: true, additionalProperties: true },
        moves: { type: 'array', items: { type: 'string' } },
        verifiableFrom: { type: 'string', nullable: true }
      },
      required: ['tickets', 'history', 'effect', 'moves', 'verifiableFrom']
    }
  ]
});

/**
 * What the routes of improvements.controller.ts answer, as OpenAPI schemas with an example each (the contract test
 * checks every answer of the suite against them: test/e2e/api-contract.e2e-spec.ts).
 */
export const IMPROVEMENTS_ANSWERS = {
  improvement: {
    schema: IMPROVEMENT,
    example: {
      id: '81cfbea3-d3f2-4910-9aa5-f1ef8c62d614',
      title: 'Matrix improvement',
      dealerId: '6458831b-85b2-4d64-928d-5b67f261a622',
      dealerName: 'Autohuis Utrecht',
      department: 'sales',
      rootCause: 'waiting-time',
      ownerId: '0ee8ccc5-6ff4-49db-97c9-89d79eb9f273',
      ownerName: 'Quinn Quality',
      dueDate: '2027-01-31',
      status: 'proposed',
      overdue: false,
      dropReason: null,
      doneAt: null,
      createdAt: '2026-11-30T14:07:56.756Z',
      tickets: [],
      history: [
        {
          type: 'created',
          at: '2026-11-30T14:07:56.756Z',
          actorName: 'Ada Admin',
          data: { status: 'proposed', tickets: [] }
        }
      ],
      effect: null,
      moves: ['in-progress', 'dropped'],
      verifiableFrom: null
    }
  },
  list: {
    schema: arrayOf(IMPROVEMENT_SUMMARY),
    example: [
      {
        id: '81cfbea3-d3f2-4910-9aa5-f1ef8c62d614',
        title: 'Matrix improvement',
        dealerId: '6458831b-85b2-4d64-928d-5b67f261a622',
        dealerName: 'Autohuis Utrecht',
        department: 'sales',
        rootCause: 'waiting-time',
        ownerId: '0ee8ccc5-6ff4-49db-97c9-89d79eb9f273',
        ownerName: 'Quinn Quality',
        dueDate: '2027-01-31',
        status: 'proposed',
        overdue: false,
        dropReason: null,
        doneAt: null,
        createdAt: '2026-11-30T14:07:56.756Z'
      }
    ]
  },
  suggestions: {
    schema: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          dealerId: { type: 'string', format: 'uuid' },
          department: { type: 'string' },
          rootCause: { type: 'string' },
          tickets: { type: 'integer' },
          ticketRefs: { type: 'array', items: { type: 'string' } }
        },
        required: ['dealerId', 'department', 'rootCause', 'tickets', 'ticketRefs']
      }
    },
    example: [
      {
        dealerId: '6458831b-85b2-4d64-928d-5b67f261a622',
        department: 'service',
        rootCause: 'waiting-time',
        tickets: 3,
        ticketRefs: ['AM-2026-000044', 'AM-2026-000045']
      }
    ]
  }
} satisfies Record<string, Answer>;
