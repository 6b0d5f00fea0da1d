import type { CookieOptions, Request, Response } from 'express';
import type { AppConfig } from '../../config/app-config.js';

export const SESSION_COOKIE = 'amends_session';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/** HttpOnly and SameSite=Lax always; Secure unless this is plain-HTTP localhost (or configured). */
export function sessionCookieOptions(config: AppConfig, req: Request, expiresAt?: Date): CookieOptions {
  const secure = config.session.cookieSecure ?? (req.secure || !LOCAL_HOSTS.has(req.hostname));
  return { httpOnly: true, sameSite: 'lax', secure, path: '/', ...(expiresAt ? { expires: expiresAt } : {}) };
}

export function setSessionCookie(res: Response, req: Request, config: AppConfig, token: string, expiresAt: Date): void {
  res.cookie(SESSION_COOKIE, token, sessionCookieOptions(config, req, expiresAt));
}

export function clearSessionCookie(res: Response, req: Request, config: AppConfig): void {
  res.clearCookie(SESSION_COOKIE, sessionCookieOptions(config, req));
}

export function sessionToken(req: Request): string | undefined {
  const value = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
  return typeof value === 'string' && value.length > 0 && value.length < 200 ? value : undefined;
}
