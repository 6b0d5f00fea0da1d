import { Injectable } from '@nestjs/common';

/**
 * The queue page's counts per filter value, kept per scope and filter set. Counting means
 * reading every ticket the filters select — a million in a big queue — while the list
 * itself reads one page from an index, so the counts are shared:
 * - concurrent pages wait for the one count under way rather than starting their own;
 * - a ticket written here makes the counts stale, but they are counted again at most
 *   every `minAgeMs` (a busy desk writes many tickets a second; each write must not cost
 *   every open queue page a full count);
 * - writes by another instance show within `ttlMs`.
 */
@Injectable()
export class FacetCountsCache<T = unknown> {
  private readonly entries = new Map<string, { at: number; generation: number; value: Promise<T> }>();
  private generation = 0;
  private readonly ttlMs = 10_000;
  private readonly minAgeMs = 2_000;
  private readonly maxEntries = 500;

  /** The counts for `key`; a failure is not kept. */
  get(key: string, compute: () => Promise<T>): Promise<T> {
    const now = performance.now();
    const hit = this.entries.get(key);
    if (hit) {
      const age = now - hit.at;
      const fresh = hit.generation === this.generation ? age < this.ttlMs : age < this.minAgeMs;
      if (fresh) return hit.value;
    }
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    const value = compute();
    const entry = { at: now, generation: this.generation, value };
    this.entries.set(key, entry);
    value.catch(() => this.entries.get(key) === entry && this.entries.delete(key));
    return value;
  }

  /** Called whenever a ticket is created or changed here. */
  invalidate(): void {
    this.generation++;
  }
}
