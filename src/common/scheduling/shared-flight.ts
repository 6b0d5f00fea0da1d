/**
 * Identical concurrent calls share one computation: while the call for a key is under way,
 * a call with the same key gets its promise instead of starting a second run. Nothing is
 * kept once it settles (this is not a cache: the next call computes afresh), and a failure
 * reaches every caller that shared it. Unlike SingleFlight (a scheduled job that skips a
 * tick), every caller here gets the answer.
 */
export class SharedFlight<T> {
  private readonly running = new Map<string, Promise<T>>();

  run(key: string, compute: () => Promise<T>): Promise<T> {
    const current = this.running.get(key);
    if (current) return current;
    // An async wrapper so a synchronous throw is a rejection too, and the key is freed either way.
    const flight = (async () => compute())().finally(() => this.running.delete(key));
    this.running.set(key, flight);
    return flight;
  }

  /** How many distinct computations are under way. */
  get size(): number {
    return this.running.size;
  }
}
