import type { ErrorCode } from './error-codes.js';
import type { FieldIssue } from './field-issue.js';

export { statusForCode } from './error-codes.js';

/**
 * An error a service raises when a request cannot be carried out. The code says why
 * (`ticket.not-found`, `stage.out-of-order`, …); the HTTP status comes from the
 * code table (error-codes.ts) at the edge.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: string[],
    /** Bad fields, by path, for a form to show each under its field (validation errors). */
    readonly issues?: FieldIssue[],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

