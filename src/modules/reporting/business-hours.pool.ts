import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { ThreadPool } from '../../common/threads/thread-pool.js';
import type { SqliteRow } from '../../database/sqlite-read-only.js';
import type { ZonedCalendar } from '../sla/business-time.js';
import type { MetTimerPages, OffThreadReads, ReportStatement } from '../tickets/reports/ticket-report.read-model.js';

/**
 * The dashboard's business hours and medians in a worker thread: at 1 M tickets a two-year
 * dashboard works out hundreds of thousands of business-time spans and sorts them, seconds
 * of CPU that would otherwise stall every request of the process. On SQLite the thread also
 * runs the dashboard's statements on a read-only connection of its own (OffThreadReads), so
 * seconds of aggregates never occupy the reader connection every request reads through, and
 * the met timers' rows are never made into objects on the event loop. One thread per process
 * (every core already runs a worker process); dashboards under way at once take turns there.
 */
@Injectable()
export class BusinessHoursPool implements OnApplicationShutdown, OffThreadReads {
  readonly pool = new ThreadPool(new URL('./business-hours.worker.ts', import.meta.url), 1);
  /** Whether the thread has opened a connection (closed before the thread at shutdown). */
  private reading = false;

  /** Business hours from each start to its end (epoch ms); the arrays are handed over, not copied. */
  hours(calendar: ZonedCalendar, starts: Float64Array, ends: Float64Array): Promise<Float64Array> {
    return this.pool.run('businessHours', { calendar, starts, ends }, [starts.buffer as ArrayBuffer, ends.buffer as ArrayBuffer]);
  }

  median(parts: Float64Array[]): Promise<number | null> {
    return this.pool.run('medianOf', { parts }, [...new Set(parts.map((p) => p.buffer as ArrayBuffer))]);
  }

  rows(statement: ReportStatement): Promise<SqliteRow[]> {
    this.reading = true;
    return this.pool.run('reportRows', { database: statement.database, statement });
  }

  /** The medians of the business hours of the met timers `timers` pages through (id, target, startedAt, metAt), per target. */
  metMedians(timers: MetTimerPages, calendars: Map<string, ZonedCalendar>, targets: string[]): Promise<Record<string, number | null>> {
    this.reading = true;
    return this.pool.run('metMedians', { database: timers.database, timers, calendars, targets });
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.reading) await this.pool.run('closeReaders', {}).catch(() => undefined);
    await this.pool.close();
  }
}
