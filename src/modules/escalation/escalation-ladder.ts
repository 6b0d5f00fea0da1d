import { LADDER_RUNG, type Role } from '../users/roles.js';

/**
 * Who is told at each level: the department manager of the ticket's dealer and
 * department, then the quality manager, then the principal (or importer).
 */
export const LADDER: Record<1 | 2 | 3, Role> = { 1: 'department-manager', 2: 'quality-manager', 3: 'principal' };

export interface Candidate {
  role: string;
  dealerId: string | null;
  department: string | null;
  active: boolean;
}

/** The people to notify for a level, from the staff of the ticket's dealer and the importer. */
export function recipientsFor<T extends Candidate>(level: 1 | 2 | 3, ticket: { dealerId: string; department: string }, staff: T[]): T[] {
  const role = LADDER[level];
  const fitting = staff.filter((u) => u.active && u.role === role && (u.dealerId === null || u.dealerId === ticket.dealerId));
  if (level !== 1) return fitting;
  // The manager of the ticket's own department; without one, every department manager of the dealer.
  const own = fitting.filter((u) => u.department === ticket.department);
  return own.length ? own : fitting;
}

/**
 * May this person acknowledge an escalation at this level? Its recipients, or a higher role.
 * At level 1 that is the department manager the ladder picks for the ticket (their own
 * department's, or any of the dealer's when the department has none), not every one; at
 * levels 2 and 3 anyone of the role in the ticket's scope (the transition checks the scope).
 */
export function mayAcknowledge<T extends Candidate & { id: string }>(
  actor: { id: string; role: Role },
  level: number,
  ticket: { dealerId: string; department: string },
  staff: T[],
): boolean {
  const needed = LADDER_RUNG[LADDER[level as 1 | 2 | 3] ?? 'admin'];
  const rung = LADDER_RUNG[actor.role] ?? 0;
  if (rung === 0 || rung < needed) return false;
  if (rung > needed || level !== 1) return true;
  return recipientsFor(1, ticket, staff).some((u) => u.id === actor.id);
}
