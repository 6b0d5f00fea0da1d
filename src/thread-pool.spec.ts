import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

import { defaultHashSlots } from './config/app-config.js';

const { threadPoolSize, DEFAULT_HASHES } = createRequire(import.meta.url)('./thread-pool.cjs') as { threadPoolSize(env: Record<string, string | undefined>): number; DEFAULT_HASHES: number };

describe('the libuv thread pool size', () => {
  it('holds every hash the sign-in may run at once and four threads more for the database', () => {
    expect(DEFAULT_HASHES).toBe(defaultHashSlots());
    expect(threadPoolSize({})).toBe(defaultHashSlots() + 4);
    expect(threadPoolSize({ LOGIN_MAX_CONCURRENT_HASHES: '12' })).toBe(16);
    expect(threadPoolSize({ LOGIN_MAX_CONCURRENT_HASHES: 'nonsense' })).toBe(defaultHashSlots() + 4);
  });

  it('keeps a size set explicitly', () => {
    expect(threadPoolSize({ UV_THREADPOOL_SIZE: '32', LOGIN_MAX_CONCURRENT_HASHES: '12' })).toBe(32);
    expect(threadPoolSize({ UV_THREADPOOL_SIZE: '0' })).toBe(defaultHashSlots() + 4);
  });
});
