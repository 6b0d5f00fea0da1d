/**
 * The recovery workflow as a pure table: listen → apologise → fix → compensate →
 * follow-up → closed, plus reopen, wait and resume. Nothing here knows Nest or TypeORM;
 * the transition path asks it what is allowed and what the ticket becomes.
 */
export const STAGES = ['listen', 'apologise', 'fix', 'compensate', 'follow-up', 'closed'] as const;
export type Stage = (typeof STAGES)[number];

export type WorkflowStatus = 'open' | 'waiting-on-customer' | 'resolved' | 'closed';

export interface WorkflowState {
  /** The stage to complete next ('closed' with status closed: nothing left). */
  stage: Stage;
  status: WorkflowStatus;
}

export type Check = { ok: true } | { ok: false; code: 'stage.out-of-order' | 'stage.invalid-state'; message: string };

const OK: Check = { ok: true };
const refuse = (code: 'stage.out-of-order' | 'stage.invalid-state', message: string): Check => ({ ok: false, code, message });

/** A follow-up score at or below this reopens the ticket into fix. */
export const REOPEN_AT_OR_BELOW = 2;
/** A follow-up score at or above this counts as recovered. */
export const RECOVERED_AT_OR_ABOVE = 4;
/** How long after closing a customer may reopen from the tracking link. */
export const CUSTOMER_REOPEN_DAYS = 30;

/** Whether `target` may be completed now. Stages are never skipped, but several may follow in one sitting. */
export function canComplete(state: WorkflowState, target: Stage): Check {
  if (state.status === 'closed') return refuse('stage.invalid-state', 'The ticket is closed; reopen it first');
  if (state.status === 'waiting-on-customer') return refuse('stage.invalid-state', 'The ticket is waiting on the customer; resume it first');
  const ci = STAGES.indexOf(state.stage);
  const ti = STAGES.indexOf(target);
  if (ti < ci) return refuse('stage.invalid-state', `Stage ${target} is already completed`);
  if (ti > ci) return refuse('stage.out-of-order', `Stage ${target} cannot be completed before ${STAGES.slice(ci, ti).join(', ')}`);
  return OK;
}

/** The state after completing the current stage. A follow-up score decides between reopening and closing. */
export function afterComplete(state: WorkflowState, target: Stage, followUpScore?: number): WorkflowState {
  switch (target) {
    case 'listen':
      return { stage: 'apologise', status: 'open' };
    case 'apologise':
      return { stage: 'fix', status: 'open' };
    case 'fix':
      return { stage: 'compensate', status: 'open' };
    case 'compensate':
      return { stage: 'follow-up', status: 'resolved' };
    case 'follow-up':
      return followUpScore !== undefined && followUpScore <= REOPEN_AT_OR_BELOW ? { stage: 'fix', status: 'open' } : { stage: 'closed', status: 'resolved' };
    case 'closed':
      return { stage: 'closed', status: 'closed' };
  }
  return state;
}

/** Completes the stages from the current one through `target`, in order: what intake does with on-the-spot work. */
export function completeInOrder(state: WorkflowState, targets: Stage[]): { state: WorkflowState; check: Check } {
  let current = state;
  for (const target of targets) {
    const check = canComplete(current, target);
    if (!check.ok) return { state: current, check };
    current = afterComplete(current, target);
  }
  return { state: current, check: OK };
}

/**
 * Reopening puts a resolved or closed ticket back into fix. Staff may do it any time;
 * the customer while it is resolved, or within 30 days of closing.
 */
export function canReopen(state: WorkflowState, by: 'staff' | 'customer', closedAt: Date | null, now: Date): Check {
  if (state.status !== 'resolved' && state.status !== 'closed') {
    return refuse('stage.invalid-state', 'Only a resolved or closed ticket can be reopened');
  }
  if (by === 'customer' && state.status === 'closed') {
    const limit = (closedAt?.getTime() ?? 0) + CUSTOMER_REOPEN_DAYS * 86_400_000;
    if (now.getTime() > limit) return refuse('stage.invalid-state', `A case can be reopened within ${CUSTOMER_REOPEN_DAYS} days of closing`);
  }
  return OK;
}

export const REOPENED: WorkflowState = { stage: 'fix', status: 'open' };

/** Waiting on the customer stops the clocks; only an open ticket can wait. */
export function canWait(state: WorkflowState): Check {
  return state.status === 'open' ? OK : refuse('stage.invalid-state', `A ticket that is ${state.status} cannot wait on the customer`);
}

export function canResume(state: WorkflowState): Check {
  return state.status === 'waiting-on-customer' ? OK : refuse('stage.invalid-state', 'The ticket is not waiting on the customer');
}

/** Whether a customer's rating is open: the ticket is resolved and waits for its follow-up. */
export function canRate(state: WorkflowState): boolean {
  return state.status === 'resolved' && state.stage === 'follow-up';
}
