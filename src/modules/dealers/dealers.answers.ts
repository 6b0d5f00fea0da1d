import { answerSchema, arrayOf, type Answer } from '../../common/openapi/answer-schemas.js';

/** A dealer as the API answers it (one, or each of the list): components/schemas/Dealer. */
const DEALER_ANSWER = {
  schema: answerSchema('Dealer', {
    type: 'object',
    properties: {
      id: { type: 'string', format: 'uuid' },
      name: { type: 'string' },
      country: { type: 'string' },
      timeZone: { type: 'string' },
      language: { type: 'string' },
      currency: { type: 'string' },
      phone: { type: 'string', nullable: true },
      address: { type: 'string', nullable: true },
      calendar: {
        type: 'object',
        properties: {
          weekly: {
            type: 'object',
            properties: {
              mon: { type: 'array', items: { type: 'array', items: { type: 'string' } } },
              tue: { type: 'array', items: { type: 'array', items: { type: 'string' } } },
              wed: { type: 'array', items: { type: 'array', items: { type: 'string' } } },
              thu: { type: 'array', items: { type: 'array', items: { type: 'string' } } },
              fri: { type: 'array', items: { type: 'array', items: { type: 'string' } } },
              sat: { type: 'array', items: { type: 'array', items: { type: 'string' } } },
              sun: { type: 'array', items: { type: 'array', items: { type: 'string' } } }
            },
            required: ['mon']
          },
          holidays: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                date: { type: 'string' },
                intervals: { type: 'array', items: { type: 'array', items: { type: 'string' } } },
                name: { type: 'string' }
              },
              required: ['date', 'intervals', 'name']
            }
          }
        },
        required: ['weekly', 'holidays']
      },
      departments: { type: 'array', items: { type: 'string' } },
      approvalLimits: {
        type: 'object',
        properties: { receptionist: { type: 'integer' }, 'department-manager': { type: 'integer' } },
        required: ['receptionist', 'department-manager']
      }
    },
    required: [
      'id',
      'name',
      'country',
      'timeZone',
      'language',
      'currency',
      'phone',
      'address',
      'calendar',
      'departments',
      'approvalLimits'
    ]
  }),
  example: {
    id: '6458831b-85b2-4d64-928d-5b67f261a622',
    name: 'Autohuis Utrecht',
    country: 'nl',
    timeZone: 'Europe/Amsterdam',
    language: 'nl',
    currency: 'EUR',
    phone: '+31 30 234 56 78',
    address: 'Kanaalweg 8, 3526 KL Utrecht',
    calendar: {
      weekly: {
        mon: [['09:00', '18:00']],
        tue: [['09:00', '18:00']],
        wed: [['09:00', '18:00']],
        thu: [['09:00', '18:00']],
        fri: [['09:00', '17:00']],
        sat: [['11:00', '16:00']],
        sun: [['11:00', '16:00']]
      },
      holidays: [
        { date: '2026-12-24', intervals: [['09:00', '12:00']], name: 'Christmas Eve' },
        { date: '2026-12-25', intervals: [], name: 'Christmas Day' }
      ]
    },
    departments: ['sales', 'service'],
    approvalLimits: { receptionist: 50, 'department-manager': 500 }
  }
} satisfies Answer;

/**
 * What the routes of dealers.controller.ts answer (the contract test checks every answer of the suite against them:
 * test/e2e/api-contract.e2e-spec.ts).
 */
export const DEALERS_ANSWERS = {
  dealer: DEALER_ANSWER,
  list: {
    schema: arrayOf(DEALER_ANSWER.schema),
    example: [
      DEALER_ANSWER.example,
      {
        id: '3b7e14f3-e4da-434e-8fb0-9d1d4d79c1c8',
        name: 'Fjord Bil Oslo',
        country: 'no',
        timeZone: 'Europe/Oslo',
        language: 'nb',
        currency: 'NOK',
        phone: '+47 22 12 34 56',
        address: 'Drammensveien 130, 0277 Oslo',
        calendar: {
          weekly: {
            mon: [['08:00', '17:00']],
            tue: [['08:00', '17:00']],
            wed: [['08:00', '17:00']],
            thu: [['08:00', '19:00']],
            fri: [['08:00', '16:00']],
            sat: [['10:00', '15:00']]
          },
          holidays: [
            { date: '2026-12-24', intervals: [['09:00', '12:00']], name: 'Christmas Eve' },
            { date: '2026-12-25', intervals: [], name: 'Christmas Day' }
          ]
        },
        departments: ['sales', 'service'],
        approvalLimits: { receptionist: 50, 'department-manager': 500 }
      }
    ]
  }
} satisfies Record<string, Answer>;
