import { describe, expect, it } from 'vitest';
import { FacetCountsCache } from './facet-counts.cache.js';

describe('FacetCountsCache', () => {
  it('computes once for concurrent callers of one key, separately per key', async () => {
    const cache = new FacetCountsCache<number>();
    let calls = 0;
    const compute = async () => ++calls;
    const [a, b] = await Promise.all([cache.get('k', compute), cache.get('k', compute)]);
    expect([a, b, calls]).toEqual([1, 1, 1]);
    expect(await cache.get('other', compute)).toBe(2);
  });

  it('computes again after an invalidation', async () => {
    const cache = new FacetCountsCache<number>();
    let calls = 0;
    await cache.get('k', async () => ++calls);
    cache.invalidate();
    expect(await cache.get('k', async () => ++calls)).toBe(2);
  });

  it('does not keep a failure', async () => {
    const cache = new FacetCountsCache<number>();
    await expect(cache.get('k', async () => Promise.reject(new Error('db gone')))).rejects.toThrow('db gone');
    expect(await cache.get('k', async () => 7)).toBe(7);
  });
});
