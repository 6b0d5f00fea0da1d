import sqlite3 from 'sqlite3';

/** What `PRAGMA wal_checkpoint` answers: whether it was kept from finishing, the WAL's frames, and how many of them are in the database. */
export interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

/** How often each process checkpoints; sooner while the WAL keeps changing. */
export const CHECKPOINT_EVERY_MS = 1_000;
export const CATCH_UP_MS = 100;

/**
 * The WAL checkpoint, taken out of the writer's commits. By default SQLite checkpoints inside
 * the COMMIT that takes the WAL past 1000 pages, and with synchronous=NORMAL that COMMIT is the
 * only one that waits for the disk: 49–857 ms holding the write lock at 1 M tickets (issue 15
 * §6). The writer runs with `wal_autocheckpoint = 0`; this connection of its own copies the WAL
 * into the database every second (sooner while it keeps changing) with a PASSIVE checkpoint, which takes no write lock: writers
 * and readers go on meanwhile, and it only copies frames no reader still needs. Once it has
 * copied them all, the writer's next transaction starts the WAL over from the beginning and cuts
 * the file back to `journal_size_limit`, so the WAL stays bounded while nothing reads for long.
 *
 * Every worker process runs one, no lease: a PASSIVE checkpoint is harmless beside another (the
 * second finds nothing left to copy, or the checkpoint lock taken and skips its turn), and each
 * process keeps going if another dies. A commit is durable in the WAL without any checkpoint.
 */
export class WalCheckpointer {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopped = false;
  private last?: CheckpointResult;

  private constructor(private readonly db: sqlite3.Database) {}

  static async open(path: string): Promise<WalCheckpointer> {
    const db = await new Promise<sqlite3.Database>((ok, fail) => {
      const handle: sqlite3.Database = new sqlite3.Database(path, sqlite3.OPEN_READWRITE, (e) => (e ? fail(e) : ok(handle)));
    });
    return new WalCheckpointer(db);
  }

  /**
   * Checkpoints every `everyMs` until closed; the timer never keeps the process alive. While
   * the WAL keeps changing it checkpoints again after `catchUpMs`: the WAL starts over only if
   * a writer begins when every frame is copied, so under sustained writes small, frequent
   * checkpoints find that moment where one a second would keep falling behind.
   */
  start(everyMs = CHECKPOINT_EVERY_MS, catchUpMs = CATCH_UP_MS): this {
    const tick = async () => {
      let next = everyMs;
      this.running = this.checkpoint();
      try {
        const now = (await this.running) as CheckpointResult;
        if (this.last && (now.log !== this.last.log || now.checkpointed !== this.last.checkpointed)) next = catchUpMs;
        this.last = now;
      } catch {
        // A failed checkpoint (the file busy a moment) is tried again on the next tick.
      }
      this.running = undefined;
      if (!this.stopped) this.timer = setTimeout(tick, next).unref();
    };
    if (!this.timer && !this.stopped) this.timer = setTimeout(tick, everyMs).unref();
    return this;
  }

  /** A PASSIVE checkpoint now. */
  checkpoint(): Promise<CheckpointResult> {
    return new Promise((ok, fail) => this.db.get('PRAGMA wal_checkpoint(PASSIVE)', (e, row: CheckpointResult) => (e ? fail(e) : ok(row))));
  }

  /** Stops the timer, waits for a checkpoint under way and closes the connection. */
  async close(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
    await new Promise<void>((ok, fail) => this.db.close((e) => (e ? fail(e) : ok())));
  }
}
