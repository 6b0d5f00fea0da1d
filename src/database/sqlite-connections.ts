import type { DataSource, QueryRunner } from 'typeorm';
import { SqliteQueryRunner } from 'typeorm/driver/sqlite/SqliteQueryRunner.js';
import type { SqliteDriver } from 'typeorm/driver/sqlite/SqliteDriver.js';

/**
 * TypeORM's sqlite driver opens every transaction with a deferred `BEGIN`: it takes the write
 * lock at its first write, and when another connection (another worker process, or this
 * process's writer) has written meanwhile, SQLite answers SQLITE_BUSY at once instead of
 * waiting out the busy timeout (a deferred reader cannot be upgraded safely). `BEGIN IMMEDIATE`
 * takes the write lock up front, waiting for it under the busy timeout, so a transaction never
 * fails half-way for being second. This is the one place the driver is changed; applied once,
 * on import.
 */
const BEGIN = 'BEGIN TRANSACTION';
const originalQuery = SqliteQueryRunner.prototype.query;
SqliteQueryRunner.prototype.query = function (this: SqliteQueryRunner, sql: string, ...rest: unknown[]) {
  return (originalQuery as (...a: unknown[]) => Promise<unknown>).call(this, sql === BEGIN ? 'BEGIN IMMEDIATE TRANSACTION' : sql, ...rest);
} as typeof originalQuery;

/** Per-connection settings: NORMAL is safe with WAL and much faster (foreign_keys, WAL and busy_timeout are set by the driver). */
export const SQLITE_CONNECTION_PRAGMAS = ['PRAGMA synchronous = NORMAL'];

/**
 * The writer's own: statement journals in memory. A multi-row write inside a transaction (the
 * sweep's batch UPDATE of tickets, with its triggers) keeps the original of every page it
 * changes in case it must be undone alone; past 64 KiB SQLite spills that to a new temporary
 * file, written and deleted per statement (~40 % of a sweep's page writes). The journal lives
 * only as long as the statement, so the memory it takes is bounded by one statement's pages.
 */
export const SQLITE_WRITER_PRAGMAS = ['PRAGMA temp_store = MEMORY'];

/**
 * The writer never checkpoints in its own COMMIT (the one that crossed 1000 pages waited for
 * the disk with the write lock held); each process's WalCheckpointer does it beside it. When
 * the WAL starts over after a checkpoint, the writer's commit cuts the file back to the limit.
 */
export function writerWalPragmas(walSizeLimitMb: number): string[] {
  return ['PRAGMA wal_autocheckpoint = 0', `PRAGMA journal_size_limit = ${Math.floor(walSizeLimitMb) * 1024 * 1024}`];
}

interface SqliteHandle {
  run(sql: string, cb: (err: Error | null) => void): void;
  close(cb: (err: Error | null) => void): void;
}

/** The statement methods TypeORM (and our own code) call on a connection. */
const STATEMENT_METHODS = ['all', 'run', 'get', 'exec'] as const;

type Callable = (this: unknown, ...args: unknown[]) => unknown;

/**
 * Hands a connection's statements to node-sqlite3 at most `max` at a time, the rest waiting in
 * order here. node-sqlite3 runs every statement on libuv's thread pool, and SQLite runs one
 * statement per connection at a time: with 40 readers, ~100 statements of the reader connection
 * sat in the pool, each holding a thread while it waited for that connection's mutex, and every
 * statement of the writer's transaction queued behind all of them (a 0.2 ms insert took 90 ms;
 * an intake beside 40 readers 5 s, holding the write lock all that while). Waiting here costs the
 * readers nothing (their connection runs one at a time anyway) and leaves the pool's threads
 * free, so the writer's statements start at once. A second one in flight keeps the connection
 * busy while the main thread is still handling the first one's rows. `this` in the callback
 * stays the statement (TypeORM reads lastID and changes from it). Applied once per connection.
 */
/** Time a connection spent in statements, and its slowest statement since `slowestMs` was last set to 0. */
export interface StatementTime {
  ms: number;
  slowestMs: number;
  slowestSql: string;
}

export function limitInFlight<T extends object>(handle: T, max: number, busy?: StatementTime): T {
  const h = handle as unknown as Record<string | symbol, Callable | true | undefined>;
  if (h[LIMITED]) return handle;
  let running = 0;
  const waiting: (() => void)[] = [];
  const next = () => {
    running--;
    const start = waiting.shift();
    if (start) running++, start();
  };
  for (const name of STATEMENT_METHODS) {
    const original = h[name];
    if (typeof original !== 'function') continue;
    const method: Callable = original;
    h[name] = function (this: unknown, ...args: unknown[]) {
      const doneAt = args.findIndex((a) => typeof a === 'function');
      const start = () => {
        // From the statement handed to the driver to its callback: SQLite's work, and the callback's wait for the event loop.
        const began = busy ? performance.now() : 0;
        if (doneAt < 0) {
          // No callback: nothing tells when it ends; let it go without holding the others.
          method.apply(h, args);
          next();
          return;
        }
        const callback = args[doneAt] as Callable;
        let finished = false;
        const finish = () => {
          if (finished) return;
          finished = true;
          if (busy) {
            const ms = performance.now() - began;
            busy.ms += ms;
            if (ms > busy.slowestMs) (busy.slowestMs = ms), (busy.slowestSql = typeof args[0] === 'string' ? args[0] : '');
          }
          next();
        };
        args[doneAt] = function (this: unknown, ...result: unknown[]) {
          finish();
          return callback.apply(this, result);
        };
        try {
          method.apply(h, args);
        } catch (e) {
          finish();
          throw e;
        }
      };
      if (running < max) running++, start();
      else waiting.push(start);
      return h;
    };
  }
  h[LIMITED] = true;
  return handle;
}
const LIMITED = Symbol('limitInFlight');

