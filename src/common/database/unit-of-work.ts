import { Inject, Injectable, Logger, Optional, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { openSqliteWriter, type StatementTime } from '../../database/sqlite-connections.js';
import { WalCheckpointer, type CheckpointResult } from '../../database/wal-checkpointer.js';
import { Clock, SystemClock } from '../clock/clock.js';
import { captureSite, framesOf, isSlowHold, labelOfFrames, slowHoldMessage, WriterHoldsRecorder } from './writer-holds.js';

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
  /** Opened with the writer, which never checkpoints itself (SQLite with a file). */
  private checkpointer?: Promise<WalCheckpointer>;
  private readonly walSizeLimitMb: number;
  private readonly logger = new Logger('UnitOfWork');
  private readonly clock: Clock;
  /** Above this many milliseconds a transaction is logged (`WRITER_HOLD_WARN_MS`). */
  readonly warnAboveMs: number;
  /** How long each transaction held the writer, since start or the last reset (`GET /api/admin/writer-holds`). */
  readonly holds: WriterHoldsRecorder;

  constructor(
    private readonly dataSource: DataSource,
    @Optional() @Inject(APP_CONFIG) config?: AppConfig,
    @Optional() clock?: Clock,
  ) {
    this.serial = dataSource.options.type === 'sqlite';
    this.ownWriter = this.serial && dataSource.options.database !== ':memory:';
    this.clock = clock ?? new SystemClock();
    this.warnAboveMs = config?.writerHoldWarnMs ?? 50;
    this.walSizeLimitMb = config?.walSizeLimitMb ?? 64;
    this.holds = new WriterHoldsRecorder(this.clock.now());
  }

  /** Milliseconds the writer connection has spent in statements (SQLite, own writer): a hold's share of them says whether it was SQLite's work or waiting for the event loop between statements. */
  private readonly inStatements: StatementTime = { ms: 0, slowestMs: 0, slowestSql: '' };

  /** Rows the bookkeeping transactions changed on the writer (SQLite): what dataChanges() leaves out. */
  private bookkeepingChanges = 0;

  /**
   * `label` names the transaction in the writer-hold figures and the slow-transaction log; without
   * one, the code that began it does ("Class.method < Caller.method", from a stack captured here).
   */
  run<T>(work: (manager: EntityManager) => Promise<T>, label?: string): Promise<T> {
    return this.timed(work, label ?? captureSite(this.run));
  }

  /** `label`: a name, or the site captured where the transaction was asked for (named only once it has ended). */
  private timed<T>(work: (manager: EntityManager) => Promise<T>, label: string | object): Promise<T> {
    // The hold starts once BEGIN has the lock (waiting for another worker's writer is not holding it) and ends after COMMIT or ROLLBACK.
    let began = 0;
    let statementsBefore = 0;
    const timed = (m: EntityManager) => {
      began = performance.now();
      statementsBefore = this.inStatements.ms;
      this.inStatements.slowestMs = 0;
      return work(m);
    };
    const held = () => {
      if (!began) return;
      // Writer transactions run one at a time: the statements counted since `began` are this one's, COMMIT included.
      const statements = this.ownWriter ? { ms: this.inStatements.ms - statementsBefore, slowestMs: this.inStatements.slowestMs, slowestSql: this.inStatements.slowestSql } : undefined;
      this.held(performance.now() - began, typeof label === 'string' ? label : labelOfFrames(framesOf(label), UnitOfWork.name), statements);
    };
    if (!this.serial) {
      const open = this.dataSource.transaction(timed);
      open.then(held, held);
      return open;
    }
    const result = this.tail.then(async () => (this.ownWriter ? (await this.openWriter()).manager.transaction(timed) : this.dataSource.transaction(timed)));
    this.tail = result.then(held, held);
    return result;
  }

  get engine(): 'sqlite' | 'postgres' {
    return this.serial ? 'sqlite' : 'postgres';
  }

  private held(ms: number, label: string, statements?: StatementTime): void {
    try {
      this.holds.record(label, ms, this.clock.now(), statements);
      if (isSlowHold(ms, this.warnAboveMs)) this.logger.warn(slowHoldMessage(label, ms, this.engine, statements));
    } catch {
      // A figure is never worth failing or stalling the writer's queue for.
    }
  }

  /**
   * A transaction of bookkeeping rather than data (rate-limit budgets, failed sign-ins, job
   * leases): on the writer like every write, so that no other connection ever waits for the
   * write lock (and holds up the reads queued behind it), but counted apart.
   */
  runBookkeeping<T>(work: (manager: EntityManager) => Promise<T>, label?: string): Promise<T> {
    const named = label ?? captureSite(this.runBookkeeping);
    if (!this.serial) return this.timed(work, named);
    return this.timed(async (m) => {
      const before = await totalChanges(m);
      const result = await work(m);
      this.bookkeepingChanges += (await totalChanges(m)) - before;
      return result;
    }, named);
  }

  /** Rows changed by data transactions on the writer since it opened (SQLite; the suites check refusals change nothing). */
  async dataChanges(): Promise<number> {
    return (await this.run(totalChanges, 'dataChanges')) - this.bookkeepingChanges;
  }

  /** A PASSIVE checkpoint now on this process's checkpointer (undefined before the writer opened, or without one). */
  async checkpointNow(): Promise<CheckpointResult | undefined> {
    return (await this.checkpointer?.catch(() => undefined))?.checkpoint();
  }

  async onApplicationShutdown(): Promise<void> {
    const checkpointer = await this.checkpointer?.catch(() => undefined);
    this.checkpointer = undefined;
    await checkpointer?.close();
    if (!this.writer) return;
    await this.tail;
    const writer = await this.writer.catch(() => undefined);
    this.writer = undefined;
    // The last connection to close checkpoints what is left and removes the WAL.
    await writer?.close();
  }

  private async openWriter(): Promise<QueryRunner> {
    if (!this.writer) {
      this.writer = openSqliteWriter(this.dataSource, this.inStatements, this.walSizeLimitMb);
      this.writer.catch(() => (this.writer = undefined)); // a failed open is tried again by the next write
      // The writer has autocheckpoint off: without this the WAL would only grow.
      this.checkpointer ??= WalCheckpointer.open(String(this.dataSource.options.database)).then((c) => c.start());
      this.checkpointer.catch((e) => {
        this.checkpointer = undefined;
        this.logger.error(`WAL checkpointer failed to open: ${String(e)}`);
      });
    }
    return (await this.writer).runner;
  }
}

const totalChanges = async (m: EntityManager) => Number((await m.query('SELECT total_changes() AS n'))[0].n);
