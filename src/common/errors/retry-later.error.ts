import { DomainError } from './domain-error.js';
import type { ErrorCode } from './error-codes.js';

/** A refusal that passes with time (429, 503): the answer carries Retry-After in seconds. */
export class RetryLaterError extends DomainError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(code, message);
    this.name = 'RetryLaterError';
  }
}
