import { serveTasks } from '../../common/threads/thread-pool.js';
import { at } from '../../common/database/row-values.js';
import { ReadOnlySqlite, type SqliteStatement } from '../../database/sqlite-read-only.js';
import type { MetTimerPages } from '../tickets/reports/ticket-report.read-model.js';
import type { ZonedCalendar } from '../sla/business-time.js';
import { businessHours, medianOf, MetHoursByTarget } from './business-hours.js';

// The worker thread of BusinessHoursPool: the dashboard's business-time arithmetic, and on
// SQLite its statements on a read-only connection of its own, off the event loop and off the
// app's reader connection.

/** One connection per database file, opened on first use and kept for the worker's life. */
const connections = new Map<string, Promise<ReadOnlySqlite>>();
function connection(database: string): Promise<ReadOnlySqlite> {
  let open = connections.get(database);
  if (!open) {
    open = ReadOnlySqlite.open(database);
    open.catch(() => connections.delete(database)); // a failed open is tried again next time
    connections.set(database, open);
  }
  return open;
}

/** An aggregate's rows (a row per dealer, stage or day). */
async function reportRows({ database, statement }: { database: string; statement: SqliteStatement }) {
  return (await connection(database)).all(statement);
}

/**
 * The medians of the business hours of met timers, per target: each dealer's met timers read a
 * page at a time by timer id (the statements metHours runs), and only a number per timer kept.
 * Pages rather than Statement#each, which queues every row of the period with no backpressure.
 */
async function metMedians({ database, timers, calendars, targets }: { database: string; timers: MetTimerPages; calendars: Map<string, ZonedCalendar>; targets: string[] }) {
  const hours = new MetHoursByTarget(targets);
  const db = await connection(database);
  for (const { dealerId, sql, params, afterAt } of timers.pages) {
    const calendar = calendars.get(dealerId)!;
    let after = '';
    for (;;) {
      const keyed = params.slice();
      keyed[afterAt] = after;
      const page = await db.all({ sql, params: keyed });
      for (const row of page) hours.add(row.target as string, calendar, at(row.startedAt as string)!.getTime(), at(row.metAt as string)!.getTime());
      if (page.length < timers.pageSize) break;
      after = page[page.length - 1].id as string;
    }
  }
  return hours.medians();
}

/** Closes the connections before the app shuts the thread down. */
async function closeReaders() {
  const open = [...connections.values()];
  connections.clear();
  await Promise.all(open.map(async (c) => (await c.catch(() => undefined))?.close()));
}

void serveTasks({ businessHours, medianOf, reportRows, metMedians, closeReaders });
