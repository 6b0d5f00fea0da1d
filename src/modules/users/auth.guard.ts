import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '../../common/errors/domain-error.js';
import { safeEqual } from '../../common/security/tokens.js';
import { ApiKeysService } from './api-keys.service.js';
import { BEFORE_PASSWORD_CHANGE_KEY, KEY_SCOPE_KEY, PUBLIC_KEY, ROLES_KEY, type AuthenticatedRequest } from './auth.decorators.js';
import { hasKeyScope, type ApiKeyScope, type Role } from './roles.js';
import { sessionToken } from './session-cookie.js';
import { SessionsService } from './sessions.service.js';
import { toActor } from './users.service.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A change made with the session cookie must carry the session's CSRF token. */
export function requireCsrf(req: AuthenticatedRequest): void {
  if (req.actor?.via !== 'session' || SAFE_METHODS.has(req.method)) return;
  // A header from scripts; a form field from pages; the query for file uploads, whose multipart body is read later.
  const multipart = req.is('multipart/form-data') === 'multipart/form-data';
  const sent = req.get('x-csrf-token') ?? (req.body as Record<string, unknown> | undefined)?._csrf ?? (multipart ? req.query._csrf : undefined);
  if (typeof sent !== 'string' || !req.sessionCsrf || !safeEqual(sent, req.sessionCsrf)) {
    throw new DomainError('auth.csrf.forbidden', 'Missing or wrong CSRF token (send it as X-CSRF-Token)');
  }
}

/**
 * Resolves the caller once per request (API key or session cookie), then enforces
 * sign-in, CSRF on cookie-authenticated changes, a pending password change, and the route's roles.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionsService,
    private readonly apiKeys: ApiKeysService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, [context.getHandler(), context.getClass()]);
    await this.resolve(req, isPublic);
    if (isPublic) return true;
    if (!req.actor) throw new DomainError('auth.unauthenticated', 'Sign in, or send an API key as Authorization: Bearer <key>');

    requireCsrf(req);

    // A one-time password is for choosing one's own: until then the session reaches nothing else.
    if (req.passwordChangeRequired && !this.reflector.getAllAndOverride<boolean>(BEFORE_PASSWORD_CHANGE_KEY, [context.getHandler(), context.getClass()])) {
      throw new DomainError('password.change-required', 'Choose a new password first (POST /api/me/password, or the page /account)');
    }

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]);
    const scope = this.reflector.getAllAndOverride<ApiKeyScope | undefined>(KEY_SCOPE_KEY, [context.getHandler(), context.getClass()]);
    if (roles && !roles.includes(req.actor.role) && !(scope && hasKeyScope(req.actor, scope))) {
      throw new DomainError('auth.role.forbidden', `This needs one of the roles: ${roles.join(', ')}${scope ? `, or an API key with the ${scope} scope` : ''}`);
    }
    return true;
  }

  private async resolve(req: AuthenticatedRequest, isPublic: boolean): Promise<void> {
    if (req.actor) return;
    const header = req.get('authorization');
    if (header?.startsWith('Bearer ')) {
      const found = await this.apiKeys.resolve(header.slice(7).trim());
      if (!found && !isPublic) throw new DomainError('auth.unauthenticated', 'Unknown or revoked API key');
      if (found) req.actor = toActor(found.user, 'api-key', found.scopes);
      return;
    }
    const token = sessionToken(req);
    if (!token) return;
    const found = await this.sessions.resolve(token);
    if (found) {
      req.actor = toActor(found.user, 'session');
      req.sessionCsrf = found.session.csrfToken;
      req.sessionId = found.session.id;
      req.passwordChangeRequired = found.user.mustChangePassword;
    }
  }
}
