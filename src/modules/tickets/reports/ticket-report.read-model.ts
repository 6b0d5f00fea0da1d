import { Injectable } from '@nestjs/common';
import { Brackets, DataSource, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { at, numeric } from '../../../common/database/row-values.js';
import type { SqliteStatement } from '../../../database/sqlite-read-only.js';
import type { ZonedCalendar } from '../../sla/business-time.js';
import { SlaTimer } from '../../sla/sla-timer.entity.js';
import { Compensation } from '../compensations/compensation.entity.js';
import { Ticket } from '../ticket.entity.js';
import { RECOVERED_AT_OR_ABOVE } from '../workflow/ticket-workflow.js';

/** A COUNT or SUM as the drivers hand it back (a string on PostgreSQL, null over no rows) as a number. */
const num = (value: string | number | null | undefined): number => numeric(value) ?? 0;

/** Business hours of spans (epoch ms) on a calendar: reporting hands them to a worker thread (reporting/business-hours.pool.ts). */
export type HoursOf = (calendar: ZonedCalendar, starts: Float64Array, ends: Float64Array) => Promise<Float64Array>;

/** What a dashboard adds up: the dealers, the period [from, to), and the moment "overdue" is judged at. */
export interface ReportScope {
  dealerIds: string[];
  from: Date;
  to: Date;
  now: Date;
}

/** One of the read model's statements as SQLite takes it, with the file it reads. */
export interface ReportStatement extends SqliteStatement {
  database: string;
}

/**
 * Where the read model's statements run instead of the app's own connection: on SQLite, a
 * worker thread's read-only connection (reporting/business-hours.pool.ts), so that seconds of
 * aggregates at 1 M tickets never hold the reader connection other requests wait for.
 */
export interface OffThreadReads {
  rows(statement: ReportStatement): Promise<Record<string, unknown>[]>;
}

/** Met timers are read this many at a time for their business hours. */
const MET_TIMERS_PAGE = 5000;

/** Stands for the page's keyset in metTimers' statements (found by identity among the parameters, replaced by the worker). */
const AFTER = '\u0000after';

/** A dealer's met timers a page at a time (metTimers): the statement, and where in its parameters the last id read goes. */
export interface MetTimerPages {
  database: string;
  pageSize: number;
  pages: { dealerId: string; sql: string; params: unknown[]; afterAt: number }[];
}

/**
 * The tickets' figures for reporting: the dashboard's statements, owned here with the
 * tables they add up (tickets, compensations, and the SLA timers joined to their ticket
 * for its dealer), so reporting reads tickets only through this read model. Each adds up in the database (GROUP BY, COUNT, SUM) and
 * returns a row per dealer, stage or day, never a row per ticket; the one exception, the
 * business hours of met timers, reads two moments per timer (a page at a time here, or
 * in a worker thread, the same pages: metTimers). Statements
 * are the same on SQLite and PostgreSQL but for the day of an instant.
 */
export class TicketReportReadModel {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: ReportScope,
    private readonly pageSize = MET_TIMERS_PAGE,
    private readonly offThread?: OffThreadReads,
  ) {}

  /** Whether the statements run off the app's connection (then metTimers replaces metHours). */
  get readsOffThread(): boolean {
    return !!this.offThread;
  }

  /** Open tickets (any time, not just the period) by stage and SLA state. */
  async openByStage(): Promise<{ stage: string; slaState: string | null; count: number }[]> {
    const rows: { stage: string; slaState: string | null; n: string }[] = await this.raw(this.tickets()
      .select('t.stage', 'stage').addSelect('t.slaState', 'slaState').addSelect('COUNT(*)', 'n')
      .andWhere("t.status <> 'closed'").groupBy('t.stage').addGroupBy('t.slaState'));
    return rows.map((r) => ({ stage: r.stage, slaState: r.slaState, count: num(r.n) }));
  }

  /**
   * Timers started in the period, per dealer and target: how many are done (met, breached
   * or overdue), met on time, and breached (or overdue and not met).
   */
  async timerTallies(): Promise<{ dealerId: string; target: string; done: number; onTime: number; breaches: number }[]> {
    const rows: { dealerId: string; target: string; done: string; onTime: string; breaches: string }[] = await this.raw(this.timers()
      .select('t.dealerId', 'dealerId').addSelect('s.target', 'target')
      .addSelect('SUM(CASE WHEN s.metAt IS NOT NULL OR s.breachedAt IS NOT NULL OR s.dueAt <= :now THEN 1 ELSE 0 END)', 'done')
      .addSelect('SUM(CASE WHEN s.metAt IS NOT NULL AND s.metAt <= s.dueAt THEN 1 ELSE 0 END)', 'onTime')
      .addSelect('SUM(CASE WHEN s.breachedAt IS NOT NULL OR (s.metAt IS NULL AND s.dueAt <= :now) THEN 1 ELSE 0 END)', 'breaches')
      .setParameter('now', this.scope.now)
      .groupBy('t.dealerId').addGroupBy('s.target'));
    return rows.map((r) => ({ dealerId: r.dealerId, target: r.target, done: num(r.done), onTime: num(r.onTime), breaches: num(r.breaches) }));
  }

  /**
   * Business hours from start to met of the period's met timers of `targets`, per target.
   * Business time needs each dealer's calendar, so this is worked out here rather than in
   * SQL: two moments per timer, read a dealer at a time (through the dealer's tickets, so
   * a caller who sees one dealer reads only theirs) and within a dealer in pages by timer
   * id. Memory holds one page and a number per timer, which the period cap bounds.
   */
  async metHours(targets: string[], calendars: Map<string, ZonedCalendar>, hoursOf: HoursOf): Promise<Map<string, Float64Array[]>> {
    const hours = new Map<string, Float64Array[]>(targets.map((t) => [t, []]));
    for (const dealerId of this.scope.dealerIds) {
      const calendar = calendars.get(dealerId)!;
      let after = '';
      for (;;) {
        const page: { id: string; target: string; startedAt: Date | string; metAt: Date | string }[] = await this.metPage(dealerId, targets, after).getRawMany();
        // Here only the moments; the calendar arithmetic is `hoursOf`'s (a worker thread in the app).
        for (const target of targets) {
          const mine = page.filter((r) => r.target === target);
          if (!mine.length) continue;
          const starts = Float64Array.from(mine, (r) => at(r.startedAt)!.getTime());
          const ends = Float64Array.from(mine, (r) => at(r.metAt)!.getTime());
          hours.get(target)!.push(await hoursOf(calendar, starts, ends));
        }
        if (page.length < this.pageSize) break;
        after = page[page.length - 1].id;
      }
    }
    return hours;
  }

  /**
   * The statements metHours pages through, for a worker thread to run the same pages itself and
   * work out their business hours there (reporting's metMedians; SQLite only): one per dealer,
   * each read again with the last timer id of the page before in place of `params[afterAt]`.
   * Pages, not one statement read row by row: node-sqlite3's Statement#each has no
   * backpressure, its thread queued every row of the period (hundreds of MiB at 1 M tickets).
   */
  metTimers(targets: string[]): MetTimerPages {
    const pages = this.scope.dealerIds.map((dealerId) => {
      const { sql, params } = this.statement(this.metPage(dealerId, targets, AFTER));
      const afterAt = params.indexOf(AFTER);
      if (afterAt < 0) throw new Error('metTimers: the page statement lost its keyset parameter');
      return { dealerId, sql, params, afterAt };
    });
    return { database: String(this.dataSource.options.database), pageSize: this.pageSize, pages };
  }

  /** One page of a dealer's met timers of `targets` in the period, by timer id after `after`. */
  private metPage(dealerId: string, targets: string[], after: string): SelectQueryBuilder<SlaTimer> {
    return this.dataSource.getRepository(SlaTimer)
      .createQueryBuilder('s').innerJoin(Ticket, 't', 't.id = s.ticketId')
      .select('s.id', 'id').addSelect('s.target', 'target').addSelect('s.startedAt', 'startedAt').addSelect('s.metAt', 'metAt')
      .where('t.dealerId = :dealerId', { dealerId }).andWhere(this.inPeriod('s.startedAt'))
      .andWhere('s.target IN (:...targets)', { targets }).andWhere('s.metAt IS NOT NULL').andWhere('s.id > :after', { after })
      .orderBy('s.id').limit(this.pageSize);
  }

  /** Tickets received in the period per dealer, with their sales at risk and those retained. */
  async receivedByDealer(): Promise<{ dealerId: string; tickets: number; salesAtRisk: number; retained: number }[]> {
    const rows: { dealerId: string; n: string; atRisk: string; retained: string }[] = await this.raw(this.received()
      .select('t.dealerId', 'dealerId').addSelect('COUNT(*)', 'n')
      .addSelect('SUM(CASE WHEN t.saleAtRisk = :yes THEN 1 ELSE 0 END)', 'atRisk')
      .addSelect("SUM(CASE WHEN t.saleAtRisk = :yes AND t.outcome = 'retained' THEN 1 ELSE 0 END)", 'retained')
      .setParameter('yes', true).groupBy('t.dealerId'));
    return rows.map((r) => ({ dealerId: r.dealerId, tickets: num(r.n), salesAtRisk: num(r.atRisk), retained: num(r.retained) }));
  }

  /**
   * The recovery rate's figures per dealer: tickets received in the period whose follow-up
   * was answered, and of those, answered 4 or 5 (recovered). Every rule about which
   * answers count belongs here.
   */
  async recoveryByDealer(): Promise<{ dealerId: string; answered: number; recovered: number }[]> {
    const rows: { dealerId: string; answered: string; recovered: string }[] = await this.raw(this.received()
      .select('t.dealerId', 'dealerId').addSelect('COUNT(*)', 'answered')
      .addSelect(`SUM(CASE WHEN t.followUpScore >= ${RECOVERED_AT_OR_ABOVE} THEN 1 ELSE 0 END)`, 'recovered')
      .andWhere('t.followUpScore IS NOT NULL').groupBy('t.dealerId'));
    return rows.map((r) => ({ dealerId: r.dealerId, answered: num(r.answered), recovered: num(r.recovered) }));
  }

  /** Root causes of the tickets received in the period, most frequent first (ties by name). */
  async rootCauses(): Promise<{ rootCause: string; count: number }[]> {
    const rows: { rootCause: string; n: string }[] = await this.raw(this.received()
      .select('t.rootCause', 'rootCause').addSelect('COUNT(*)', 'n')
      .andWhere('t.rootCause IS NOT NULL').groupBy('t.rootCause'));
    return rows.map((r) => ({ rootCause: r.rootCause, count: num(r.n) })).sort((a, b) => b.count - a.count || a.rootCause.localeCompare(b.rootCause));
  }

  /** Tickets received in the period per UTC day (at most one row per day of the period). */
  async receivedPerDay(): Promise<{ day: string; count: number }[]> {
    const day = this.utcDay('t.receivedAt');
    const rows: { day: string; n: string }[] = await this.raw(this.received().select(day, 'day').addSelect('COUNT(*)', 'n').groupBy(day));
    return rows.map((r) => ({ day: r.day, count: num(r.n) }));
  }

  /** Timers started in the period per UTC day: done and met on time, as timerTallies counts them. */
  async timersPerDay(): Promise<{ day: string; done: number; onTime: number }[]> {
    const day = this.utcDay('s.startedAt');
    const rows: { day: string; done: string; onTime: string }[] = await this.raw(this.timers()
      .select(day, 'day')
      .addSelect('SUM(CASE WHEN s.metAt IS NOT NULL OR s.breachedAt IS NOT NULL OR s.dueAt <= :now THEN 1 ELSE 0 END)', 'done')
      .addSelect('SUM(CASE WHEN s.metAt IS NOT NULL AND s.metAt <= s.dueAt THEN 1 ELSE 0 END)', 'onTime')
      .setParameter('now', this.scope.now).groupBy(day));
    return rows.map((r) => ({ day: r.day, done: num(r.done), onTime: num(r.onTime) }));
  }

  /** The recovery rate's figures (as recoveryByDealer) per UTC day the tickets were received. */
  async recoveryPerDay(): Promise<{ day: string; answered: number; recovered: number }[]> {
    const day = this.utcDay('t.receivedAt');
    const rows: { day: string; answered: string; recovered: string }[] = await this.raw(this.received()
      .select(day, 'day').addSelect('COUNT(*)', 'answered')
      .addSelect(`SUM(CASE WHEN t.followUpScore >= ${RECOVERED_AT_OR_ABOVE} THEN 1 ELSE 0 END)`, 'recovered')
      .andWhere('t.followUpScore IS NOT NULL').groupBy(day));
    return rows.map((r) => ({ day: r.day, answered: num(r.answered), recovered: num(r.recovered) }));
  }

  /** Compensation delivered in the period, by kind and currency. */
  async compensationDelivered(): Promise<{ kind: string; currency: string; total: number; count: number }[]> {
    const rows: { kind: string; currency: string; total: string; n: string }[] = await this.raw(this.forDealers(
      this.dataSource.getRepository(Compensation).createQueryBuilder('c').innerJoin(Ticket, 't', 't.id = c.ticketId')
        .select('c.kind', 'kind').addSelect('c.currency', 'currency').addSelect('SUM(c.amount)', 'total').addSelect('COUNT(*)', 'n')
        .where("c.state = 'delivered'").andWhere(this.inPeriod('c.deliveredAt')),
      't',
    ).groupBy('c.kind').addGroupBy('c.currency'));
    return rows.map((r) => ({ kind: r.kind, currency: r.currency, total: num(r.total), count: num(r.n) }));
  }

  /** An aggregate's rows, read off the app's connection when the read model was given a way to. */
  private async raw<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>): Promise<never[]> {
    // Raw rows either way: TypeORM hands SQLite's back untouched.
    return (this.offThread ? await this.offThread.rows(this.statement(qb)) : await qb.getRawMany()) as never[];
  }

  /** A statement as SQLite's driver takes it (TypeORM's own parameter escaping: dates as its text, booleans as 0/1). */
  private statement<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>): ReportStatement {
    const [sql, params] = qb.getQueryAndParameters();
    return { database: String(this.dataSource.options.database), sql, params };
  }

  /** The UTC day of an instant as YYYY-MM-DD: the one expression that differs between the databases. */
  private utcDay(column: string): string {
    return this.dataSource.options.type === 'postgres' ? `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD')` : `date(${column})`;
  }

  private forDealers<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string): SelectQueryBuilder<T> {
    const { dealerIds } = this.scope;
    return dealerIds.length ? qb.andWhere(`${alias}.dealerId IN (:...dealerIds)`, { dealerIds }) : qb.andWhere('1 = 0');
  }

  private inPeriod(column: string): Brackets {
    const { from, to } = this.scope;
    return new Brackets((b) => b.where(`${column} >= :from`, { from }).andWhere(`${column} < :to`, { to }));
  }

  private tickets(): SelectQueryBuilder<Ticket> {
    return this.forDealers(this.dataSource.getRepository(Ticket).createQueryBuilder('t'), 't');
  }

  private received(): SelectQueryBuilder<Ticket> {
    return this.tickets().andWhere(this.inPeriod('t.receivedAt'));
  }

  /** Timers started in the period, joined to their ticket for its dealer. */
  private timers(): SelectQueryBuilder<SlaTimer> {
    return this.forDealers(
      this.dataSource.getRepository(SlaTimer).createQueryBuilder('s').innerJoin(Ticket, 't', 't.id = s.ticketId').where(this.inPeriod('s.startedAt')),
      't',
    );
  }
}

/** Hands reporting a read model for one scope; the only way it reaches the tickets' tables. */
@Injectable()
export class TicketReports {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * `offThread` is used on SQLite with a database file (a worker thread can open it; an
   * in-memory database is this connection's alone); PostgreSQL's statements take a
   * connection of its pool, which other requests do not wait for.
   */
  forScope(scope: ReportScope, offThread?: OffThreadReads): TicketReportReadModel {
    const { type, database } = this.dataSource.options;
    const offThreadHere = type === 'sqlite' && database !== ':memory:' ? offThread : undefined;
    return new TicketReportReadModel(this.dataSource, scope, MET_TIMERS_PAGE, offThreadHere);
  }
}
