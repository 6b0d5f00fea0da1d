import type { SchemaObject } from '@nestjs/swagger';

/**
 * What the routes of escalation.controller.ts answer, as OpenAPI schemas with an example each (the contract test
 * checks every answer of the suite against them: test/e2e/api-contract.e2e-spec.ts).
 */
export const ESCALATION_ANSWERS = {
  sweep: {
    schema: {
      type: 'object',
      properties: { warned: { type: 'integer' }, breached: { type: 'integer' }, escalated: { type: 'integer' } },
      required: ['warned', 'breached', 'escalated']
    },
    example: { warned: 2, breached: 2, escalated: 5 }
  }
} satisfies Record<string, { schema: SchemaObject; example: unknown }>;
