import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { rawRows } from './row-values.js';

/** The caches kept in memory and invalidated through the database (rows of cache_versions). */
export type CacheName = 'dealers' | 'sla-policies';

/**
 * Marks a cache stale for every process, inside the caller's transaction: it becomes
 * visible exactly when the change does. A fresh random stamp rather than a counter, so a
 * stamp seen inside a transaction that then rolled back can never come round again.
 */
export async function invalidateCache(m: EntityManager, name: CacheName): Promise<void> {
  await rawRows(m, 'UPDATE cache_versions SET stamp = ? WHERE name = ?', [randomUUID(), name]);
}

/** A cache's version stamp as a column of another statement (the name is one of ours, never input). */
export function cacheStamp(name: CacheName): string {
  return `(SELECT cv.stamp FROM cache_versions cv WHERE cv.name = '${name}')`;
}

/**
 * A value loaded from the database and kept while its version row is unchanged. Each use
 * costs one read of that row by its key; a change made by any process (or instance)
 * shows on the next use. The stamp is read before the load, so a change racing the
 * load leaves a newer stamp behind and the next use loads again.
 */
export class VersionedCache<T> {
  private held: { stamp: string; value: T } | null = null;
  private loading: { stamp: string; value: Promise<T> } | null = null;

  constructor(
    private readonly name: CacheName,
    private readonly load: (db: EntityManager | DataSource) => Promise<T>,
  ) {}

  /**
   * `stamp`: the version row's stamp as the caller's own statement read it (cacheStamp
   * as a column), which spares this read of it: one statement less on a hot read.
   */
  async get(db: EntityManager | DataSource, known?: string | null): Promise<T> {
    const stamp = known !== undefined ? known : (await rawRows<{ stamp: string }>(db, 'SELECT stamp FROM cache_versions WHERE name = ?', [this.name]))[0]?.stamp;
    // No row (a database the migration has not reached): nothing can be trusted, read it each time.
    if (stamp === undefined || stamp === null) return this.load(db);
    if (this.held?.stamp === stamp) return this.held.value;
    // Concurrent misses of one stamp share one load.
    if (this.loading?.stamp === stamp) return this.loading.value;
    const value = this.load(db);
    this.loading = { stamp, value };
    try {
      const loaded = await value;
      this.held = { stamp, value: loaded };
      return loaded;
    } finally {
      if (this.loading?.value === value) this.loading = null;
    }
  }
}
