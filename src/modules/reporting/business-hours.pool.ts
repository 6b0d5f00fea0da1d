import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { ThreadPool } from '../../common/threads/thread-pool.js';
import type { ZonedCalendar } from '../sla/business-time.js';

/**
 * The dashboard's business hours and medians in a worker thread: at 1 M tickets a two-year
 * dashboard works out hundreds of thousands of business-time spans and sorts them, seconds
 * of CPU that would otherwise stall every request of the process. One thread per process
 * (every core already runs a worker process).
 */
@Injectable()
export class BusinessHoursPool implements OnApplicationShutdown {
  readonly pool = new ThreadPool(new URL('./business-hours.worker.ts', import.meta.url), 1);

  /** Business hours from each start to its end (epoch ms); the arrays are handed over, not copied. */
  hours(calendar: ZonedCalendar, starts: Float64Array, ends: Float64Array): Promise<Float64Array> {
    return this.pool.run('businessHours', { calendar, starts, ends }, [starts.buffer as ArrayBuffer, ends.buffer as ArrayBuffer]);
  }

  median(parts: Float64Array[]): Promise<number | null> {
    return this.pool.run('medianOf', { parts }, [...new Set(parts.map((p) => p.buffer as ArrayBuffer))]);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.close();
  }
}
