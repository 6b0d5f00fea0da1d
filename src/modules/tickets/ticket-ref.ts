import type { EntityManager } from 'typeorm';

/** AM-2026-000123: the year and a number counted per year. */
export function formatRef(year: number, n: number): string {
  return `AM-${year}-${String(n).padStart(6, '0')}`;
}

export const REF_PATTERN = /^AM-\d{4}-\d{6,}$/;

/**
 * The next reference, inside the caller's transaction, in one statement: the upsert takes
 * the row's write lock (PostgreSQL) or the database's (SQLite), so two creations never get
 * the same number. (Lower-case `insert`: TypeORM's SQLite runner runs a statement starting
 * "INSERT " without returning its rows.)
 */
export async function nextRef(m: EntityManager, year: number): Promise<string> {
  return (await nextRefs(m, year, 1))[0]!;
}

/** The next `count` references, in order, taken at once. */
export async function nextRefs(m: EntityManager, year: number, count: number): Promise<string[]> {
  const n = Math.trunc(count);
  if (n < 1) return [];
  const [row] = (await m.query(
    `insert into ref_sequences ("year", "lastValue") VALUES (${m.connection.options.type === 'postgres' ? '$1' : '?'}, ${n}) ON CONFLICT ("year") DO UPDATE SET "lastValue" = ref_sequences."lastValue" + ${n} RETURNING "lastValue"`,
    [year],
  )) as { lastValue: number | string }[];
  const last = Number(row.lastValue);
  return Array.from({ length: n }, (_, i) => formatRef(year, last - n + 1 + i));
}
