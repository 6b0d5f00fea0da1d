import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Actor, ApiKeyScope, Role } from './roles.js';

export const PUBLIC_KEY = 'amends:public';
export const ROLES_KEY = 'amends:roles';
export const BEFORE_PASSWORD_CHANGE_KEY = 'amends:before-password-change';
export const KEY_SCOPE_KEY = 'amends:key-scope';

/** No sign-in needed (login, health, the customer's tracking). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Only these roles may call the route; others get 403. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** Reachable by a session whose user must first change a one-time password (the change itself, who am I, sign-out). */
export const BeforePasswordChange = () => SetMetadata(BEFORE_PASSWORD_CHANGE_KEY, true);
/** Beside `@Roles`: an API key with this scope may call the route too, whatever its user's role (the dealer scope still holds). */
export const OrKeyScope = (scope: ApiKeyScope) => SetMetadata(KEY_SCOPE_KEY, scope);

export interface AuthenticatedRequest extends Request {
  actor?: Actor;
  sessionCsrf?: string;
  /** The session's id (not its token), to keep it when ending the user's others. */
  sessionId?: string;
  /** The session's user signed in with a one-time password and has not changed it yet. */
  passwordChangeRequired?: boolean;
}

/** The caller, as resolved by the AuthGuard. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  return ctx.switchToHttp().getRequest<AuthenticatedRequest>().actor as Actor;
});
