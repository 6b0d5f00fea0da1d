import { describe, expect, it } from 'vitest';
import { formatRef, REF_PATTERN } from './ticket-ref.js';

describe('ticket references', () => {
  it('are AM-<year>-<6 digits>', () => {
    expect(formatRef(2026, 123)).toBe('AM-2026-000123');
    expect(formatRef(2026, 1)).toMatch(REF_PATTERN);
  });
  it('grow past a million rather than wrap', () => {
    expect(formatRef(2027, 1_000_000)).toBe('AM-2027-1000000');
  });
});
