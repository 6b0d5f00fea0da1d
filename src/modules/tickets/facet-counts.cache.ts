import { Injectable } from '@nestjs/common';

/**
 * The queue page's counts per filter value, kept for a few seconds per scope and filter
 * set. Counting means reading every ticket the filters select — a million in a big
 * queue — while the list itself reads one page from an index, so without this the counts
 * would cost the page a hundred times what its rows do. Any ticket written by this
 * process drops them all; writes by another instance show within `ttlMs`.
 */
@Injectable()
export class FacetCountsCache<T = unknown> {
  private readonly entries = new Map<string, { at: number; value: Promise<T> }>();
  private readonly ttlMs = 10_000;
  private readonly maxEntries = 500;

  /** The counts for `key`, computed once for concurrent callers; a failure is not kept. */
  get(key: string, compute: () => Promise<T>): Promise<T> {
    const now = performance.now();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.value;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    const value = compute();
    const entry = { at: now, value };
    this.entries.set(key, entry);
    value.catch(() => this.entries.get(key) === entry && this.entries.delete(key));
    return value;
  }

  /** Called whenever a ticket is created or changed here. */
  invalidate(): void {
    this.entries.clear();
  }
}
