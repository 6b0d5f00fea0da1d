import { rowOf, tableMarkdown, transition, type Machine, type Refusal, type TransitionTable, type Verdict } from '../../../common/state-machine/transition-table.js';

/**
 * The recovery workflow as a pure transition table (TABLE below, rendered in docs/workflow.md):
 * listen → apologise → fix → compensate → follow-up → closed, plus reopen, wait and resume.
 * Nothing here knows Nest or TypeORM; the transition path asks it what is allowed and what
 * the ticket becomes.
 */
export const STAGES = ['listen', 'apologise', 'fix', 'compensate', 'follow-up', 'closed'] as const;
export type Stage = (typeof STAGES)[number];

export type WorkflowStatus = 'open' | 'waiting-on-customer' | 'resolved' | 'closed';

export interface WorkflowState {
  /** The stage to complete next ('closed' with status closed: nothing left). */
  stage: Stage;
  status: WorkflowStatus;
}

export type WorkflowCode = 'stage.out-of-order' | 'stage.invalid-state';
export type Check = Verdict<WorkflowCode>;

const OK: Check = { ok: true };
const refuse = (code: WorkflowCode, message: string): Refusal<WorkflowCode> => ({ ok: false, code, message });

/** A follow-up score at or below this reopens the ticket into fix. */
export const REOPEN_AT_OR_BELOW = 2;
/** A follow-up score at or above this counts as recovered. */
export const RECOVERED_AT_OR_ABOVE = 4;
/** How long after closing a customer may reopen from the tracking link. */
export const CUSTOMER_REOPEN_DAYS = 30;

export type WorkflowEvent = `complete:${Stage}` | 'wait' | 'resume' | 'reopen';

/** Where a move leads. `same`: the stage stays; `lowScore`: where a follow-up at or below REOPEN_AT_OR_BELOW leads instead. */
export interface Target {
  stage: Stage | 'same';
  status: WorkflowStatus;
  lowScore?: WorkflowState;
}

export interface WorkflowContext {
  state: WorkflowState;
  /** The stage a complete event completes. */
  target?: Stage;
  by?: 'staff' | 'customer';
  closedAt?: Date | null;
  now?: Date;
}

export const REOPENED: WorkflowState = { stage: 'fix', status: 'open' };

type WorkflowGuard = 'at-current-stage' | 'customer-within-30-days';

/**
 * The workflow, state by state (the ticket's status; its stage says which complete event is
 * next). A move not in the table is refused; one in it passes when its guards do.
 */
const TABLE: TransitionTable<WorkflowStatus, WorkflowEvent, Target, WorkflowGuard> = {
  open: {
    'complete:listen': { to: { stage: 'apologise', status: 'open' }, guards: ['at-current-stage'] },
    'complete:apologise': { to: { stage: 'fix', status: 'open' }, guards: ['at-current-stage'] },
    'complete:fix': { to: { stage: 'compensate', status: 'open' }, guards: ['at-current-stage'] },
    'complete:compensate': { to: { stage: 'follow-up', status: 'resolved' }, guards: ['at-current-stage'] },
    // Waiting on the customer stops the clocks; only an open ticket can wait.
    wait: { to: { stage: 'same', status: 'waiting-on-customer' } },
  },
  'waiting-on-customer': {
    resume: { to: { stage: 'same', status: 'open' } },
  },
  resolved: {
    'complete:follow-up': { to: { stage: 'closed', status: 'resolved', lowScore: REOPENED }, guards: ['at-current-stage'] },
    'complete:closed': { to: { stage: 'closed', status: 'closed' }, guards: ['at-current-stage'] },
    reopen: { to: REOPENED },
  },
  closed: {
    reopen: { to: REOPENED, guards: ['customer-within-30-days'] },
  },
};

/** Why `target` cannot be completed at the ticket's current stage: stages are never skipped, nor done twice. */
function outOfTurn(state: WorkflowState, target: Stage): Refusal<WorkflowCode> {
  const ci = STAGES.indexOf(state.stage);
  const ti = STAGES.indexOf(target);
  if (ti < ci) return refuse('stage.invalid-state', `Stage ${target} is already completed`);
  if (ti > ci) return refuse('stage.out-of-order', `Stage ${target} cannot be completed before ${STAGES.slice(ci, ti).join(', ')}`);
  return refuse('stage.invalid-state', `Stage ${target} cannot be completed while the ticket is ${state.status}`);
}

