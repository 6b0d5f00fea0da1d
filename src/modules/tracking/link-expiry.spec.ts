import { describe, expect, it } from 'vitest';
import { trackingLinkExpired } from './link-expiry.js';

const closedAt = new Date('2026-01-01T12:00:00Z');
const at = (iso: string) => new Date(iso);

describe('trackingLinkExpired', () => {
  it('lapses the given number of days after closing, not before', () => {
    expect(trackingLinkExpired({ status: 'closed', closedAt }, at('2026-04-01T11:59:59Z'), 90)).toBe(false);
    expect(trackingLinkExpired({ status: 'closed', closedAt }, at('2026-04-01T12:00:00Z'), 90)).toBe(true);
    expect(trackingLinkExpired({ status: 'closed', closedAt }, at('2026-01-02T12:00:00Z'), 1)).toBe(true);
  });
  it('never lapses while the ticket is not closed', () => {
    expect(trackingLinkExpired({ status: 'open', closedAt: null }, at('2036-01-01T00:00:00Z'), 90)).toBe(false);
    expect(trackingLinkExpired({ status: 'resolved', closedAt: null }, at('2036-01-01T00:00:00Z'), 90)).toBe(false);
  });
});
