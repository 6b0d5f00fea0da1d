import type { DataSource, EntityManager } from 'typeorm';

/**
 * Raw rows as the two drivers hand them back, turned into the values of the API — in this
 * one place. SQLite returns moments as text ('YYYY-MM-DD HH:MM:SS.SSS', UTC), booleans as
 * 0/1 and decimals as numbers; PostgreSQL returns timestamptz as Date, numeric and bigint
 * as strings, booleans as booleans.
 */

const SQLITE_MOMENT = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/;

/** A moment as an ISO string (the API's form), or null. */
export function isoAt(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  // The format TypeORM writes on SQLite is ISO but for the separator and the zone: no Date needed.
  if (SQLITE_MOMENT.test(value)) return `${value.slice(0, 10)}T${value.slice(11)}Z`;
  return atDate(value).toISOString();
}

/** An ISO instant as TypeORM writes moments on SQLite ('YYYY-MM-DD HH:MM:SS.SSS', UTC): a parameter to compare with such a column. */
export function sqliteMoment(iso: string): string {
  return new Date(iso).toISOString().replace('T', ' ').replace('Z', '');
}

/** A moment as a Date, or null. */
export function at(value: Date | string | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value : atDate(value);
}

function atDate(value: string): Date {
  // TypeORM's SQLite text by its digits: a queue page parses hundreds of these, and the
  // zone test, the rewrite and the string parse below were a twentieth of its work.
  if (value.length === 23 && value.charCodeAt(10) === 32) {
    const d = new Date(Date.UTC(digits(value, 0, 4), digits(value, 5, 7) - 1, digits(value, 8, 10), digits(value, 11, 13), digits(value, 14, 16), digits(value, 17, 19), digits(value, 20, 23)));
    if (!Number.isNaN(d.getTime())) return d;
  }
  // SQLite text without a zone is UTC (CURRENT_TIMESTAMP too).
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`);
}

/** The number written in value[from, to), NaN when any of it is not a digit. */
function digits(value: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return n;
}

/** A number (decimal, bigint or COUNT), or null. */
export function numeric(value: string | number | null | undefined): number | null {
  return value === null || value === undefined ? null : Number(value);
}

/** A boolean, or null. */
export function flag(value: boolean | number | string | null | undefined): boolean | null {
  if (value === null || value === undefined) return null;
  return value === true || value === 1 || value === '1' || value === 't' || value === 'true';
}

/** JSON kept as text. */
export function json<T>(value: string | null | undefined): T | null {
  return value === null || value === undefined ? null : (JSON.parse(value) as T);
}

/** `?, ?, ?` for an IN list of n values. */
export const marks = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

/**
 * Runs a statement written with `?` placeholders (numbered `$n` for PostgreSQL), returning
 * raw rows: no entities are built. Column names are quoted so both databases agree.
 */
export function rawRows<T>(db: EntityManager | DataSource, sql: string, params: unknown[] = []): Promise<T[]> {
  const type = 'connection' in db ? db.connection.options.type : db.options.type;
  let i = 0;
  return db.query(type === 'postgres' ? sql.replace(/\?/g, () => `$${++i}`) : sql, params);
}
