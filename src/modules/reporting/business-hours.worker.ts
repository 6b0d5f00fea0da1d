import { serveTasks } from '../../common/threads/thread-pool.js';
import { at } from '../../common/database/row-values.js';
import { ReadOnlySqlite, type SqliteStatement } from '../../database/sqlite-read-only.js';
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
 * The medians of the business hours of met timers, per target: the rows (dealer, target,
 * started, met) are read one at a time and only a number per timer is kept.
 */
async function metMedians({ database, statement, calendars, targets }: { database: string; statement: SqliteStatement; calendars: Map<string, ZonedCalendar>; targets: string[] }) {
  const hours = new MetHoursByTarget(targets);
  await (await connection(database)).each(statement, (row) => {
    hours.add(row.target as string, calendars.get(row.dealerId as string)!, at(row.startedAt as string)!.getTime(), at(row.metAt as string)!.getTime());
  });
  return hours.medians();
}

/** Closes the connections before the app shuts the thread down. */
async function closeReaders() {
  const open = [...connections.values()];
  connections.clear();
  await Promise.all(open.map(async (c) => (await c.catch(() => undefined))?.close()));
}

void serveTasks({ businessHours, medianOf, reportRows, metMedians, closeReaders });
