import { afterEach, describe, expect, it, vi } from 'vitest';
import { FacetCountsCache } from './facet-counts.cache.js';

describe('FacetCountsCache', () => {
  afterEach(() => vi.useRealTimers());

  it('computes once for concurrent callers of one key, separately per key', async () => {
    const cache = new FacetCountsCache<number>();
    let calls = 0;
    const compute = async () => ++calls;
    const [a, b] = await Promise.all([cache.get('k', compute), cache.get('k', compute)]);
    expect([a, b, calls]).toEqual([1, 1, 1]);
    expect(await cache.get('other', compute)).toBe(2);
  });

  it('keeps counts ten seconds without writes', async () => {
    vi.useFakeTimers();
    const cache = new FacetCountsCache<number>();
    let calls = 0;
    await cache.get('k', async () => ++calls);
    vi.advanceTimersByTime(9_000);
    expect(await cache.get('k', async () => ++calls)).toBe(1);
    vi.advanceTimersByTime(1_500);
    expect(await cache.get('k', async () => ++calls)).toBe(2);
  });

  it('after a write counts again, but not more often than every two seconds', async () => {
    vi.useFakeTimers();
    const cache = new FacetCountsCache<number>();
    let calls = 0;
    await cache.get('k', async () => ++calls);
    cache.invalidate();
    expect(await cache.get('k', async () => ++calls)).toBe(1);
    vi.advanceTimersByTime(2_100);
    expect(await cache.get('k', async () => ++calls)).toBe(2);
    cache.invalidate();
    vi.advanceTimersByTime(2_100);
    expect(await cache.get('k', async () => ++calls)).toBe(3);
  });

  it('does not keep a failure', async () => {
    const cache = new FacetCountsCache<number>();
    await expect(cache.get('k', async () => Promise.reject(new Error('db gone')))).rejects.toThrow('db gone');
    expect(await cache.get('k', async () => 7)).toBe(7);
  });
});
