import type { Logger } from '@nestjs/common';
import type { SchedulerRegistry } from '@nestjs/schedule';
import { describe, expect, it } from 'vitest';
import { LeasedRound } from './leased-round.js';

/** A logger that keeps what it was told. */
function logger() {
  const lines: { level: 'log' | 'error'; text: string }[] = [];
  const l = { log: (text: string) => lines.push({ level: 'log', text }), error: (text: string) => lines.push({ level: 'error', text }) };
  return { logger: l as unknown as Logger, lines };
}

/** Job leases in memory: one holder per name, or none at all when `free` is false (another process has it). */
function leases(free = true) {
  const asked: { name: string; leaseMs: number }[] = [];
  const held = new Set<string>();
  return {
    asked,
    exclusive: async (name: string, leaseMs: number, job: () => Promise<void>) => {
      asked.push({ name, leaseMs });
      if (!free || held.has(name)) return false;
      held.add(name);
      try {
        await job();
      } finally {
        held.delete(name);
      }
      return true;
    },
  };
}

describe('LeasedRound', () => {
  it('runs the round under the job lease named after it', async () => {
    const { logger: l } = logger();
    const lease = leases();
    let runs = 0;
    await new LeasedRound('sla-sweep', l).run(lease, 120_000, async () => void runs++);
    expect(runs).toBe(1);
    expect(lease.asked).toEqual([{ name: 'sla-sweep', leaseMs: 120_000 }]);
  });

  it('skips a tick while the last round of this process is still running', async () => {
    const { logger: l } = logger();
    const lease = leases();
    const round = new LeasedRound('outbox', l);
    let release!: () => void;
    let runs = 0;
    const first = round.run(lease, 1000, () => { runs++; return new Promise<void>((r) => (release = r)); });
    await round.run(lease, 1000, async () => void runs++);
    // The second tick did not even ask for the lease.
    expect(lease.asked).toHaveLength(1);
    release();
    await first;
    await round.run(lease, 1000, async () => void runs++);
    expect(runs).toBe(2);
  });

  it('does not run while another process holds the lease', async () => {
    const { logger: l } = logger();
    let runs = 0;
    await new LeasedRound('contact-messages', l).run(leases(false), 1000, async () => void runs++);
    expect(runs).toBe(0);
  });

  it('logs a failing round instead of throwing, and runs again at the next tick', async () => {
    const { logger: l, lines } = logger();
    const round = new LeasedRound('improvement-deadlines', l);
    await expect(round.run(leases(), 1000, async () => { throw new Error('database gone'); })).resolves.toBeUndefined();
    expect(lines.some((x) => x.level === 'error' && x.text.includes('database gone'))).toBe(true);
    let runs = 0;
    await round.run(leases(), 1000, async () => void runs++);
    expect(runs).toBe(1);
  });

  it('logs a sweep\'s counts only when it did something', async () => {
    const { logger: l, lines } = logger();
    const round = new LeasedRound('contact-messages', l);
    await round.sweep(leases(), 1000, async () => ({ sent: 0, withoutConsent: 0 }));
    expect(lines).toEqual([]);
    await round.sweep(leases(), 1000, async () => ({ sent: 2, withoutConsent: 0 }));
    expect(lines).toEqual([{ level: 'log', text: 'contact-messages: {"sent":2,"withoutConsent":0}' }]);
  });

  it('ticks every period under its own name, and not at all with the scheduler off', () => {
    const { logger: l } = logger();
    const added: { name: string }[] = [];
    const registry = { addInterval: (name: string, timer: NodeJS.Timeout) => { clearInterval(timer); added.push({ name }); } } as unknown as SchedulerRegistry;
    const round = new LeasedRound('outbox', l);
    round.every(registry, false, 5, async () => undefined);
    expect(added).toEqual([]);
    round.every(registry, true, 5, async () => undefined);
    expect(added).toEqual([{ name: 'outbox' }]);
  });
});
