import type { SchemaObject } from '@nestjs/swagger';

/**
 * What the routes of auth.controller.ts answer, as OpenAPI schemas with an example each (the contract test
 * checks every answer of the suite against them: test/e2e/api-contract.e2e-spec.ts).
 */
export const AUTH_ANSWERS = {
  login: {
    schema: {
      type: 'object',
      properties: {
        user: {
          type: 'object',
          properties: {
            id: { type: 'string', format: 'uuid' },
            name: { type: 'string' },
            role: { type: 'string' },
            dealerId: { type: 'string', format: 'uuid' },
            mustChangePassword: { type: 'boolean' }
          },
          required: ['id', 'name', 'role', 'dealerId', 'mustChangePassword']
        },
        csrfToken: { type: 'string' }
      },
      required: ['user', 'csrfToken']
    },
    example: {
      user: {
        id: '7d72edcf-0f78-4cb1-a3a5-f160e8c43198',
        name: 'Anouk Jansen',
        role: 'receptionist',
        dealerId: '6458831b-85b2-4d64-928d-5b67f261a622',
        mustChangePassword: false
      },
      csrfToken: 'URDuAqSJeKGZnBVAPhssedw40SARkKNqYLAgPxDE42s'
    }
  }
} satisfies Record<string, { schema: SchemaObject; example: unknown }>;
