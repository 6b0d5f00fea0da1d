import type { Logger } from '@nestjs/common';
import type { SchedulerRegistry } from '@nestjs/schedule';
import type { JobLeases } from './job-leases.js';
import { repeatEvery } from './repeat.js';
import { SingleFlight } from './single-flight.js';

/**
 * The tick of a scheduled job (the SLA sweep, improvement deadlines, contact messages, the
 * outbox): within a process the flight (a slow round is not joined by the next tick), across
 * processes the job's lease (one instance runs the round, the others skip it). What goes
 * wrong is logged, never thrown: a tick runs from a timer with nobody to catch it.
 */
export class LeasedRound {
  private readonly flight: SingleFlight;

  constructor(
    private readonly name: string,
    private readonly logger: Logger,
  ) {
    this.flight = new SingleFlight(logger);
  }

  /** Ticks every `seconds`, under the round's name, when the in-app scheduler is on (tests drive the ticks themselves). */
  every(registry: SchedulerRegistry, enabled: boolean, seconds: number, tick: () => Promise<void>): void {
    if (enabled) repeatEvery(registry, this.name, seconds, tick);
  }

  /** Runs `round` under the job's lease of `leaseMs`, unless this process or another is already at it. */
  run(leases: Pick<JobLeases, 'exclusive'>, leaseMs: number, round: () => Promise<void>): Promise<void> {
    return this.flight.run(() => leases.exclusive(this.name, leaseMs, round).then(() => undefined));
  }

  /** A sweep's round: its counts are logged when it did anything (most rounds do nothing and say nothing). */
  sweep<R extends { [K in keyof R]: number }>(leases: Pick<JobLeases, 'exclusive'>, leaseMs: number, sweep: () => Promise<R>): Promise<void> {
    return this.run(leases, leaseMs, async () => {
      const counts = await sweep();
      if (Object.values<number>(counts).some((n) => n > 0)) this.logger.log(`${this.name}: ${JSON.stringify(counts)}`);
    });
  }
}
