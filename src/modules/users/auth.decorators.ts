import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Actor, ApiKeyScope, Role } from './roles.js';

export const PUBLIC_KEY = 'amends:public';
export const ROLES_KEY = 'amends:roles';
export const KEY_SCOPE_KEY = 'amends:key-scope';

/** No sign-in needed (login, health, the customer's tracking). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Only these roles may call the route; others get 403. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** Beside `@Roles`: an API key with this scope may call the route too, whatever its user's role (the dealer scope still holds). */
export const OrKeyScope = (scope: ApiKeyScope) => SetMetadata(KEY_SCOPE_KEY, scope);

export interface AuthenticatedRequest extends Request {
  actor?: Actor;
  sessionCsrf?: string;
}

/** The caller, as resolved by the AuthGuard. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  return ctx.switchToHttp().getRequest<AuthenticatedRequest>().actor as Actor;
});
