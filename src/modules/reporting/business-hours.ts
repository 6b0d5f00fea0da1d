import { businessMinutesBetween, type ZonedCalendar } from '../sla/business-time.js';
import { median } from './dashboard-figures.js';

/**
 * The dashboard's heavy arithmetic, pure, so that it runs the same in a worker thread
 * (business-hours.worker.ts) as in the caller's: business hours per met timer on a
 * dealer's calendar, and the median of many of them.
 */

/** Business hours from each start to its end (epoch milliseconds, pairwise) on the calendar. */
export function businessHours({ calendar, starts, ends }: { calendar: ZonedCalendar; starts: Float64Array; ends: Float64Array }): Float64Array {
  const out = new Float64Array(starts.length);
  for (let i = 0; i < starts.length; i++) out[i] = businessMinutesBetween(new Date(starts[i]), new Date(ends[i]), calendar) / 60;
  return out;
}

/** The median of the values of several arrays together; null when there are none. */
export function medianOf({ parts }: { parts: Float64Array[] }): number | null {
  const all = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return median(all as unknown as number[]);
}

/**
 * Business hours of met timers gathered per target as they are read (a row at a time, in
 * the worker thread), then their medians: memory is a number per timer, never a row.
 */
export class MetHoursByTarget {
  private readonly hours = new Map<string, { values: Float64Array; length: number }>();

  constructor(targets: string[]) {
    for (const target of targets) this.hours.set(target, { values: new Float64Array(1024), length: 0 });
  }

  /** One met timer: its target, its dealer's calendar, and its start and met moments (epoch ms). */
  add(target: string, calendar: ZonedCalendar, startedAt: number, metAt: number): void {
    const mine = this.hours.get(target);
    if (!mine) return;
    if (mine.length === mine.values.length) {
      const grown = new Float64Array(mine.values.length * 2);
      grown.set(mine.values);
      mine.values = grown;
    }
    mine.values[mine.length++] = businessMinutesBetween(new Date(startedAt), new Date(metAt), calendar) / 60;
  }

  /** The median per target; null for a target without met timers. */
  medians(): Record<string, number | null> {
    return Object.fromEntries([...this.hours].map(([target, mine]) => [target, medianOf({ parts: [mine.values.subarray(0, mine.length)] })]));
  }
}
