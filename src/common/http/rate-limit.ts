import { Injectable, applyDecorators, UseGuards } from '@nestjs/common';
import { SkipThrottle, ThrottlerGuard, type ThrottlerOptions } from '@nestjs/throttler';
import type { Request } from 'express';
import { DomainError } from '../errors/domain-error.js';
import { hashToken } from '../security/tokens.js';

/** The named limits; each route opts into exactly one. */
export type RateLimitName = 'login' | 'tracking';
const NAMES: RateLimitName[] = ['login', 'tracking'];

/**
 * Sign-in attempts count per client address and e-mail, so one account cannot be guessed
 * at; a customer's posts count per tracking token (by its hash, never the token itself), on
 * the page and the API together.
 */
export function rateLimits(config: { login: { limit: number; windowSeconds: number }; tracking: { limit: number; windowSeconds: number } }): ThrottlerOptions[] {
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
  protected override async throwThrottlingException(): Promise<void> {
    throw new DomainError('rate-limit.rate-limited', 'Too many attempts; wait a minute and try again');
  }
}

/** Applies one named limit to a route (and skips the others). */
export function RateLimit(name: RateLimitName) {
  const skip = Object.fromEntries(NAMES.filter((n) => n !== name).map((n) => [n, true]));
  return applyDecorators(SkipThrottle(skip), UseGuards(RateLimitGuard));
}
