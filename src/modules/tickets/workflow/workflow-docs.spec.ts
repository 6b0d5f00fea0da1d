import { describe, expect, it } from 'vitest';
import { compensationMarkdown } from '../compensations/compensation-workflow.js';
import { workflowMarkdown } from './ticket-workflow.js';

/**
 * docs/workflow.md is rendered from the two transition tables, so the docs cannot drift from
 * the code: this fails when the committed file differs. After changing a table, rewrite it with
 * `npx vitest run --project unit -u src/modules/tickets/workflow/workflow-docs.spec.ts`.
 */
const doc = [
  '# Workflow',
  '',
  '<!-- Rendered from src/modules/tickets/workflow/ticket-workflow.ts and src/modules/tickets/compensations/compensation-workflow.ts',
  '     by workflow-docs.spec.ts: edit the tables, not this file. -->',
  '',
  'The moves a ticket and a compensation can make: from a state, on an event, to the next state, when the guards pass.',
  'A move not listed is refused (422, `stage.invalid-state` / `stage.out-of-order` or `compensation.invalid-state`).',
  '',
  '## Ticket',
  '',
  'The state is the ticket\'s status; its stage says which `complete:<stage>` is next.',
  '',
  workflowMarkdown(),
  '',
  '## Compensation',
  '',
  compensationMarkdown(),
  '',
].join('\n');

describe('docs/workflow.md', () => {
  it('is the transition tables as the code has them', async () => {
    await expect(doc).toMatchFileSnapshot('../../../../docs/workflow.md');
  });
});
