import type { EntityManager } from 'typeorm';
import { RefSequence } from './intake/ref-sequence.entity.js';

/** AM-2026-000123: the year and a number counted per year. */
export function formatRef(year: number, n: number): string {
  return `AM-${year}-${String(n).padStart(6, '0')}`;
}

export const REF_PATTERN = /^AM-\d{4}-\d{6,}$/;

/**
 * The next reference, inside the caller's transaction. The UPDATE takes the row's write
 * lock (PostgreSQL) or the database's (SQLite), so two creations never get the same number.
 */
export async function nextRef(m: EntityManager, year: number): Promise<string> {
  await m.createQueryBuilder().insert().into(RefSequence).values({ year, lastValue: 0 }).orIgnore().execute();
  await m.createQueryBuilder().update(RefSequence).set({ lastValue: () => '"lastValue" + 1' }).where('year = :year', { year }).execute();
  const row = await m.findOneByOrFail(RefSequence, { year });
  return formatRef(year, row.lastValue);
}
