import { Injectable } from '@nestjs/common';
import { LessThanOrEqual, type DataSource, type EntityManager } from 'typeorm';
import { byChangedColumns } from '../../common/database/changed-columns.js';
import { insertPlainRows } from '../../common/database/insert-rows.js';
import type { JsonSql } from '../../common/database/json-sql.js';
import { at, marks, numeric, rawRows } from '../../common/database/row-values.js';
import { updateRows } from '../../common/database/update-rows.js';
import type { SlaTarget } from './sla-clock.js';
import { SlaTimer } from './sla-timer.entity.js';

/** A timer's deadline as its explanation reads it. */
export interface TimerDeadline {
  target: SlaTarget;
  startedAt: Date;
  targetMinutes: number;
  dueAt: Date;
  metAt: Date | null;
}

/** The columns of a timer the API shows, as the driver returns them. */
/** A ticket's timers summed up: their number, and the earliest deadline and warning not met (null: all met). */
export interface TimerSummaryRow {
  ticketId: string;
  timers: number | string;
  openDueAt: Date | string | null;
  openWarnAt: Date | string | null;
}

export interface TimerRow {
  ticketId: string;
  target: SlaTarget;
  warnAt: Date | string;
  dueAt: Date | string;
  metAt: Date | string | null;
  breachedAt: Date | string | null;
}

/**
 * A statement's subquery giving the timers of the ticket `ticketId` (an SQL expression) as one
 * JSON array of TimerRow without ticketId, as stored: the full ticket reads them in its own one statement.
 */
export function timerViewsJson(j: JsonSql, ticketId: string): string {
  const timer = j.object([['target', j.str('s."target"')], ['warnAt', j.str('s."warnAt"')], ['dueAt', j.str('s."dueAt"')], ['metAt', j.str('s."metAt"')], ['breachedAt', j.str('s."breachedAt"')]]);
  return `SELECT ${j.array(timer, 's."target"')} FROM sla_timers s WHERE s."ticketId" = ${ticketId}`;
}

/** The fields of a timer a clock operation changes (all but its keys). */
export type TimerFields = Omit<SlaTimer, 'id' | 'ticketId' | 'target'>;

/**
 * The SQL of the SLA timers, inside the caller's transaction (the manager it passes); the
 * rules stay in SlaTimersService. Service specs swap it for an in-memory one.
 */
@Injectable()
export class SlaTimerRepository {
  insert(m: EntityManager, rows: SlaTimer[]): Promise<void> {
    return insertPlainRows(m, SlaTimer, rows);
  }

  byId(m: EntityManager, id: string): Promise<SlaTimer> {
    return m.findOneByOrFail(SlaTimer, { id });
  }

  ofTicket(m: EntityManager, ticketId: string): Promise<SlaTimer[]> {
    return m.findBy(SlaTimer, { ticketId });
  }

  /** Every timer of some tickets (the SLA summaries of a batch). */
  ofTickets(m: EntityManager, ticketIds: string[]): Promise<SlaTimer[]> {
    // A query builder's IN rather than find options: those build a predicate object per id (a batch's timers cost more to ask for than to read).
    return ticketIds.length ? m.createQueryBuilder(SlaTimer, 't').where('t.ticketId IN (:...ticketIds)', { ticketIds }).getMany() : Promise.resolve([]);
  }

  /** One UPDATE by key (save() would read the row back first). */
  async update(m: EntityManager, id: string, fields: Partial<TimerFields>): Promise<void> {
    await m.update(SlaTimer, { id }, fields);
  }

  /**
   * What a list shows of some tickets' timers, summed up per ticket in the read: how many,
   * and the earliest deadline and warning of those not met. A queue page's two hundred
   * timers become fifty short rows (moments compare in order in either database: TypeORM's
   * UTC text on SQLite, timestamptz on PostgreSQL).
   */
  summaryRows(db: EntityManager | DataSource, ticketIds: string[]): Promise<TimerSummaryRow[]> {
    return rawRows<TimerSummaryRow>(
      db,
      `SELECT "ticketId", COUNT(*) AS "timers", MIN(CASE WHEN "metAt" IS NULL THEN "dueAt" END) AS "openDueAt", MIN(CASE WHEN "metAt" IS NULL THEN "warnAt" END) AS "openWarnAt"
       FROM sla_timers WHERE "ticketId" IN (${marks(ticketIds.length)}) GROUP BY "ticketId"`,
      ticketIds,
    );
  }

  /** The timers the API shows of some tickets, as raw rows in one read. */
  viewRows(db: EntityManager | DataSource, ticketIds: string[]): Promise<TimerRow[]> {
    return rawRows<TimerRow>(db, `SELECT "ticketId", "target", "warnAt", "dueAt", "metAt", "breachedAt" FROM sla_timers WHERE "ticketId" IN (${marks(ticketIds.length)})`, ticketIds);
  }

  /** What a deadline's explanation needs of a ticket's timers, as raw rows (no entities on the page's path). */
  async deadlines(db: EntityManager | DataSource, ticketId: string): Promise<TimerDeadline[]> {
    const rows = await rawRows<Record<string, unknown>>(db, 'SELECT "target", "startedAt", "targetMinutes", "dueAt", "metAt" FROM sla_timers WHERE "ticketId" = ?', [ticketId]);
    return rows.map((r) => ({
      target: r.target as SlaTarget,
      startedAt: at(r.startedAt as string)!,
      targetMinutes: numeric(r.targetMinutes as number)!,
      dueAt: at(r.dueAt as string)!,
      metAt: at(r.metAt as string | null),
    }));
  }

  /** Whether any timer is due for the sweep: by the nextCheckAt index only. */
  async anyDue(m: EntityManager, now: Date): Promise<boolean> {
    return (await m.findOne(SlaTimer, { where: { nextCheckAt: LessThanOrEqual(now) }, order: { nextCheckAt: 'ASC' }, select: { id: true } })) !== null;
  }

  /**
   * Up to `limit` due timers, in due order. On PostgreSQL they stay locked to this
   * transaction and those another sweep holds are skipped, so several instances share the
   * work; SQLite has one writer, whose transaction holds them.
   */
  claimDue(m: EntityManager, now: Date, limit: number): Promise<SlaTimer[]> {
    const qb = m.createQueryBuilder(SlaTimer, 't').where('t.nextCheckAt <= :now', { now }).orderBy('t.nextCheckAt', 'ASC').take(limit);
    if (m.connection.options.type === 'postgres') qb.setLock('pessimistic_write').setOnLocked('skip_locked');
    return qb.getMany();
  }

  /**
   * What a batch of the sweep did to its timers: one UPDATE for those it breached and one for
   * the rest, so that breachedAt (held by the report index) is set only where it changed.
   */
  async saveSwept(m: EntityManager, timers: { before: SlaTimer; after: SlaTimer }[]): Promise<void> {
    for (const shape of byChangedColumns(timers, ['breachedAt'], ['warnedAt', 'escalatedLevel', 'nextCheckAt'])) await updateRows(m, SlaTimer, shape.rows, shape.columns);
  }
}
