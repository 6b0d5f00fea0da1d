import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import { openSqliteWriter } from '../../database/sqlite-connections.js';

/**
 * Runs a piece of work in one transaction. On SQLite the work runs on the writer connection
 * (src/database/sqlite-connections.ts), apart from the connection every read uses, one
 * transaction at a time: SQLite allows one writer anyway, and two transactions on one
 * connection would interleave as savepoints of each other. Each begins IMMEDIATE, so it holds
 * the write lock (waiting under the busy timeout for another process's writer) from its first
 * statement and never fails half-way with SQLITE_BUSY.
 */
@Injectable()
export class UnitOfWork implements OnApplicationShutdown {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly serial: boolean;
  /** An in-memory database is one per connection: a second one would be another, empty database. */
  private readonly ownWriter: boolean;
  private writer?: Promise<{ runner: QueryRunner; close(): Promise<void> }>;

  constructor(private readonly dataSource: DataSource) {
    this.serial = dataSource.options.type === 'sqlite';
    this.ownWriter = this.serial && dataSource.options.database !== ':memory:';
  }

  /** Rows the bookkeeping transactions changed on the writer (SQLite): what dataChanges() leaves out. */
  private bookkeepingChanges = 0;

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.serial) return this.dataSource.transaction(work);
    const result = this.tail.then(async () => (this.ownWriter ? (await this.openWriter()).manager.transaction(work) : this.dataSource.transaction(work)));
    this.tail = result.catch(() => undefined);
    return result;
  }

  /**
   * A transaction of bookkeeping rather than data (rate-limit budgets, failed sign-ins, job
   * leases): on the writer like every write, so that no other connection ever waits for the
   * write lock (and holds up the reads queued behind it), but counted apart.
   */
  runBookkeeping<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.serial) return this.run(work);
    return this.run(async (m) => {
      const before = await totalChanges(m);
      const result = await work(m);
      this.bookkeepingChanges += (await totalChanges(m)) - before;
      return result;
    });
  }

  /** Rows changed by data transactions on the writer since it opened (SQLite; the suites check refusals change nothing). */
  async dataChanges(): Promise<number> {
    return (await this.run(totalChanges)) - this.bookkeepingChanges;
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.writer) return;
    await this.tail;
    const writer = await this.writer.catch(() => undefined);
    this.writer = undefined;
    await writer?.close();
  }

  private async openWriter(): Promise<QueryRunner> {
    this.writer ??= openSqliteWriter(this.dataSource);
    this.writer.catch(() => (this.writer = undefined)); // a failed open is tried again by the next write
    return (await this.writer).runner;
  }
}

const totalChanges = async (m: EntityManager) => Number((await m.query('SELECT total_changes() AS n'))[0].n);
