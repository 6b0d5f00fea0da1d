import { answerSchema, arrayOf, type Answer } from '../../common/openapi/answer-schemas.js';

/** A contact of a loyalty journey as the API shows it: components/schemas/Contact. */
export const CONTACT_SCHEMA = answerSchema('Contact', {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    journeyId: { type: 'string', format: 'uuid' },
    ticketRef: { type: 'string' },
    dealerId: { type: 'string', format: 'uuid' },
    department: { type: 'string' },
    customer: {
      type: 'object',
      properties: {
        id: { type: 'string', format: 'uuid' },
        name: { type: 'string' },
        email: { type: 'string', nullable: true },
        phone: { type: 'string', nullable: true },
        language: { type: 'string' }
      },
      required: ['id', 'name', 'email', 'phone', 'language']
    },
    kind: { type: 'string' },
    purpose: { type: 'string' },
    step: { type: 'integer' },
    lastCall: { type: 'boolean' },
    dueAt: { type: 'string', format: 'date-time' },
    overdueAt: { type: 'string', format: 'date-time' },
    status: { type: 'string' },
    paused: { type: 'boolean' },
    attempts: { type: 'integer' },
    outcome: { type: 'string', nullable: true },
    note: { type: 'string', nullable: true },
    stillCustomer: { type: 'boolean', nullable: true },
    doneAt: { type: 'string', format: 'date-time', nullable: true },
    newTicketRef: { type: 'string', nullable: true }
  },
  required: [
    'id',
    'journeyId',
    'ticketRef',
    'dealerId',
    'department',
    'customer',
    'kind',
    'purpose',
    'step',
    'lastCall',
    'dueAt',
    'overdueAt',
    'status',
    'paused',
    'attempts',
    'outcome',
    'note',
    'stillCustomer',
    'doneAt',
    'newTicketRef'
  ]
});

/**
 * What the routes of contacts.controller.ts answer, as OpenAPI schemas with an example each (the contract test
 * checks every answer of the suite against them: test/e2e/api-contract.e2e-spec.ts).
 */
export const CONTACTS_ANSWERS = {
  cadence: {
    schema: answerSchema('ContactCadence', {
      type: 'object',
      properties: {
        dealerId: { type: 'string', format: 'uuid' },
        steps: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              afterBusinessDays: { type: 'integer' },
              kind: { type: 'string' },
              department: { type: 'string' },
              purpose: { type: 'string' },
              afterMonths: { type: 'integer' }
            },
            required: ['kind', 'department', 'purpose']
          }
        },
        isDefault: { type: 'boolean' }
      },
      required: ['dealerId', 'steps', 'isDefault']
    }),
    example: {
      dealerId: '6458831b-85b2-4d64-928d-5b67f261a622',
      steps: [
        {
          afterBusinessDays: 2,
          kind: 'call',
          department: 'sales',
          purpose: 'Check the put-right held and the customer is content'
        },
        { afterMonths: 6, kind: 'message', department: 'sales', purpose: 'We are here if anything comes up' }
      ],
      isDefault: true
    }
  },
  list: {
    schema: arrayOf(CONTACT_SCHEMA),
    example: [
      {
        id: 'e5595d19-ad1d-4d71-942e-a0a8e05faf64',
        journeyId: '0c1220f1-f2c6-4a4b-8e42-a90fc75bc641',
        ticketRef: 'AM-2026-000076',
        dealerId: '6458831b-85b2-4d64-928d-5b67f261a622',
        department: 'sales',
        customer: {
          id: '96ba04f4-6412-4a5c-bd2d-e7995a6868e7',
          name: 'Leak-nl-70',
          email: 'leak70@example.com',
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
        id: '81af3be2-09c4-4209-8bf5-358d382dcbb7',
        journeyId: '0c1220f1-f2c6-4a4b-8e42-a90fc75bc641',
        ticketRef: 'AM-2026-000076',
        dealerId: '6458831b-85b2-4d64-928d-5b67f261a622',
        department: 'sales',
        customer: {
          id: '96ba04f4-6412-4a5c-bd2d-e7995a6868e7',
          name: 'Leak-nl-70',
          email: 'leak70@example.com',
          phone: null,
          language: 'nl'
        },
        kind: 'message',
        purpose: 'Here for you',
        step: 2,
        lastCall: false,
        dueAt: '2027-05-30T13:07:44.984Z',
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
    ]
  },
  figures: {
    schema: {
      type: 'object',
      properties: {
        loyaltyKept: { type: 'number', nullable: true },
        lastCallsAnswered: { type: 'integer' },
        stillCustomers: { type: 'integer' },
        done: { type: 'integer' },
        doneOnTime: { type: 'integer' },
        onTimeShare: { type: 'number', nullable: true },
        overdue: { type: 'integer' }
      },
      required: ['loyaltyKept', 'lastCallsAnswered', 'stillCustomers', 'done', 'doneOnTime', 'onTimeShare', 'overdue']
    },
    example: {
      loyaltyKept: null,
      lastCallsAnswered: 0,
      stillCustomers: 0,
      done: 0,
      doneOnTime: 0,
      onTimeShare: null,
      overdue: 0
    }
  },
  complete: {
    schema: CONTACT_SCHEMA,
    example: {
      id: 'f30370c8-7255-48ba-be13-89cb434e64e8',
      journeyId: 'df943207-c9d9-4207-89af-93e91e964e04',
      ticketRef: 'AM-2026-000078',
      dealerId: '6458831b-85b2-4d64-928d-5b67f261a622',
      department: 'sales',
      customer: {
        id: '8f9fa486-f873-4a16-960f-c8fd55036cf3',
        name: 'Leak-nl-72',
        email: 'leak72@example.com',
        phone: null,
        language: 'nl'
      },
      kind: 'call',
      purpose: 'Check in',
      step: 1,
      lastCall: false,
      dueAt: '2026-12-02T08:00:00.000Z',
      overdueAt: '2026-12-05T10:00:00.000Z',
      status: 'done',
      paused: false,
      attempts: 0,
      outcome: 'reached',
      note: 'Happy',
      stillCustomer: null,
      doneAt: '2026-11-30T14:07:45.647Z',
      newTicketRef: null
    }
  }
} satisfies Record<string, Answer>;
