import { answerSchema, arrayOf, type Answer } from '../../common/openapi/answer-schemas.js';

/** A survey as the API answers it (one, or each of the list): components/schemas/Survey. */
const SURVEY_ANSWER = {
  schema: answerSchema('Survey', {
    type: 'object',
    properties: {
      id: { type: 'string', format: 'uuid' },
      name: { type: 'string' },
      kind: { type: 'string' },
      questions: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            id: { type: 'string' },
            text: { type: 'string' },
            area: { type: 'string' },
            weight: { type: 'integer' },
            scaleMax: { type: 'integer' },
            negativeAtOrBelow: { type: 'integer' },
            department: { type: 'string' },
            category: { type: 'string' }
          },
          required: ['id', 'text', 'area', 'weight', 'scaleMax', 'negativeAtOrBelow', 'department', 'category']
        }
      },
      severityBands: { type: 'string', nullable: true },
      signatureRequired: { type: 'boolean' },
      createdAt: { type: 'string', format: 'date-time' }
    },
    required: ['id', 'name', 'kind', 'questions', 'severityBands', 'signatureRequired', 'createdAt']
  }),
  example: {
    id: '10bf2294-419b-40db-96c5-1ea677180edf',
    name: 'Matrix survey',
    kind: 'custom',
    questions: [
      {
        id: 'q',
        text: 'Q',
        area: 'loyalty',
        weight: 1,
        scaleMax: 5,
        negativeAtOrBelow: 1,
        department: 'sales',
        category: 'other'
      }
    ],
    severityBands: null,
    signatureRequired: false,
    createdAt: '2026-11-30T14:07:55.887Z'
  }
} satisfies Answer;

/**
 * What the routes of surveys.controller.ts answer, as OpenAPI schemas with an example each (the contract test
 * checks every answer of the suite against them: test/e2e/api-contract.e2e-spec.ts).
 */
export const SURVEYS_ANSWERS = {
  survey: SURVEY_ANSWER,
  list: {
    schema: arrayOf(SURVEY_ANSWER.schema),
    example: [
      {
        id: '19d49ba8-11dd-4bc1-b436-028a0d67a4cf',
        name: 'Security survey',
        kind: 'custom',
        questions: [
          {
            id: 'q',
            text: 'Q',
            area: 'loyalty',
            weight: 1,
            scaleMax: 5,
            negativeAtOrBelow: 1,
            department: 'sales',
            category: 'other'
          }
        ],
        severityBands: null,
        signatureRequired: false,
        createdAt: '2026-11-30T14:07:36.266Z'
      },
      {
        id: '570025e7-0f20-4f30-982b-97f492854220',
        name: 'After-sales satisfaction',
        kind: 'after-sales',
        questions: [
          {
            id: 'driving',
            text: 'How does the car drive after the visit?',
            area: 'product-driving',
            weight: 40,
            scaleMax: 10,
            negativeAtOrBelow: 4,
            department: 'service',
            category: 'product'
          },
          {
            id: 'reception-wait',
            text: 'Waiting time at reception',
            area: 'workshop-service',
            weight: 20,
            scaleMax: 10,
            negativeAtOrBelow: 4,
            department: 'service',
            category: 'waiting-time'
          }
        ],
        severityBands: null,
        signatureRequired: false,
        createdAt: '2026-11-30T14:07:34.626Z'
      }
    ]
  },
  respond: {
    schema: {
      type: 'object',
      properties: {
        responseId: { type: 'string', format: 'uuid' },
        negative: { type: 'boolean' },
        ticketRef: { type: 'string', nullable: true }
      },
      required: ['responseId', 'negative', 'ticketRef']
    },
    example: { responseId: '14b96fc9-f5c5-4a0d-9a14-74cdcba9c22e', negative: false, ticketRef: null }
  },
  import: {
    schema: {
      type: 'object',
      properties: {
        rows: { type: 'integer' },
        imported: { type: 'integer' },
        duplicates: { type: 'integer' },
        ticketsOpened: { type: 'integer' },
        errors: {
          type: 'array',
          items: {
            type: 'object',
            properties: { row: { type: 'integer' }, message: { type: 'string' } },
            required: ['row', 'message']
          }
        },
        moreErrors: { type: 'integer' }
      },
      required: ['rows', 'imported', 'duplicates', 'ticketsOpened', 'errors', 'moreErrors']
    },
    example: {
      rows: 1,
      imported: 0,
      duplicates: 0,
      ticketsOpened: 0,
      errors: [{ row: 2, message: 'customer.email or phone must be given' }],
      moreErrors: 0
    }
  },
  satisfactionIndex: {
    schema: {
      type: 'object',
      properties: {
        from: { type: 'string', nullable: true },
        to: { type: 'string', nullable: true },
        dealers: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              dealerId: { type: 'string', format: 'uuid' },
              dealerName: { type: 'string' },
              overall: {
                type: 'object',
                properties: { score: { type: 'integer' }, responses: { type: 'integer' } },
                required: ['score', 'responses']
              },
              areas: {
                type: 'object',
                properties: {
                  'dealer-purchase': {
                    type: 'object',
                    properties: { score: { type: 'integer' }, responses: { type: 'integer' } },
                    required: ['score', 'responses']
                  },
                  loyalty: {
                    type: 'object',
                    properties: { score: { type: 'number' }, responses: { type: 'integer' } },
                    required: ['score', 'responses']
                  },
                  'product-driving': {
                    type: 'object',
                    properties: { score: { type: 'integer' }, responses: { type: 'integer' } },
                    required: ['score', 'responses']
                  },
                  'workshop-service': {
                    type: 'object',
                    properties: { score: { type: 'integer' }, responses: { type: 'integer' } },
                    required: ['score', 'responses']
                  }
                },
                required: ['dealer-purchase', 'loyalty', 'product-driving', 'workshop-service']
              }
            },
            required: ['dealerId', 'dealerName', 'overall', 'areas']
          }
        }
      },
      required: ['from', 'to', 'dealers']
    },
    example: {
      from: null,
      to: null,
      dealers: [
        {
          dealerId: '6458831b-85b2-4d64-928d-5b67f261a622',
          dealerName: 'Autohuis Utrecht',
          overall: { score: 77, responses: 3 },
          areas: {
            'dealer-purchase': { score: 80, responses: 2 },
            loyalty: { score: 75.1, responses: 3 },
            'product-driving': { score: 90, responses: 2 },
            'workshop-service': { score: 50, responses: 2 }
          }
        }
      ]
    }
  }
} satisfies Record<string, Answer>;
