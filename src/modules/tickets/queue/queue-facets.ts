/** The fields the queue page counts per value. */
export const FACETS = ['status', 'stage', 'severity', 'slaState', 'channel', 'department'] as const;
export type Facet = (typeof FACETS)[number];

/** A combination of counted values and how many tickets have it (null: no SLA state). */
export type CountedRow = Record<Facet, string | null> & { n: number };

export type FacetCounts = Record<Facet, Record<string, number>>;

/**
 * For each field, how many tickets each value has under the other filters: a field's
 * counts leave out its own filter (and, for status, "not closed") and keep all the others.
 * A value without tickets is left out; a missing value is counted as 'none'.
 */
export function countFacets(rows: readonly CountedRow[], filters: Partial<Record<Facet, string>>, openOnly: boolean): FacetCounts {
  const out = Object.fromEntries(FACETS.map((f) => [f, {}])) as FacetCounts;
  const hideClosed = openOnly && filters.status === undefined;
  for (const row of rows) {
    if (row.n <= 0) continue;
    // The filters this row fails; a field's count takes it only if it fails none but that field's own.
    const failed = FACETS.filter((f) => filters[f] !== undefined && row[f] !== filters[f]);
    if (failed.length > 1) continue;
    const closedOut = hideClosed && row.status === 'closed';
    for (const f of FACETS) {
      if (failed.length && failed[0] !== f) continue;
      if (closedOut && f !== 'status') continue;
      const value = row[f] ?? 'none';
      out[f][value] = (out[f][value] ?? 0) + row.n;
    }
  }
  return out;
}
