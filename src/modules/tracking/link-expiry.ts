const DAY_MS = 86_400_000;

/**
 * Whether a tracking link has lapsed: `days` after its ticket closed (an open, resolved or
 * reopened ticket's link stays good). A lapsed link is answered exactly as an unknown one.
 */
export function trackingLinkExpired(ticket: { status: string; closedAt: Date | null }, now: Date, days: number): boolean {
  if (ticket.status !== 'closed' || !ticket.closedAt) return false;
  return now.getTime() >= ticket.closedAt.getTime() + days * DAY_MS;
}
