import { SLA_TARGETS } from './sla-clock.js';
import { answerSchema, arrayOf, type Answer } from '../../common/openapi/answer-schemas.js';

/** An SLA policy as the API answers it (one, or each of the list): components/schemas/SlaPolicy. */
const SLA_POLICY_ANSWER = {
  schema: answerSchema('SlaPolicy', {
    type: 'object',
    properties: {
      id: { type: 'string', format: 'uuid' },
      severity: { type: 'string' },
      department: { type: 'string', nullable: true },
      channel: { type: 'string', nullable: true },
      targets: {
        type: 'object',
        properties: {
          listen: { type: 'integer' },
          apologise: { type: 'integer' },
          fix: { type: 'integer' },
          resolve: { type: 'integer' }
        },
        required: [...SLA_TARGETS]
      },
      warningThreshold: { type: 'number' },
      updatedAt: { type: 'string', format: 'date-time' }
    },
    required: ['id', 'severity', 'department', 'channel', 'targets', 'warningThreshold', 'updatedAt']
  }),
  example: {
    id: '0a17b2c9-dcc9-4d3c-827b-6968e7dc5c8f',
    severity: 'low',
    department: null,
    channel: null,
    targets: { listen: 480, apologise: 960, fix: 2400, resolve: 9600 },
    warningThreshold: 0.75,
    updatedAt: '2026-11-30T14:07:55.718Z'
  }
} satisfies Answer;

/**
 * What the routes of sla-policies.controller.ts answer, as OpenAPI schemas with an example each (the contract test
 * checks every answer of the suite against them: test/e2e/api-contract.e2e-spec.ts).
 */
export const SLA_POLICIES_ANSWERS = {
  list: {
    schema: arrayOf(SLA_POLICY_ANSWER.schema),
    example: [
      {
        id: '396cc78f-761e-4608-afa6-75d2caa68a32',
        severity: 'critical',
        department: null,
        channel: null,
        targets: { listen: 60, apologise: 120, fix: 480, resolve: 1440 },
        warningThreshold: 0.75,
        updatedAt: '2026-11-30T14:07:30.475Z'
      },
      {
        id: 'd89176ec-4ae6-4eac-baf7-907250c12031',
        severity: 'high',
        department: null,
        channel: null,
        targets: { listen: 120, apologise: 240, fix: 960, resolve: 2400 },
        warningThreshold: 0.75,
        updatedAt: '2026-11-30T14:07:30.475Z'
      }
    ]
  },
  put: SLA_POLICY_ANSWER,
} satisfies Record<string, Answer>;
