import type { CookieOptions, Request, Response } from 'express';
import type { AppConfig } from '../../config/app-config.js';

export const SESSION_COOKIE = 'amends_session';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/** HttpOnly and SameSite=Lax always; Secure unless this is plain-HTTP localhost (or configured). */
export function sessionCookieOptions(config: AppConfig, req: Request): CookieOptions {
  const secure = config.session.cookieSecure ?? (req.secure || !LOCAL_HOSTS.has(req.hostname));
  return { httpOnly: true, sameSite: 'lax', secure, path: '/' };
}

/**
 * For a session just begun: it lives `absoluteHours` from now, sent as Max-Age, which a browser
 * counts on its own clock (an Expires date from the server's clock is dropped at once by a
 * browser whose clock runs ahead, and kept too long by one behind).
 */
export function setSessionCookie(res: Response, req: Request, config: AppConfig, token: string): void {
  res.cookie(SESSION_COOKIE, token, { ...sessionCookieOptions(config, req), maxAge: config.session.absoluteHours * 3_600_000 });
}

export function clearSessionCookie(res: Response, req: Request, config: AppConfig): void {
  res.clearCookie(SESSION_COOKIE, sessionCookieOptions(config, req));
}

export function sessionToken(req: Request): string | undefined {
  const value = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
  return typeof value === 'string' && value.length > 0 && value.length < 200 ? value : undefined;
}
