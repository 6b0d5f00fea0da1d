import { describe, expect, it } from 'vitest';
import { FixedClock, ReplayableClock } from './clock.js';

describe('ReplayableClock', () => {
  it('follows the given clock, except while a replay has set it back', () => {
    const base = new FixedClock(new Date('2026-11-30T12:00:00Z'));
    const clock = new ReplayableClock(base);
    expect(clock.now().toISOString()).toBe('2026-11-30T12:00:00.000Z');
    base.advance(60_000);
    expect(clock.now().toISOString()).toBe('2026-11-30T12:01:00.000Z');
    clock.replay(new Date('2026-09-07T08:00:00Z'));
    base.advance(60_000);
    expect(clock.now().toISOString()).toBe('2026-09-07T08:00:00.000Z');
    clock.replay(null);
    expect(clock.now().toISOString()).toBe('2026-11-30T12:02:00.000Z');
  });
});
