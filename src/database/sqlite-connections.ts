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

interface SqliteHandle {
  run(sql: string, cb: (err: Error | null) => void): void;
  close(cb: (err: Error | null) => void): void;
}

/**
 * The writer: a second connection to the same file, its own query runner, used only by the unit
 * of work. TypeORM's sqlite driver has one connection for everything; with the writer apart,
 * a transaction's statements never wait behind other requests' reads on that connection, and
 * reads never run inside someone's open transaction. WAL lets the readers (the driver's own
 * connection) go on while the writer writes; they see what it has committed.
 */
export async function openSqliteWriter(dataSource: DataSource): Promise<{ runner: QueryRunner; close(): Promise<void> }> {
  const driver = dataSource.driver as SqliteDriver & { createDatabaseConnection(): Promise<SqliteHandle> };
  const db = await driver.createDatabaseConnection();
  for (const pragma of SQLITE_CONNECTION_PRAGMAS) await new Promise<void>((ok, fail) => db.run(pragma, (e: Error | null) => (e ? fail(e) : ok())));
  const runner = new SqliteQueryRunner(driver);
  // The runner's statements go to its own connection, not the driver's shared one.
  runner.connect = () => Promise.resolve(db);
  Object.assign(runner, { manager: dataSource.createEntityManager(runner) });
  return { runner, close: () => new Promise<void>((ok, fail) => db.close((e: Error | null) => (e ? fail(e) : ok()))) };
}
