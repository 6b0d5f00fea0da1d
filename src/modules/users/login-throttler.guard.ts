import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request } from 'express';
import { DomainError } from '../../common/errors/domain-error.js';

/** Counts sign-in attempts per client address and e-mail, so one account cannot be guessed at. */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const r = req as unknown as Request;
    const email = typeof r.body?.email === 'string' ? r.body.email.trim().toLowerCase() : '';
    return `${r.ip}|${email}`;
  }

  protected override async throwThrottlingException(): Promise<void> {
    throw new DomainError('auth.rate-limited', 'Too many sign-in attempts; wait a minute and try again');
  }
}
