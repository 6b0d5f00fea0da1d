import sqlite3 from 'sqlite3';

/** A row as node-sqlite3 hands it back. */
export type SqliteRow = Record<string, unknown>;

/** A statement and its parameters as the driver takes them (TypeORM's getQueryAndParameters on SQLite). */
export interface SqliteStatement {
  sql: string;
  params: unknown[];
}

/**
 * A read-only connection of its own to a SQLite file, for long reports (the dashboard's
 * aggregates over two years): opened in a worker thread, so neither its statements nor the
 * rows they return touch the app's reader connection or its event loop. WAL lets it read
 * beside the writer; `query_only` refuses any write. Its statements run one at a time, each
 * holding one of libuv's threads only while it runs (a second one handed to node-sqlite3
 * would hold a thread waiting for the connection's mutex; see limitInFlight).
 */
export class ReadOnlySqlite {
  private tail: Promise<unknown> = Promise.resolve();

  private constructor(private readonly db: sqlite3.Database) {}

  static async open(path: string): Promise<ReadOnlySqlite> {
    const db = await new Promise<sqlite3.Database>((ok, fail) => {
      const handle: sqlite3.Database = new sqlite3.Database(path, sqlite3.OPEN_READWRITE, (e) => (e ? fail(e) : ok(handle)));
    });
    // A checkpoint or another process opening the file can hold a lock a moment: wait, never fail.
    db.configure('busyTimeout', 30_000);
    const connection = new ReadOnlySqlite(db);
    await connection.serial(() => new Promise<void>((ok, fail) => db.exec('PRAGMA query_only = ON', (e) => (e ? fail(e) : ok()))));
    return connection;
  }

  /** Every row of a statement (aggregates: a row per dealer, stage or day). */
  all(statement: SqliteStatement): Promise<SqliteRow[]> {
    return this.serial(() => new Promise<SqliteRow[]>((ok, fail) => this.db.all(statement.sql, statement.params, (e, rows: SqliteRow[]) => (e ? fail(e) : ok(rows)))));
  }

  // No Statement#each here: node-sqlite3 steps on through the rows with no backpressure, queueing
  // every one natively while they are handed over (a 1 M-row read took a thread from 155 to 808
  // MiB). Long reads go in keyset pages through `all` (reporting's metMedians).

  close(): Promise<void> {
    return this.serial(() => new Promise<void>((ok, fail) => this.db.close((e) => (e ? fail(e) : ok()))));
  }

  /** Runs `work` after every statement handed in before it. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
