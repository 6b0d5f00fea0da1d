import type { SchemaObject } from '@nestjs/swagger';

/**
 * What the routes of health.controller.ts answer, as OpenAPI schemas with an example each (the contract test
 * checks every answer of the suite against them: test/e2e/api-contract.e2e-spec.ts).
 */
export const HEALTH_ANSWERS = {
  live: {
    schema: { type: 'object', properties: { status: { type: 'string' } }, required: ['status'] },
    example: { status: 'ok' }
  }
} satisfies Record<string, { schema: SchemaObject; example: unknown }>;
