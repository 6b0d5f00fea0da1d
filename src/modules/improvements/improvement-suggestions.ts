/**
 * Suggestions: a dealer × department × root cause with at least 3 tickets fixed in the last
 * 90 days and no open improvement. The grouping runs in SQL; these are its rules. Pure.
 */
export const SUGGEST_MIN_TICKETS = 3;
export const SUGGEST_WINDOW_DAYS = 90;

export interface Suggestion {
  dealerId: string;
  department: string;
  rootCause: string;
  tickets: number;
  ticketRefs: string[];
}

/** fixedAt from (inclusive) … to (inclusive): the last 90 days up to now. */
export function suggestionWindow(now: Date): { from: Date; to: Date } {
  return { from: new Date(now.getTime() - SUGGEST_WINDOW_DAYS * 24 * 3600 * 1000), to: now };
}

export interface GroupRow {
  dealerId: string;
  department: string;
  rootCause: string;
  tickets: number;
}

/** The groups SQL found, with their refs, most tickets first (then by dealer, department, cause). */
export function toSuggestions(groups: GroupRow[], refs: { dealerId: string; department: string; rootCause: string; ref: string }[]): Suggestion[] {
  const key = (r: { dealerId: string; department: string; rootCause: string }) => `${r.dealerId}|${r.department}|${r.rootCause}`;
  const byKey = new Map<string, string[]>();
  for (const r of refs) byKey.set(key(r), [...(byKey.get(key(r)) ?? []), r.ref]);
  return groups
    .filter((g) => g.tickets >= SUGGEST_MIN_TICKETS)
    .map((g) => ({ ...g, ticketRefs: (byKey.get(key(g)) ?? []).sort() }))
    .sort((a, b) => b.tickets - a.tickets || key(a).localeCompare(key(b)));
}
