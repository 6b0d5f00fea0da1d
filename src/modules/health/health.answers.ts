import type { SchemaObject } from '@nestjs/swagger';

/**
 * What the routes of health.controller.ts answer, as OpenAPI schemas with an example each (the contract test
 * checks every answer of the suite against them: test/e2e/api-contract.e2e-spec.ts).
 */
export const HEALTH_ANSWERS = {
  live: {
    schema: { type: 'object', properties: { status: { type: 'string' } }, required: ['status'] },
    example: { status: 'ok' }
  },
  writerHolds: {
    schema: {
      type: 'object',
      properties: {
        engine: { type: 'string', enum: ['sqlite', 'postgres'] },
        pid: { type: 'integer', description: 'The worker process that answered: the figures are per worker' },
        warnAboveMs: { type: 'integer', description: 'WRITER_HOLD_WARN_MS: longer holds are logged' },
        since: { type: 'string', format: 'date-time', description: 'Start, or the last reset' },
        transactions: { type: 'integer' },
        totalMs: { type: 'number' },
        longest: {
          type: 'array',
          description: 'The longest holds, longest first',
          items: {
            type: 'object',
            properties: { label: { type: 'string' }, ms: { type: 'number' }, statementsMs: { type: 'number', description: 'SQLite: of ms, the time in statements; the rest was waiting for the event loop between them' },
              slowest: { type: 'object', description: 'SQLite: its slowest statement, COMMIT included (the writer never checkpoints the WAL in a COMMIT; each process checkpoints from a connection of its own)', properties: { sql: { type: 'string' }, ms: { type: 'number' } }, required: ['sql', 'ms'] }, at: { type: 'string', format: 'date-time' } },
            required: ['label', 'ms', 'at'],
          },
        },
        byLabel: {
          type: 'array',
          description: 'Per label (what the transaction was), the longest first',
          items: { type: 'object', properties: { label: { type: 'string' }, count: { type: 'integer' }, maxMs: { type: 'number' }, totalMs: { type: 'number' } }, required: ['label', 'count', 'maxMs', 'totalMs'] },
        },
      },
      required: ['engine', 'pid', 'warnAboveMs', 'since', 'transactions', 'totalMs', 'longest', 'byLabel'],
    },
    example: {
      engine: 'sqlite',
      pid: 4242,
      warnAboveMs: 50,
      since: '2026-11-30T21:00:00.000Z',
      transactions: 2,
      totalMs: 31.5,
      longest: [
        { label: 'TicketTransitionsService.applyBatch < SlaSweepService.sweepBatch', ms: 24.1, statementsMs: 19.8, slowest: { sql: 'UPDATE \"escalations\" SET', ms: 6.2 }, at: '2026-11-30T21:01:00.000Z' },
        { label: 'intake', ms: 7.4, statementsMs: 3.1, slowest: { sql: 'COMMIT', ms: 0.9 }, at: '2026-11-30T21:00:30.000Z' },
      ],
      byLabel: [
        { label: 'TicketTransitionsService.applyBatch < SlaSweepService.sweepBatch', count: 1, maxMs: 24.1, totalMs: 24.1 },
        { label: 'intake', count: 1, maxMs: 7.4, totalMs: 7.4 },
      ],
    },
  },
} satisfies Record<string, { schema: SchemaObject; example: unknown }>;
