/** The queue's saved views: each one a filter in the URL, so a view can be bookmarked and shared. */
export interface QueueView {
  key: 'all' | 'mine' | 'unassigned' | 'breached' | 'sale-at-risk';
  label: string;
  href: string;
  current: boolean;
}

export function queueViews(actorId: string, filters: Record<string, string>): QueueView[] {
  const views: [QueueView['key'], string, Record<string, string>][] = [
    ['all', 'All open', {}],
    ['mine', 'Mine', { assigneeId: actorId }],
    ['unassigned', 'Unassigned', { unassigned: 'true' }],
    ['breached', 'Breached', { slaState: 'breached' }],
    ['sale-at-risk', 'Sale at risk', { saleAtRisk: 'true' }],
  ];
  const shown = Object.entries(filters).filter(([k, v]) => k !== 'cursor' && v !== '');
  return views.map(([key, label, view]) => {
    const query = new URLSearchParams(view).toString();
    // Current only when the page shows exactly that view: one more filter makes it another list.
    const current = shown.length === Object.keys(view).length && shown.every(([k, v]) => view[k] === v);
    return { key, label, href: query ? `/tickets?${query}` : '/tickets', current };
  });
}
