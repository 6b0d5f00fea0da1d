import type { Role } from '../users/roles.js';

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
