import type { DataSource, EntityManager } from 'typeorm';

/**
 * JSON built by the database, in either dialect: a read of a ticket's many small rows (its
 * timeline) returns one text column instead of one JS object per row, which node-sqlite3
 * builds on the main thread (issue 15). Each value says what it is, so SQLite can write its
 * text by concatenation: json_object() and json() parse and re-write every value, which cost
 * more than the rows they replace. PostgreSQL builds json values.
 */
export interface JsonSql {
  /** A text column (null as null). */
  str(column: string): string;
  /** A numeric column (null as null). */
  num(column: string): string;
  /** A moment column as the API's ISO text (`2026-11-30T09:15:00.000Z`), as isoAt() writes it (null as null). */
  iso(column: string): string;
  /** A text column holding JSON (never null), embedded as JSON rather than as a string. */
  raw(column: string): string;
  /** `{"k": value, …}` in the order given; the values from the methods above (or nested objects). */
  object(pairs: [key: string, value: string][]): string;
  /** The rows' `value` as one array in `orderBy` order; `[]` when there are none. */
  array(value: string, orderBy: string): string;
}

const SQLITE: JsonSql = {
  str: (c) => `json_quote(${c})`,
  num: (c) => `COALESCE(${c}, 'null')`,
  // TypeORM's text ('YYYY-MM-DD HH:MM:SS.SSS') by its parts; any other form through strftime (%f: seconds with milliseconds).
  iso: (c) => `CASE WHEN ${c} IS NULL THEN 'null' WHEN length(${c}) = 23 THEN '"' || substr(${c}, 1, 10) || 'T' || substr(${c}, 12) || 'Z"' ELSE '"' || strftime('%Y-%m-%dT%H:%M:%fZ', ${c}) || '"' END`,
  raw: (c) => c,
  // Keys are the code's own names: no quoting needed.
  object: (pairs) => `'{${pairs.map(([k, v], i) => `${i ? ',' : ''}"${k}":' || ${v} || '`).join('')}}'`,
  // Ordered inside the aggregate: the order is then the statement's, not the plan's.
  array: (value, orderBy) => `COALESCE('[' || group_concat(${value}, ',' ORDER BY ${orderBy}) || ']', '[]')`,
};

const POSTGRES: JsonSql = {
  str: (c) => c,
  num: (c) => c,
  iso: (c) => `to_char(${c} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
  raw: (c) => `(${c})::json`,
  object: (pairs) => `json_build_object(${pairs.map(([k, v]) => `'${k}', ${v}`).join(', ')})`,
  array: (value, orderBy) => `COALESCE(json_agg(${value} ORDER BY ${orderBy}), '[]'::json)`,
};

export function jsonSql(db: DataSource | EntityManager): JsonSql {
  const type = 'connection' in db ? db.connection.options.type : db.options.type;
  return type === 'postgres' ? POSTGRES : SQLITE;
}

/** A column built by JsonSql: text from SQLite, already parsed by the PostgreSQL driver (json type). */
export function jsonColumn<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}
