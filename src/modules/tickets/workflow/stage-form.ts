import type { Stage } from './ticket-workflow.js';

/** A stage's HTML form fields as the API body of that stage. Shape only; the API's validation applies. */
export function stageFormToBody(stage: Stage, form: Record<string, unknown>): Record<string, unknown> {
  const text = (k: string) => (typeof form[k] === 'string' && (form[k] as string).trim() !== '' ? (form[k] as string).trim() : undefined);
  const pick = (...keys: string[]) => Object.fromEntries(keys.map((k) => [k, text(k)]).filter(([, v]) => v !== undefined));
  switch (stage) {
    case 'listen':
      return pick('contactedVia', 'note');
    case 'apologise':
      return pick('by', 'how', 'message');
    case 'fix':
      return pick('rootCause', 'rootCauseNote', 'action', 'owner');
    case 'compensate':
      return text('noCompensationReason') ? { noCompensation: { reason: text('noCompensationReason') } } : {};
    case 'follow-up':
      return { ...pick('comment', 'via'), ...(text('score') ? { score: Number(text('score')) } : {}) };
    case 'closed':
      return pick('outcome');
  }
}
