import type { Role } from '../users/roles.js';

/** Per role, the largest compensation one may grant without someone else's approval. */
export type ApprovalLimits = Partial<Record<Role, number>>;

/** Defaults from the product rules, in the dealer's currency; missing means unlimited. */
export const DEFAULT_APPROVAL_LIMITS: ApprovalLimits = { receptionist: 50, 'department-manager': 500 };

export function approvalLimit(role: Role, limits: ApprovalLimits = DEFAULT_APPROVAL_LIMITS): number {
  return limits[role] ?? Number.POSITIVE_INFINITY;
}

export function withinLimit(role: Role, amount: number, limits?: ApprovalLimits): boolean {
  return amount <= approvalLimit(role, limits);
}
