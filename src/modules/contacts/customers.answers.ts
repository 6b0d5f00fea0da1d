import { arrayOf, type Answer } from '../../common/openapi/answer-schemas.js';
import { CONTACT_SCHEMA } from './contacts.answers.js';

/**
 * What the routes of customers.controller.ts answer, as OpenAPI schemas with an example each (the contract test
 * checks every answer of the suite against them: test/e2e/api-contract.e2e-spec.ts).
 */
export const CUSTOMERS_ANSWERS = {
  lookup: {
    schema: {
      type: 'object',
      properties: {
        customerId: { type: 'string', format: 'uuid' },
        name: { type: 'string' },
        tickets: { type: 'integer' },
        open: { type: 'integer' },
        url: { type: 'string' }
      },
      required: ['customerId', 'name', 'tickets', 'open', 'url']
    },
    example: { customerId: '9b2f4c1e-5d6a-4e8b-9c0d-1a2b3c4d5e6f', name: 'Noor Zonder', tickets: 2, open: 1, url: '/customers/9b2f4c1e-5d6a-4e8b-9c0d-1a2b3c4d5e6f' }
  },
  get: {
    schema: {
      type: 'object',
      properties: {
        customer: {
          type: 'object',
          properties: {
            id: { type: 'string', format: 'uuid' },
            dealerId: { type: 'string', format: 'uuid' },
            name: { type: 'string' },
            email: { type: 'string' },
            phone: { type: 'string', nullable: true },
            language: { type: 'string' },
            consent: { type: 'boolean' },
            style: { type: 'string', nullable: true },
            styleAdvice: { type: 'array', items: {} }
          },
          required: ['id', 'dealerId', 'name', 'email', 'phone', 'language', 'consent', 'style', 'styleAdvice']
        },
        tickets: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              ref: { type: 'string' },
              department: { type: 'string' },
              category: { type: 'string' },
              stage: { type: 'string' },
              status: { type: 'string' },
              outcome: { type: 'string' },
              rootCause: { type: 'string' },
              followUpScore: { type: 'integer' },
              receivedAt: { type: 'string', format: 'date-time' },
              closedAt: { type: 'string', format: 'date-time' }
            },
            required: [
              'ref',
              'department',
              'category',
              'stage',
              'status',
              'outcome',
              'rootCause',
              'followUpScore',
              'receivedAt',
              'closedAt'
            ]
          }
        },
        contacts: arrayOf(CONTACT_SCHEMA),
        surveyAnswers: { type: 'array', items: {} },
        saleAtRisk: { type: 'array', items: {} }
      },
      required: ['customer', 'tickets', 'contacts', 'surveyAnswers', 'saleAtRisk']
    },
    example: {
      customer: {
        id: 'f665148c-76a8-461b-90ca-eeb6ba526808',
        dealerId: '6458831b-85b2-4d64-928d-5b67f261a622',
        name: 'Leak-nl-78',
        email: 'leak78@example.com',
        phone: null,
        language: 'nl',
        consent: true,
        style: null,
        styleAdvice: []
      },
      tickets: [
        {
          ref: 'AM-2026-000084',
          department: 'sales',
          category: 'workmanship',
          stage: 'closed',
          status: 'closed',
          outcome: 'retained',
          rootCause: 'waiting-time',
          followUpScore: 5,
          receivedAt: '2026-11-30T14:07:45.996Z',
          closedAt: '2026-11-30T14:07:46.050Z'
        }
      ],
      contacts: [
        {
          id: '81a8dc9c-1663-4f94-805b-c431a4e0a0ef',
          journeyId: '13186167-d8dc-4b9b-9639-5ff5c0f76d4e',
          ticketRef: 'AM-2026-000084',
          dealerId: '6458831b-85b2-4d64-928d-5b67f261a622',
          department: 'sales',
          customer: {
            id: 'f665148c-76a8-461b-90ca-eeb6ba526808',
            name: 'Leak-nl-78',
            email: 'leak78@example.com',
            phone: null,
            language: 'nl'
          },
          kind: 'call',
          purpose: 'Check in',
          step: 1,
          lastCall: false,
          dueAt: '2026-12-02T08:00:00.000Z',
          overdueAt: '2026-12-05T10:00:00.000Z',
          status: 'scheduled',
          paused: false,
          attempts: 0,
          outcome: null,
          note: null,
          stillCustomer: null,
          doneAt: null,
          newTicketRef: null
        },
        {
          id: 'fa0833f5-c60d-4ce8-82f9-070be559885c',
          journeyId: '13186167-d8dc-4b9b-9639-5ff5c0f76d4e',
          ticketRef: 'AM-2026-000084',
          dealerId: '6458831b-85b2-4d64-928d-5b67f261a622',
          department: 'sales',
          customer: {
            id: 'f665148c-76a8-461b-90ca-eeb6ba526808',
            name: 'Leak-nl-78',
            email: 'leak78@example.com',
            phone: null,
            language: 'nl'
          },
          kind: 'message',
          purpose: 'Here for you',
          step: 2,
          lastCall: false,
          dueAt: '2027-05-30T13:07:46.050Z',
          overdueAt: '2027-06-02T07:00:00.000Z',
          status: 'scheduled',
          paused: false,
          attempts: 0,
          outcome: null,
          note: null,
          stillCustomer: null,
          doneAt: null,
          newTicketRef: null
        }
      ],
      surveyAnswers: [],
      saleAtRisk: []
    }
  }
} satisfies Record<string, Answer>;