export const TICKET_WORKFLOW: Machine<WorkflowStatus, WorkflowEvent, Target, WorkflowGuard, WorkflowContext, WorkflowCode> = {
  table: TABLE,
  guards: {
    'at-current-stage': {
      says: 'the stage completed is the ticket\'s current one: stages are never skipped, but several may follow in one sitting',
      check: ({ state, target }) => (target === state.stage ? OK : outOfTurn(state, target!)),
    },
    'customer-within-30-days': {
      says: `staff reopen at any time; the customer within ${CUSTOMER_REOPEN_DAYS} days of closing`,
      check: ({ by, closedAt, now }) => {
        if (by !== 'customer') return OK;
        const limit = (closedAt?.getTime() ?? 0) + CUSTOMER_REOPEN_DAYS * 86_400_000;
        return now!.getTime() > limit ? refuse('stage.invalid-state', `A case can be reopened within ${CUSTOMER_REOPEN_DAYS} days of closing`) : OK;
      },
    },
  },
  refuse: (from, event, { state, target }) => {
    if (event === 'wait') return refuse('stage.invalid-state', `A ticket that is ${from} cannot wait on the customer`);
    if (event === 'resume') return refuse('stage.invalid-state', 'The ticket is not waiting on the customer');
    if (event === 'reopen') return refuse('stage.invalid-state', 'Only a resolved or closed ticket can be reopened');
    if (from === 'closed') return refuse('stage.invalid-state', 'The ticket is closed; reopen it first');
    if (from === 'waiting-on-customer') return refuse('stage.invalid-state', 'The ticket is waiting on the customer; resume it first');
    return outOfTurn(state, target!);
  },
};

/** The table's answer without where it leads: what the transition path's `ensure` takes. */
function check(event: WorkflowEvent, ctx: WorkflowContext): Check {
  const outcome = transition(TICKET_WORKFLOW, ctx.state.status, event, ctx);
  return outcome.ok ? OK : outcome;
}

/** Whether `target` may be completed now. Stages are never skipped, but several may follow in one sitting. */
export function canComplete(state: WorkflowState, target: Stage): Check {
  return check(`complete:${target}`, { state, target });
}

/** The state after completing the current stage. A follow-up score decides between reopening and closing. */
export function afterComplete(state: WorkflowState, target: Stage, followUpScore?: number): WorkflowState {
  const row = rowOf(TABLE, state.status, `complete:${target}`);
  if (!row) throw new Error(`no move complete:${target} from ${state.status} (check canComplete first)`);
  return landing(state, row.to, followUpScore);
}

/** Where a move's target puts a ticket in `state`. */
export function landing(state: WorkflowState, to: Target, followUpScore?: number): WorkflowState {
  if (to.lowScore && followUpScore !== undefined && followUpScore <= REOPEN_AT_OR_BELOW) return to.lowScore;
  return { stage: to.stage === 'same' ? state.stage : to.stage, status: to.status };
}

/** Completes the stages from the current one through `target`, in order: what intake does with on-the-spot work. */
export function completeInOrder(state: WorkflowState, targets: Stage[]): { state: WorkflowState; check: Check } {
  let current = state;
  for (const target of targets) {
    const verdict = canComplete(current, target);
    if (!verdict.ok) return { state: current, check: verdict };
    current = afterComplete(current, target);
  }
  return { state: current, check: OK };
}

/**
 * Reopening puts a resolved or closed ticket back into fix. Staff may do it any time;
 * the customer while it is resolved, or within 30 days of closing.
 */
export function canReopen(state: WorkflowState, by: 'staff' | 'customer', closedAt: Date | null, now: Date): Check {
  return check('reopen', { state, by, closedAt, now });
}

/** Waiting on the customer stops the clocks; only an open ticket can wait. */
export function canWait(state: WorkflowState): Check {
  return check('wait', { state });
}

export function canResume(state: WorkflowState): Check {
  return check('resume', { state });
}

/** The table in the docs (docs/workflow.md). */
export function workflowMarkdown(): string {
  const where = (s: { stage: Stage | 'same'; status: WorkflowStatus }) => `${s.stage === 'same' ? '(same stage)' : s.stage} · ${s.status}`;
  return tableMarkdown(TICKET_WORKFLOW, (to) => `${where(to)}${to.lowScore ? `; score ≤ ${REOPEN_AT_OR_BELOW}: ${where(to.lowScore)}` : ''}`);
}

/** Whether a customer's rating is open: the ticket is resolved and waits for its follow-up. */
export function canRate(state: WorkflowState): boolean {
  return state.status === 'resolved' && state.stage === 'follow-up';
}
