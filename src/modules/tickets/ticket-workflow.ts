/**
 * The recovery stages and their order, as a pure table: listen → apologise → fix →
 * compensate → follow-up → closed. Nothing here knows Nest or TypeORM.
 */
export const STAGES = ['listen', 'apologise', 'fix', 'compensate', 'follow-up', 'closed'] as const;
export type Stage = (typeof STAGES)[number];

/** The stage a ticket is in is the first one not yet completed. */
export function nextStage(stage: Stage): Stage {
  const i = STAGES.indexOf(stage);
  return STAGES[Math.min(i + 1, STAGES.length - 1)];
}

export type StageCheck = { ok: true } | { ok: false; code: 'stage.out-of-order' | 'stage.invalid-state'; message: string };

/** Whether `target` may be completed now, when the ticket stands at `current`. */
export function canComplete(current: Stage, target: Stage): StageCheck {
  if (current === 'closed') return { ok: false, code: 'stage.invalid-state', message: 'The ticket is closed; reopen it first' };
  const ci = STAGES.indexOf(current);
  const ti = STAGES.indexOf(target);
  if (ti < ci) return { ok: false, code: 'stage.invalid-state', message: `Stage ${target} is already completed` };
  if (ti > ci) {
    return {
      ok: false,
      code: 'stage.out-of-order',
      message: `Stage ${target} cannot be completed before ${STAGES.slice(ci, ti).join(', ')}`,
    };
  }
  return { ok: true };
}

/** Plain words for the customer, per stage they are in. */
export const STAGE_PROGRESS: Record<Stage, string> = {
  listen: 'We have received your case and will listen to you',
  apologise: 'We have listened',
  fix: 'We have apologised and are putting it right',
  compensate: 'We are putting it right',
  'follow-up': 'We have made amends and are checking back with you',
  closed: 'Your case is closed',
};
