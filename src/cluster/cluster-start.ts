/**
 * The order in which a cluster's first workers start, as a pure state machine (runPrimary
 * wires it to node:cluster). The first worker migrates alone; once it has built its app the
 * others are forked; and no worker listens until every one has built its app. A worker that
 * listened while the others were still starting took every connection meanwhile and shared its
 * core with their start-up (module loading, compiling, the app's build): readiness answered
 * with one worker serving, and two workers measured slower than one.
 */
export type StartEvent = { kind: 'prepared'; worker: number; migrated: boolean } | { kind: 'ready'; worker: number };
export type StartAction = { kind: 'fork-others'; count: number } | { kind: 'listen'; workers: number[] } | { kind: 'announce' };

export class ClusterStart {
  private readonly prepared = new Set<number>();
  private readonly ready = new Set<number>();
  private listening = false;

  constructor(private readonly workers: number) {}

  /** What the primary does next, for one message from a worker. */
  on(event: StartEvent): StartAction[] {
    const actions: StartAction[] = [];
    if (event.kind === 'prepared') {
      if (this.listening) return [{ kind: 'listen', workers: [event.worker] }];
      this.prepared.add(event.worker);
      if (event.migrated && this.workers > 1) actions.push({ kind: 'fork-others', count: this.workers - 1 });
      if (this.prepared.size === this.workers) {
        this.listening = true;
        actions.push({ kind: 'listen', workers: [...this.prepared] });
      }
      return actions;
    }
    this.ready.add(event.worker);
    if (this.ready.size === this.workers) actions.push({ kind: 'announce' });
    return actions;
  }

  /** A worker stopped: whether it had been serving (a replacement is started) or died starting. */
  stopped(worker: number): boolean {
    this.prepared.delete(worker);
    return this.ready.delete(worker);
  }
}
