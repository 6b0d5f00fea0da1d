import { Injectable, applyDecorators, UseGuards, type ExecutionContext } from '@nestjs/common';
import { SkipThrottle, ThrottlerGuard, type ThrottlerLimitDetail, type ThrottlerOptions } from '@nestjs/throttler';
import type { Request } from 'express';
import { RetryLaterError } from '../errors/retry-later.error.js';
import { hashToken } from '../security/tokens.js';

/** The named limits; each route opts into one group of them. */
export type RateLimitName = 'login' | 'tracking';
const GROUPS: Record<RateLimitName, string[]> = { login: ['login', 'login-address'], tracking: ['tracking'] };
const ALL = Object.values(GROUPS).flat();

/**
 * Sign-in attempts count per client address and e-mail, so one account cannot be guessed
 * at, and per address across all e-mails, so random e-mails cannot spray (or keep the
 * hashing busy) unlimited; a customer's posts count per tracking token (by its hash, never
 * the token itself), on the page and the API together. The address is `req.ip`: behind a
 * proxy only with TRUST_PROXY set, otherwise the proxy's own.
 */
export function rateLimits(config: { login: { limit: number; windowSeconds: number; perAddress: number }; tracking: { limit: number; windowSeconds: number } }): ThrottlerOptions[] {
  // One count per limit and tracker, not per route: the sign-in form and the API share one budget
  // (found by the security suite: each route had its own, so an account took twice the guesses).
  const generateKey = (_context: unknown, tracker: string, name: string) => `${name}|${tracker}`;
  return [
    {
      name: 'login',
      generateKey,
      ttl: config.login.windowSeconds * 1000,
      limit: config.login.limit,
      getTracker: (req: Record<string, unknown>) => {
        const r = req as unknown as Request;
        const email = typeof r.body?.email === 'string' ? r.body.email.trim().toLowerCase() : '';
        return `${r.ip}|${email}`;
      },
    },
    {
      name: 'login-address',
      generateKey,
      ttl: config.login.windowSeconds * 1000,
      limit: config.login.perAddress,
      // No tracker of its own: the guard's, which takes req.ip and counts IPv6 by its subnet.
    },
    {
      name: 'tracking',
      generateKey,
      ttl: config.tracking.windowSeconds * 1000,
      limit: config.tracking.limit,
      getTracker: (req: Record<string, unknown>) => hashToken(String((req as unknown as Request).params?.token ?? '')),
    },
  ];
}

@Injectable()
class RateLimitGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    throw new RetryLaterError('rate-limit.rate-limited', 'Too many attempts; wait a minute and try again', detail.timeToBlockExpire);
  }
}

/** Applies one named group of limits to a route (and skips the others). */
export function RateLimit(name: RateLimitName) {
  const skip = Object.fromEntries(ALL.filter((n) => !GROUPS[name].includes(n)).map((n) => [n, true]));
  return applyDecorators(SkipThrottle(skip), UseGuards(RateLimitGuard));
}
