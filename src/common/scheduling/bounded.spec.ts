import { describe, expect, it } from 'vitest';
import { settleBounded } from './bounded.js';

describe('settleBounded', () => {
  it('never runs more than the limit at once, and keeps the order of the items', async () => {
    let running = 0;
    let peak = 0;
    const results = await settleBounded([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setImmediate(r));
      running--;
      return n * 10;
    });
    expect(peak).toBe(3);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : null))).toEqual([10, 20, 30, 40, 50, 60, 70]);
  });

  it('settles a failure as that item\'s result, the others still run', async () => {
    const results = await settleBounded(['a', 'b', 'c'], 2, async (s) => {
      if (s === 'b') throw new Error('no');
      return s;
    });
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('runs nothing for no items', async () => {
    expect(await settleBounded([], 4, async () => 1)).toEqual([]);
  });
});
