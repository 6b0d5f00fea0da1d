export const ROLES = ['receptionist', 'department-manager', 'quality-manager', 'principal', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Importer-level roles may belong to no dealer and then see all dealers. */
export const IMPORTER_ROLES: readonly Role[] = ['quality-manager', 'principal', 'admin'];

/**
 * What a key may do beyond its user's role. `survey-provider`: deliver survey responses
 * (webhook and CSV import), which otherwise only admins and quality managers may.
 */
export const API_KEY_SCOPES = ['survey-provider'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** Who is acting: a signed-in user, or a key acting as one. */
export interface Actor {
  id: string;
  name: string;
  role: Role;
  /** null: every dealer. */
  dealerId: string | null;
  department: string | null;
  via: 'session' | 'api-key';
  /** The language the user reads (pages' messages); English when not known. */
  language?: string;
  /** The key's scopes (a session has none). */
  scopes?: readonly ApiKeyScope[];
}

/** A key with this scope (a session never has one). */
export function hasKeyScope(actor: Pick<Actor, 'via' | 'scopes'>, scope: ApiKeyScope): boolean {
  return actor.via === 'api-key' && (actor.scopes ?? []).includes(scope);
}

/** The dealers an actor may see: `all`, or exactly one. */
export function dealerScope(actor: Pick<Actor, 'dealerId'>): 'all' | string {
  return actor.dealerId ?? 'all';
}

export function inScope(actor: Pick<Actor, 'dealerId'>, dealerId: string): boolean {
  return actor.dealerId === null || actor.dealerId === dealerId;
}

/** Roles that must belong to one dealer. */
export function roleNeedsDealer(role: Role): boolean {
  return !IMPORTER_ROLES.includes(role);
}

/** How far up the escalation ladder a role stands (level n is for rung n): admin above the principal, a receptionist on none. */
export const LADDER_RUNG: Record<Role, number> = { receptionist: 0, 'department-manager': 1, 'quality-manager': 2, principal: 3, admin: 4 };
