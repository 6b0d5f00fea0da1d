import { answerSchema, arrayOf, type Answer } from '../../common/openapi/answer-schemas.js';

/** A staff user as the API answers it (one, or each of the list): components/schemas/User. */
const USER_ANSWER = {
  schema: answerSchema('User', {
    type: 'object',
    properties: {
      id: { type: 'string', format: 'uuid' },
      name: { type: 'string' },
      email: { type: 'string' },
      role: { type: 'string' },
      dealerId: { type: 'string', format: 'uuid', nullable: true },
      department: { type: 'string', nullable: true },
      language: { type: 'string' },
      active: { type: 'boolean' },
      mustChangePassword: { type: 'boolean' }
    },
    required: ['id', 'name', 'email', 'role', 'dealerId', 'department', 'language', 'active', 'mustChangePassword']
  }),
  example: {
    id: '441a1866-89e5-4960-a0c7-44947d34ff51',
    name: 'New',
    email: 'new11@demo.test',
    role: 'receptionist',
    dealerId: '6458831b-85b2-4d64-928d-5b67f261a622',
    department: null,
    language: 'nl',
    active: true,
    mustChangePassword: false
  }
} satisfies Answer;

/** An API key as listed (never the key itself): components/schemas/ApiKey. */
const API_KEY = answerSchema('ApiKey', {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    userId: { type: 'string', format: 'uuid' },
    name: { type: 'string' },
    prefix: { type: 'string' },
    scopes: { type: 'array', items: {} },
    createdAt: { type: 'string', format: 'date-time' },
    lastUsedAt: { type: 'string', format: 'date-time', nullable: true },
    revokedAt: { type: 'string', format: 'date-time', nullable: true }
  },
  required: ['id', 'userId', 'name', 'prefix', 'scopes', 'createdAt', 'lastUsedAt', 'revokedAt']
});

/**
 * What the routes of users.controller.ts answer, as OpenAPI schemas with an example each (the contract test
 * checks every answer of the suite against them: test/e2e/api-contract.e2e-spec.ts).
 */
export const USERS_ANSWERS = {
  user: USER_ANSWER,
  list: {
    schema: arrayOf(USER_ANSWER.schema),
    example: [
      {
        id: 'd451d634-78d6-48cb-a025-5464db80a52a',
        name: 'Ada Admin',
        email: 'admin@demo.test',
        role: 'admin',
        dealerId: null,
        department: null,
        language: 'en',
        active: true,
        mustChangePassword: false
      },
      {
        id: '7d72edcf-0f78-4cb1-a3a5-f160e8c43198',
        name: 'Anouk Jansen',
        email: 'reception.nl@demo.test',
        role: 'receptionist',
        dealerId: '6458831b-85b2-4d64-928d-5b67f261a622',
        department: 'reception',
        language: 'nl',
        active: true,
        mustChangePassword: false
      }
    ]
  },
  listKeys: {
    schema: arrayOf(API_KEY),
    example: [
      {
        id: '612933e1-fe95-48bf-b5c6-dfe02aaa5e33',
        userId: '68921a05-2724-43d6-9084-c594c348bf5b',
        name: 'security suite',
        prefix: 'amk_bdCKlO75',
        scopes: [],
        createdAt: '2026-11-30T14:07:36.270Z',
        lastUsedAt: null,
        revokedAt: null
      }
    ]
  },
  createKey: {
    // The key itself, shown this once.
    schema: { allOf: [API_KEY, { type: 'object', properties: { key: { type: 'string' } }, required: ['key'] }] },
    example: {
      id: '45684d25-2996-4fed-b598-a5ff99944850',
      userId: '68921a05-2724-43d6-9084-c594c348bf5b',
      name: 'k',
      prefix: 'amk_FHygFkEy',
      scopes: [],
      createdAt: '2026-11-30T14:07:55.627Z',
      lastUsedAt: null,
      revokedAt: null,
      key: 'amk_FHygFkEyxQpXc-qCxtmVDnRMQRU72CV52DnfGOR_bjs'
    }
  }
} satisfies Record<string, Answer>;
