import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isGatedRead } from './read-admission.js';
import { ReadGate, type Refusal } from './read-gate.js';

/** A read at the gate: its release once admitted, or why it was refused. */
function arrive(gate: ReadGate, name: string, log: string[]) {
  const read: { release?: () => void; refused?: Refusal; withdraw?: () => void } = {};
  read.withdraw = gate.enter(
    (release) => {
      read.release = release;
      log.push(name);
    },
    (why) => {
      read.refused = why;
      log.push(`${name} refused (${why})`);
    },
  );
  return read;
}

describe('ReadGate: a few reads at a time, the rest in order, bounded', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const gate = (slots: number, maxWaiting = 10, maxWaitMs = 5000, maxHoldMs = 60_000) => new ReadGate({ slots, maxWaiting, maxWaitMs, maxHoldMs });

  it('admits up to its slots at once and the rest in order of arrival as slots free', () => {
    const g = gate(2);
    const log: string[] = [];
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((n) => arrive(g, n, log));
    expect(log).toEqual(['a', 'b']);
    expect([g.inFlight, g.waiting]).toEqual([2, 2]);
    b.release!();
    expect(log).toEqual(['a', 'b', 'c']);
    a.release!();
    a.release!(); // a second release of the same slot counts once
    expect(log).toEqual(['a', 'b', 'c', 'd']);
    c.release!();
    d.release!();
    expect([g.inFlight, g.waiting]).toEqual([0, 0]);
  });

  it('lets no newcomer overtake a waiting read', () => {
    const g = gate(1);
    const log: string[] = [];
    const a = arrive(g, 'a', log);
    arrive(g, 'b', log);
    a.release!();
    arrive(g, 'c', log);
    expect(log).toEqual(['a', 'b']);
  });

  it('refuses at once beyond its queue, and a read that waited too long', () => {
    const g = gate(1, 1, 5000);
    const log: string[] = [];
    const a = arrive(g, 'a', log);
    const b = arrive(g, 'b', log);
    const c = arrive(g, 'c', log);
    expect(c.refused).toBe('full');
    vi.advanceTimersByTime(4999);
    expect(b.refused).toBeUndefined();
    vi.advanceTimersByTime(1);
    expect(b.refused).toBe('timeout');
    expect(g.waiting).toBe(0);
    // The refused read never gets a slot after all.
    a.release!();
    expect(log).toEqual(['a', 'c refused (full)', 'b refused (timeout)']);
    expect(g.inFlight).toBe(0);
  });

  it('forgets a read whose client left while it waited', () => {
    const g = gate(1);
    const log: string[] = [];
    const a = arrive(g, 'a', log);
    const b = arrive(g, 'b', log);
    arrive(g, 'c', log);
    b.withdraw!();
    a.release!();
    expect(log).toEqual(['a', 'c']);
    vi.advanceTimersByTime(10_000);
    expect(log).toEqual(['a', 'c']);
  });

  it('takes back a slot held longer than maxHoldMs', () => {
    const g = gate(1, 10, 60_000, 1000);
    const log: string[] = [];
    arrive(g, 'slow', log);
    arrive(g, 'next', log);
    vi.advanceTimersByTime(1000);
    expect(log).toEqual(['slow', 'next']);
  });

  it('with no slots is no gate at all', () => {
    const g = gate(0);
    const log: string[] = [];
    for (const n of ['a', 'b', 'c']) expect(arrive(g, n, log).withdraw).toBeUndefined();
    expect(log).toEqual(['a', 'b', 'c']);
  });
});

describe('isGatedRead: which requests wait at the gate', () => {
  it('gates reads of pages and the API, never writes, probes or static files', () => {
    expect(isGatedRead('GET', '/api/tickets')).toBe(true);
    expect(isGatedRead('HEAD', '/tickets')).toBe(true);
    expect(isGatedRead('GET', '/')).toBe(true);
    expect(isGatedRead('POST', '/api/tickets')).toBe(false);
    expect(isGatedRead('PATCH', '/api/tickets/x')).toBe(false);
    expect(isGatedRead('DELETE', '/api/users/x')).toBe(false);
    expect(isGatedRead('OPTIONS', '/api/tickets')).toBe(false);
    expect(isGatedRead('GET', '/health/live')).toBe(false);
    expect(isGatedRead('GET', '/HEALTH/ready')).toBe(false);
    expect(isGatedRead('GET', '/static/app.css')).toBe(false);
    expect(isGatedRead('GET', '/healthy-looking-page')).toBe(true);
  });
});