interface PreparedStatement {
  all(params: unknown[], callback: (this: unknown, err: Error | null, rows: unknown[]) => void): unknown;
  finalize(callback: () => void): unknown;
}

type PreparingHandle = Record<string | symbol, unknown> & {
  all: Callable;
  close: Callable;
  prepare(sql: string, callback: (err: Error | null) => void): PreparedStatement;
};

/** The statements kept prepared: registered by their exact text (see keepPrepared). */
const KEPT_SQL = new Set<string>();

/**
 * Marks a statement read on every request (the sign-in, the full ticket) to be prepared once
 * per connection and kept, instead of prepared and finalized each time: SQLite's prepare of
 * the full ticket's statement took longer than running it. Only fixed texts with parameters:
 * the set never grows with the data. Returns the text.
 */
export function keepPrepared(sql: string): string {
  KEPT_SQL.add(sql);
  return sql;
}

/**
 * Runs the statements marked by keepPrepared on `all` through prepared statements kept per
 * connection (node-sqlite3 queues the runs of one statement); every other call as before.
 * A statement that fails is finalized and prepared again next time. Closing finalizes them
 * first (SQLite will not close a connection with statements open). Applied once, before
 * limitInFlight, which then counts these runs like any other.
 */
export function keepPreparedStatements<T extends object>(handle: T): T {
  const h = handle as unknown as PreparingHandle;
  if (h[KEEPING]) return handle;
  const kept = new Map<string, PreparedStatement>();
  const preparing = new Set<string>();
  const all = h.all;
  const close = h.close;
  const run = (statement: PreparedStatement, sql: string, params: unknown[], callback: Callable) =>
    statement.all(params, function (this: unknown, err, rows) {
      if (err && kept.get(sql) === statement) {
        kept.delete(sql);
        statement.finalize(() => undefined);
      }
      callback.call(this, err, rows);
    });
  h.all = function (this: unknown, ...args: unknown[]) {
    const [sql, params, callback] = args;
    // Parameters always given: node-sqlite3 keeps the last run's bindings when none are.
    if (typeof sql !== 'string' || !KEPT_SQL.has(sql) || !Array.isArray(params) || !params.length || typeof callback !== 'function') return all.apply(h, args);
    const statement = kept.get(sql);
    if (statement) {
      run(statement, sql, params, callback as Callable);
      return h;
    }
    // While it is being prepared, others take the ordinary path: one prepare per statement.
    if (preparing.has(sql)) return all.apply(h, args);
    preparing.add(sql);
    const prepared = h.prepare(sql, (err) => {
      preparing.delete(sql);
      // Not prepared: the ordinary path reports the error as it always has.
      if (err) return void all.apply(h, args);
      kept.set(sql, prepared);
      run(prepared, sql, params, callback as Callable);
    });
    return h;
  };
  h.close = function (this: unknown, ...args: unknown[]) {
    const statements = [...kept.values()];
    kept.clear();
    let left = statements.length;
    if (!left) return close.apply(h, args);
    for (const statement of statements) statement.finalize(() => void (--left === 0 && close.apply(h, args)));
    return h;
  };
  h[KEEPING] = true;
  return handle;
}
const KEEPING = Symbol('keepPreparedStatements');

/** Statements in flight per connection: the reader's two keep it busy while the main thread works; the writer's transaction is sequential anyway. */
export const READER_IN_FLIGHT = 2;
export const WRITER_IN_FLIGHT = 1;

/**
 * The writer: a second connection to the same file, its own query runner, used only by the unit
 * of work. TypeORM's sqlite driver has one connection for everything; with the writer apart,
 * a transaction's statements never wait behind other requests' reads on that connection, and
 * reads never run inside someone's open transaction. WAL lets the readers (the driver's own
 * connection) go on while the writer writes; they see what it has committed.
 */
export async function openSqliteWriter(dataSource: DataSource, busy?: StatementTime, walSizeLimitMb = 64): Promise<{ runner: QueryRunner; close(): Promise<void> }> {
  const driver = dataSource.driver as SqliteDriver & { createDatabaseConnection(): Promise<SqliteHandle> };
  const db = limitInFlight(await driver.createDatabaseConnection(), WRITER_IN_FLIGHT, busy);
  for (const pragma of [...SQLITE_CONNECTION_PRAGMAS, ...SQLITE_WRITER_PRAGMAS, ...writerWalPragmas(walSizeLimitMb)]) await new Promise<void>((ok, fail) => db.run(pragma, (e: Error | null) => (e ? fail(e) : ok())));
  const runner = new SqliteQueryRunner(driver);
  // The runner's statements go to its own connection, not the driver's shared one.
  runner.connect = () => Promise.resolve(db);
  Object.assign(runner, { manager: dataSource.createEntityManager(runner) });
  return { runner, close: () => new Promise<void>((ok, fail) => db.close((e: Error | null) => (e ? fail(e) : ok()))) };
}
