import { rowOf, tableMarkdown, transition, type Machine, type Outcome, type Refusal, type TransitionTable } from '../../../common/state-machine/transition-table.js';
import { checkApproval, withinLimit, type ApprovalLimits, type Granted } from '../../dealers/approval-limits.js';
import type { Role } from '../../users/roles.js';
import type { CompensationState } from '../ticket-values.js';

/**
 * A compensation's life as a pure table: proposed → approved / rejected → delivered. An
 * amount within what is left of the actor's limit on the ticket is approved at once; above
 * it, it waits for someone whose limit covers it (see checkApproval).
 */
export type CompensationEvent = 'approve' | 'reject' | 'deliver';
export type CompensationCode = 'compensation.invalid-state' | 'compensation.approval.forbidden' | 'compensation.over-limit';

/** What the guards look at: the compensation, who acts, and the authority the dealer grants. */
export interface CompensationContext {
  compensation: { amount: number; currency: string; proposedById: string | null };
  actor: { id: string; role: Role };
  /** The ticket's approved and delivered compensations: what counts against a limit. */
  granted: readonly Granted[];
  limits: ApprovalLimits;
}

type CompensationGuard = 'within-running-limit' | 'proposer-or-within-limit';

/** Every state is a key (a new state fails to compile until it is placed in the table). */
const TABLE: TransitionTable<CompensationState, CompensationEvent, CompensationState, CompensationGuard> = {
  proposed: {
    approve: { to: 'approved', guards: ['within-running-limit'] },
    reject: { to: 'rejected', guards: ['proposer-or-within-limit'] },
  },
  approved: {
    reject: { to: 'rejected', guards: ['proposer-or-within-limit'] },
    deliver: { to: 'delivered' },
  },
  rejected: {},
  delivered: {},
};

const refuse = (code: CompensationCode, message: string): Refusal<CompensationCode> => ({ ok: false, code, message });
const OK = { ok: true } as const;

const NOT_FROM_HERE: Record<CompensationEvent, string> = {
  approve: 'only a proposed one can be approved',
  reject: 'it can no longer be rejected',
  deliver: 'only an approved one can be delivered',
};

export const COMPENSATION_WORKFLOW: Machine<CompensationState, CompensationEvent, CompensationState, CompensationGuard, CompensationContext, CompensationCode> = {
  table: TABLE,
  guards: {
    'within-running-limit': {
      says: "the amount, added to what the actor's role has approved on the ticket, is within the role's limit",
      check: ({ compensation: c, actor, granted, limits }) => {
        const check = checkApproval(actor.role, c.amount, granted, limits);
        if (check.ok) return OK;
        if (check.code === 'compensation.approval.forbidden') {
          return refuse(check.code, `Your approval limit is ${check.limit} ${c.currency}; this needs someone whose limit covers ${c.amount}`);
        }
        return refuse(
          check.code,
          `Your role has approved ${check.used} ${c.currency} on this ticket already; with ${c.amount} more that is over your limit of ${check.limit} ${c.currency}, so someone with a higher limit must approve it`,
        );
      },
    },
    'proposer-or-within-limit': {
      // The proposer may withdraw; otherwise rejecting takes the same authority as approving.
      says: "the actor proposed it, or the amount is within the actor's role's limit",
      check: ({ compensation: c, actor, limits }) =>
        c.proposedById === actor.id || withinLimit(actor.role, c.amount, limits)
          ? OK
          : refuse('compensation.approval.forbidden', 'Only the proposer or someone whose limit covers the amount may reject it'),
    },
  },
  refuse: (from, event) => refuse('compensation.invalid-state', `Compensation is ${from}; ${NOT_FROM_HERE[event]}`),
};

/** Whether `event` is a move from `from` at all, and whether it has guards (they need the dealer's limits read). */
export function moveFrom(from: CompensationState, event: CompensationEvent): { ok: true; guarded: boolean } | Refusal<CompensationCode> {
  const row = rowOf(TABLE, from, event);
  return row ? { ok: true, guarded: (row.guards ?? []).length > 0 } : COMPENSATION_WORKFLOW.refuse(from, event, undefined as never);
}

/** Whether the guards let `event` happen from `from`, and the state it leads to. */
export function moveCompensation(from: CompensationState, event: CompensationEvent, ctx: CompensationContext): Outcome<CompensationState, CompensationCode> {
  return transition(COMPENSATION_WORKFLOW, from, event, ctx);
}

/** Still open: a compensation that can still move (the compensate stage waits for none to be left). */
export function isOpen(state: CompensationState): boolean {
  return Object.keys(TABLE[state]).length > 0;
}

/** The table in the docs (docs/workflow.md). */
export function compensationMarkdown(): string {
  return tableMarkdown(COMPENSATION_WORKFLOW, (to) => to);
}
