/** Why a read was turned away: the queue was full when it came, or it waited too long. */
export type Refusal = 'full' | 'timeout';

export interface ReadGateOptions {
  /** Reads processed at once; 0 turns the gate off (every read goes at once). */
  slots: number;
  /** Reads that may wait; one more is refused at once. */
  maxWaiting: number;
  /** How long a read may wait for a slot before it is refused. */
  maxWaitMs: number;
  /** How long an admitted read holds its slot at most: one that waits on something slow (a long export) does not keep the others out. */
  maxHoldMs: number;
}

interface Waiter {
  admit: (release: () => void) => void;
  refuse: (why: Refusal) => void;
  timer?: ReturnType<typeof setTimeout>;
  gone: boolean;
}

/**
 * At most `slots` reads at once, the rest in order of arrival; writes never pass through it.
 * One Node main thread serves every request of a process: with 40 reads in progress, each of a
 * write transaction's ~26 statements waited behind many reads' callbacks (issue 15, "reads
 * starve writes"). Reads are CPU-bound on that thread, so more of them at once only lengthens
 * each; a few at a time finish as fast, and a write's callbacks wait behind at most those few.
 * The waiting is bounded in count and in time; a refused read is answered 503 with Retry-After.
 */
export class ReadGate {
  private running = 0;
  private waiters: Waiter[] = [];
  private head = 0;
  private waitingCount = 0;

  constructor(readonly options: ReadGateOptions) {}

  get inFlight(): number {
    return this.running;
  }

  get waiting(): number {
    return this.waitingCount;
  }

  /**
   * Calls `admit` with the slot's release once one is free (at once when one is), or `refuse`.
   * Returns, for a read that waits, its withdrawal (its client has gone); undefined when it was
   * answered at once.
   */
  enter(admit: (release: () => void) => void, refuse: (why: Refusal) => void): (() => void) | undefined {
    const { slots, maxWaiting, maxWaitMs } = this.options;
    if (slots <= 0) {
      admit(noop);
      return undefined;
    }
    if (this.running < slots && this.waitingCount === 0) {
      this.running++;
      admit(this.releaser());
      return undefined;
    }
    if (this.waitingCount >= maxWaiting) {
      refuse('full');
      return undefined;
    }
    const waiter: Waiter = { admit, refuse, gone: false };
    waiter.timer = setTimeout(() => {
      this.drop(waiter);
      refuse('timeout');
    }, maxWaitMs).unref();
    this.waiters.push(waiter);
    this.waitingCount++;
    return () => this.drop(waiter);
  }

  /** A release that counts once, and is called by itself after maxHoldMs. */
  private releaser(): () => void {
    let held = true;
    const release = () => {
      if (!held) return;
      held = false;
      clearTimeout(timer);
      this.running--;
      this.next();
    };
    const timer = setTimeout(release, this.options.maxHoldMs).unref();
    return release;
  }

  private drop(waiter: Waiter): void {
    if (waiter.gone) return;
    waiter.gone = true;
    clearTimeout(waiter.timer);
    this.waitingCount--;
  }

  private next(): void {
    while (this.running < this.options.slots && this.waitingCount > 0) {
      const waiter = this.waiters[this.head++];
      if (this.head > 64 && this.head * 2 > this.waiters.length) {
        // Compact now and then instead of shifting on every turn.
        this.waiters = this.waiters.slice(this.head);
        this.head = 0;
      }
      if (waiter.gone) continue;
      this.drop(waiter);
      this.running++;
      waiter.admit(this.releaser());
    }
    if (this.waitingCount === 0) {
      this.waiters = [];
      this.head = 0;
    }
  }
}

const noop = () => undefined;
