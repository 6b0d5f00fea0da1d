/**
 * An error a service raises when a request cannot be carried out. The code says why
 * (`ticket.not-found`, `stage.out-of-order`, …); the HTTP status is chosen at the edge.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: string[],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** The last segment of a code decides the status; a few whole codes are listed where it does not. */
const BY_SUFFIX: Record<string, number> = {
  'not-found': 404,
  unauthenticated: 401,
  forbidden: 403,
  'change-required': 403,
  invalid: 400,
  conflict: 409,
  'out-of-order': 422,
  'invalid-state': 422,
  'over-limit': 422,
  'rate-limited': 429,
  'too-large': 413,
  unavailable: 503,
};

export function statusForCode(code: string): number {
  const suffix = code.split('.').pop() ?? '';
  return BY_SUFFIX[suffix] ?? 400;
}
