import type { Request, Response } from 'express';
import { randomToken, safeEqual } from '../../common/security/tokens.js';
import type { AppConfig } from '../../config/app-config.js';
import { sessionCookieOptions } from './session-cookie.js';

/**
 * Login CSRF: before any session exists, the sign-in form carries a token that must match a
 * cookie of its own (HttpOnly, SameSite=Strict, only sent to /login). Another site can neither
 * read it nor make the browser send it, so it cannot sign a victim into the attacker's account.
 */
export const LOGIN_CSRF_COOKIE = 'amends_login_csrf';
const PATH = '/login';

function current(req: Request): string | undefined {
  const value = (req.cookies as Record<string, string> | undefined)?.[LOGIN_CSRF_COOKIE];
  return typeof value === 'string' && /^[A-Za-z0-9_-]{40,60}$/.test(value) ? value : undefined;
}

/** The token for the form: the browser's own if it has one (several tabs keep working), else a new one. */
export function issueLoginCsrf(req: Request, res: Response, config: AppConfig): string {
  const token = current(req) ?? randomToken();
  res.cookie(LOGIN_CSRF_COOKIE, token, { ...sessionCookieOptions(config, req), sameSite: 'strict', path: PATH });
  return token;
}

export function loginCsrfMatches(req: Request): boolean {
  const cookie = current(req);
  const sent = (req.body as Record<string, unknown> | undefined)?._csrf;
  return cookie !== undefined && typeof sent === 'string' && safeEqual(sent, cookie);
}

/** Signed in: the pre-session token has done its work. */
export function clearLoginCsrf(req: Request, res: Response, config: AppConfig): void {
  res.clearCookie(LOGIN_CSRF_COOKIE, { ...sessionCookieOptions(config, req), sameSite: 'strict', path: PATH });
}
