import type { Role } from '../../common/auth/roles.js';

/** Per role, the most a role may grant on one ticket without someone else's approval. */
export type ApprovalLimits = Partial<Record<Role, number>>;

/** Defaults from the product rules, in the dealer's currency; missing means unlimited. */
export const DEFAULT_APPROVAL_LIMITS: ApprovalLimits = { receptionist: 50, 'department-manager': 500 };

export function approvalLimit(role: Role, limits: ApprovalLimits = DEFAULT_APPROVAL_LIMITS): number {
  return limits[role] ?? Number.POSITIVE_INFINITY;
}

export function withinLimit(role: Role, amount: number, limits?: ApprovalLimits): boolean {
  return amount <= approvalLimit(role, limits);
}

/** A compensation already granted on the ticket: its amount and the role under whose limit it was approved. */
export interface Granted {
  role: Role | null;
  amount: number;
}

export type ApprovalCheck =
  | { ok: true }
  /** forbidden: the amount alone is beyond the role's limit; over-limit: the role's running total on the ticket would be. */
  | { ok: false; code: 'compensation.approval.forbidden' | 'compensation.over-limit'; limit: number; used: number };

/**
 * May `role` approve (or grant at once) `amount` on a ticket? A limit bounds the role's
 * running total on that ticket, not each compensation, so splitting a sum into small ones
 * gains nothing. The running total is the sum of the ticket's compensations approved under
 * that role's limit (approved by one holding the role, or created approved by one) that are
 * still approved or delivered: a rejected one no longer counts, a proposed one not yet, and
 * what other roles approved counts against their own limits. `granted` lists the ticket's
 * approved and delivered compensations.
 */
export function checkApproval(role: Role, amount: number, granted: readonly Granted[], limits?: ApprovalLimits): ApprovalCheck {
  const limit = approvalLimit(role, limits);
  // In cents, so that 0.1 + 0.2 is not over a limit of 0.3.
  const cents = (n: number) => Math.round(n * 100);
  const used = granted.filter((g) => g.role === role).reduce((sum, g) => sum + cents(g.amount), 0) / 100;
  if (cents(amount) > cents(limit)) return { ok: false, code: 'compensation.approval.forbidden', limit, used };
  if (cents(used) + cents(amount) > cents(limit)) return { ok: false, code: 'compensation.over-limit', limit, used };
  return { ok: true };
}
