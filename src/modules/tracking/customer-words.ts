import type { Stage } from '../tickets/workflow/ticket-workflow.js';

/** Plain words for the customer. English for now; the languages come with the customer-side issue. */
export const STEP_LABELS: { stage: Exclude<Stage, 'closed'>; done: string; doing: string }[] = [
  { stage: 'listen', done: 'We have listened', doing: 'We will listen to you' },
  { stage: 'apologise', done: 'We have apologised', doing: 'We will apologise' },
  { stage: 'fix', done: 'We have agreed how to put it right', doing: 'We are putting it right' },
  { stage: 'compensate', done: 'We have made amends', doing: 'We are making amends' },
  { stage: 'follow-up', done: 'We have checked back with you', doing: 'We are checking back with you' },
];

export function eventText(type: string, data: Record<string, unknown>): string {
  switch (type) {
    case 'created':
      return 'We received your case';
    case 'stage-completed': {
      const step = STEP_LABELS.find((s) => s.stage === data.stage);
      return step?.done ?? 'Your case was closed';
    }
    case 'compensation-delivered':
      return 'We made amends';
    case 'message-to-customer':
      return 'We sent you a message';
    case 'message-from-customer':
      return 'You sent us a message';
    case 'follow-up':
      return 'We checked back with you';
    case 'rated':
      return `You rated how we put it right: ${Number(data.score)}/5`;
    case 'reopened':
      return 'Your case was reopened';
    case 'closed':
      return 'Your case was closed';
    default:
      return 'Your case was updated';
  }
}
