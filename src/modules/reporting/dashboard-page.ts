/** What the dashboard page's filter form sends, as the API takes it; pure. */

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The form's own values (to show back) and the query for the figures. The date pickers
 * give whole days and "to" includes its day, so a picked `to` becomes the next midnight
 * (the API's `to` is exclusive); empty fields are left out.
 */
export function pageFilters(raw: Record<string, unknown>): { shown: Record<string, string>; query: Record<string, string> } {
  const shown = Object.fromEntries(Object.entries(raw).filter(([k, v]) => ['dealerId', 'from', 'to'].includes(k) && typeof v === 'string' && v !== '')) as Record<string, string>;
  const query = { ...shown };
  if (query.to && DATE.test(query.to)) {
    const next = new Date(`${query.to}T00:00:00Z`);
    if (!Number.isNaN(next.getTime())) query.to = new Date(next.getTime() + 86_400_000).toISOString().slice(0, 10);
  }
  return { shown, query };
}

/** The period as the date pickers show it: its first day and its last (inclusive) day, UTC. */
export function periodShown(period: { from: string; to: string }): { from: string; to: string } {
  return { from: period.from.slice(0, 10), to: new Date(new Date(period.to).getTime() - 1).toISOString().slice(0, 10) };
}
