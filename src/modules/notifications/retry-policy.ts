/** Exponential backoff for failed deliveries: 1, 2, 4 … minutes, at most an hour; given up after 8 tries. */
export const MAX_ATTEMPTS = 8;

export function retryDelayMs(attempts: number): number {
  return Math.min(60, 2 ** Math.max(0, attempts - 1)) * 60_000;
}
