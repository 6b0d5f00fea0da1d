import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Actor, Role } from './roles.js';

export const PUBLIC_KEY = 'amends:public';
export const ROLES_KEY = 'amends:roles';

/** No sign-in needed (login, health, the customer's tracking). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Only these roles may call the route; others get 403. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export interface AuthenticatedRequest extends Request {
  actor?: Actor;
  sessionCsrf?: string;
}

/** The caller, as resolved by the AuthGuard. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  return ctx.switchToHttp().getRequest<AuthenticatedRequest>().actor as Actor;
});
