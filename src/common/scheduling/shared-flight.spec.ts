import { describe, expect, it } from 'vitest';
import { SharedFlight } from './shared-flight.js';

/** A computation the test settles by hand, counting how often it was started. */
function gate<T>() {
  let settle!: { resolve: (v: T) => void; reject: (e: Error) => void };
  let starts = 0;
  const compute = () => {
    starts++;
    return new Promise<T>((resolve, reject) => (settle = { resolve, reject }));
  };
  return { compute, settle: () => settle, starts: () => starts };
}

describe('SharedFlight', () => {
  it('runs identical concurrent calls once and gives each the same answer', async () => {
    const flights = new SharedFlight<{ n: number }>();
    const g = gate<{ n: number }>();
    const calls = [1, 2, 3, 4].map(() => flights.run('k', g.compute));
    expect(g.starts()).toBe(1);
    g.settle().resolve({ n: 7 });
    const answers = await Promise.all(calls);
    expect(answers.every((a) => a === answers[0] && a.n === 7)).toBe(true);
  });

  it('keeps different keys apart, and keeps nothing once settled', async () => {
    const flights = new SharedFlight<number>();
    const a = gate<number>();
    const b = gate<number>();
    const first = flights.run('a', a.compute);
    const other = flights.run('b', b.compute);
    expect([a.starts(), b.starts(), flights.size]).toEqual([1, 1, 2]);
    a.settle().resolve(1);
    b.settle().resolve(2);
    expect([await first, await other]).toEqual([1, 2]);
    expect(flights.size).toBe(0);
    const again = flights.run('a', a.compute);
    expect(a.starts()).toBe(2);
    a.settle().resolve(3);
    expect(await again).toBe(3);
  });

  it('shares a failure with the callers under way, then tries again', async () => {
    const flights = new SharedFlight<number>();
    const g = gate<number>();
    const calls = [flights.run('k', g.compute), flights.run('k', g.compute)];
    g.settle().reject(new Error('database gone'));
    for (const c of calls) await expect(c).rejects.toThrow('database gone');
    expect(flights.size).toBe(0);
    await expect(flights.run('k', () => { throw new Error('at once'); })).rejects.toThrow('at once');
    expect(flights.size).toBe(0);
  });
});
