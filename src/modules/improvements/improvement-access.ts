import type { Actor, Role } from '../users/roles.js';

/** Roles that create and manage any improvement in their scope. */
export const IMPROVEMENT_MANAGERS: readonly Role[] = ['quality-manager', 'principal', 'admin'];
/** Roles that may write at all (a department manager only for their dealer and department); receptionists read. */
export const IMPROVEMENT_WRITERS: Role[] = ['department-manager', ...IMPROVEMENT_MANAGERS];

/** Whether the actor may create or change an improvement of this dealer (null: all dealers) and department. Pure. */
export function mayManage(actor: Pick<Actor, 'role' | 'dealerId' | 'department'>, imp: { dealerId: string | null; department: string }): boolean {
  if (actor.dealerId !== null && imp.dealerId !== actor.dealerId) return false;
  if (IMPROVEMENT_MANAGERS.includes(actor.role)) return true;
  return actor.role === 'department-manager' && imp.dealerId === actor.dealerId && imp.department === actor.department;
}

/** Whether the actor sees it: their dealer's, or one for all dealers. */
export function maySee(actor: Pick<Actor, 'dealerId'>, imp: { dealerId: string | null }): boolean {
  return actor.dealerId === null || imp.dealerId === null || imp.dealerId === actor.dealerId;
}
