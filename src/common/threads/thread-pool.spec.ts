import { threadId } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { ThreadPool } from './thread-pool.js';
import { businessHours, medianOf } from '../../modules/reporting/business-hours.js';
import type { ZonedCalendar } from '../../modules/sla/business-time.js';

const calendar: ZonedCalendar = {
  timeZone: 'Europe/Amsterdam',
  weekly: { mon: [['08:00', '17:00']], tue: [['08:00', '17:00']], wed: [['08:00', '12:00'], ['13:00', '17:00']], thu: [['08:00', '17:00']], fri: [['08:00', '17:00']], sat: [['09:00', '13:00']] },
  holidays: [{ date: '2026-12-25', name: 'Christmas', intervals: [] }],
};

// The first task starts the worker, which compiles its modules from source: slow on a busy machine.
describe('the dashboard\'s worker thread', { timeout: 60_000 }, () => {
  const pool = new ThreadPool(new URL('../../modules/reporting/business-hours.worker.ts', import.meta.url), 1);
  afterAll(() => pool.close());

  it('runs its tasks in another thread than the caller\'s', async () => {
    const other = await pool.run<number>('threadId', {});
    expect(other).not.toBe(threadId);
    expect(pool.completed).toBe(1);
  });

  it('gives exactly the business hours and the median the same functions give in this thread', async () => {
    const day = Date.UTC(2026, 11, 1, 7);
    const starts = Float64Array.from({ length: 2000 }, (_, i) => day + i * 37 * 60_000);
    const ends = Float64Array.from(starts, (s, i) => s + ((i * 7919) % 20_000) * 60_000);
    const here = businessHours({ calendar, starts, ends });
    const there = await pool.run<Float64Array>('businessHours', { calendar, starts: starts.slice(), ends: ends.slice() });
    expect([...there]).toEqual([...here]);
    expect(here.some((h) => h > 0)).toBe(true);
    const parts = [here.slice(0, 700), here.slice(700)];
    expect(await pool.run('medianOf', { parts: parts.map((p) => p.slice()) })).toBe(medianOf({ parts }));
    expect(await pool.run('medianOf', { parts: [] })).toBeNull();
  });

  it('fails a task with the error its worker threw, and keeps serving', async () => {
    await expect(pool.run('no-such-task', {})).rejects.toThrow('no task no-such-task');
    expect(await pool.run<number>('threadId', {})).not.toBe(threadId);
  });
});
