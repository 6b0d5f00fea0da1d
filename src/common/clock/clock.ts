/** The only source of "now": tests replace it to set time. */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock that stands still until moved; for tests and commands that take `now` as input. */
export class FixedClock extends Clock {
  constructor(private current: Date) {
    super();
  }
  now(): Date {
    return new Date(this.current.getTime());
  }
  set(at: Date): void {
    this.current = new Date(at.getTime());
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/**
 * The app's clock as provided: the given one, unless a replay has set it back in time.
 * The demo story replays twelve weeks of work through the services, each change at its
 * own moment, before the app serves or schedules anything; at any other time it is the
 * given clock, so tests that move their FixedClock move this one.
 */
export class ReplayableClock extends Clock {
  private replayAt: Date | null = null;

  constructor(private readonly base: Clock) {
    super();
  }

  now(): Date {
    return this.replayAt ? new Date(this.replayAt.getTime()) : this.base.now();
  }

  /** Sets the replayed moment; null returns to the given clock. */
  replay(at: Date | null): void {
    this.replayAt = at ? new Date(at.getTime()) : null;
  }
}
