import { describe, expect, it } from 'vitest';
import { applyHeapGrowth, heapGrowingFlag } from './heap-growth.js';

describe('the heap growth policy', () => {
  it('is V8’s growing percent, or nothing for 0', () => {
    expect(heapGrowingFlag(100)).toBe('--heap-growing-percent=100');
    expect(heapGrowingFlag(0)).toBeNull();
  });

  it('leaves a percent given to node itself alone', () => {
    expect(applyHeapGrowth(100, ['--heap-growing-percent=50'], '')).toBeNull();
    expect(applyHeapGrowth(100, [], '--heap-growing-percent=50')).toBeNull();
    expect(applyHeapGrowth(0, [], '')).toBeNull();
    expect(applyHeapGrowth(100, ['--enable-source-maps'], '')).toBe('--heap-growing-percent=100');
  });
});
